import type { ResponseStatus } from '../../src/digioffice/dto';
import { DigiOfficeHttpError } from '../../src/digioffice/errors';

/** The URL of DigiOffice's finish operation, as the client's errors name it. */
export const FINISH_URL = 'https://do.example.nl/api/workflowtasks/finish';

/** DigiOffice's answer to a finish POST with `status` (and its `ResponseStatus`), as the client throws it. */
export const answered = (status: number, responseStatus: ResponseStatus | null = null) =>
  new DigiOfficeHttpError('POST', FINISH_URL, status, responseStatus);
