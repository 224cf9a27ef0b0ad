import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DigiOfficeClient } from '../../../src/digioffice/client';
import { DigiOfficeHttpError, DigiOfficeTimeoutError } from '../../../src/digioffice/errors';
import { isAlreadyFinished, mayHaveBeenReceived } from '../../../src/digioffice/finishAnswers';
import { createDigiOfficeSimulator, type DigiOfficeSimulator } from '../../../tools/digioffice-sim';
import { approveInvoice } from '../../helpers/expectedOperations';
import { answered, FINISH_URL } from '../../helpers/finishAnswers';
import { closedPort, failure, RecordingServer } from './recordingServer';

const approve42 = approveInvoice([42], null);

describe('isAlreadyFinished()', () => {
  let sim: DigiOfficeSimulator;
  let client: DigiOfficeClient;
  beforeAll(async () => {
    sim = createDigiOfficeSimulator();
    client = new DigiOfficeClient({ baseUrl: await sim.listen(), timeoutMs: 5000 });
  });
  afterAll(() => sim.close());

  it('[inference] takes DigiOffice’s 400 InvalidOperationException on TaskIDs for a finished task as "already finished"', async () => {
    const { BearerToken } = await client.authenticateWithCredentials('alexw', 'demo');
    await client.finishTasks(approve42, BearerToken ?? '');

    const again = await failure(client.finishTasks(approve42, BearerToken ?? ''));

    expect(again).toBeInstanceOf(DigiOfficeHttpError);
    expect((again as DigiOfficeHttpError).responseStatus).toEqual({
      ErrorCode: 'InvalidOperationException',
      Message: 'Workflow task 42 is already finished.',
      Errors: [{ ErrorCode: 'InvalidOperationException', FieldName: 'TaskIDs', Message: 'Workflow task 42 is already finished.' }],
    });
    expect(isAlreadyFinished(again)).toBe(true);
  });

  it('[inference] also takes the plausible other wordings: a conflict, an unmapped exception, the words alone, in Dutch', () => {
    expect([
      isAlreadyFinished(answered(409, { ErrorCode: 'OptimisticConcurrencyException', Message: 'Task 42 has already been completed.' })),
      isAlreadyFinished(answered(500, { ErrorCode: 'InvalidOperationException', Message: 'The task is already closed.' })),
      isAlreadyFinished(
        answered(400, {
          ErrorCode: 'InvalidOperationException',
          Errors: [{ ErrorCode: 'InvalidOperationException', FieldName: 'TaskIDs[0]' }],
        }),
      ),
      isAlreadyFinished(answered(400, { ErrorCode: 'ArgumentException', Message: 'Taak 42 is al afgerond.' })),
      isAlreadyFinished(
        answered(400, { Errors: [{ ErrorCode: 'Predicate', FieldName: 'TaskIDs', Message: 'Deze taak is reeds afgehandeld.' }] }),
      ),
    ]).toEqual([true, true, true, true, true]);
  });

  it('is not an input error, a missing task, a refusal, an outage or a message without a DigiOffice answer', () => {
    const reasonRequired = {
      ErrorCode: 'NotEmpty',
      Message: "'Reason' must not be empty.",
      Errors: [{ ErrorCode: 'NotEmpty', FieldName: 'Reason' }],
    };
    expect([
      isAlreadyFinished(answered(400, reasonRequired)),
      isAlreadyFinished(answered(400, { ErrorCode: 'ArgumentException', Message: 'Workflow task 99 does not exist.' })),
      isAlreadyFinished(
        answered(400, {
          ErrorCode: 'InvalidOperationException',
          Errors: [{ ErrorCode: 'InvalidOperationException', FieldName: 'Transitions[0].ID' }],
        }),
      ),
      isAlreadyFinished(answered(403, { ErrorCode: 'UnauthorizedAccessException', Message: 'Task 42 is already finished.' })),
      isAlreadyFinished(answered(404, { ErrorCode: 'NotFound', Message: 'Task 42 is already finished.' })),
      isAlreadyFinished(answered(503, { ErrorCode: 'ServiceUnavailable', Message: 'Already finished maintenance? No.' })),
      isAlreadyFinished(answered(400, null)),
      isAlreadyFinished(new DigiOfficeTimeoutError('POST', FINISH_URL, 8000)),
      isAlreadyFinished(new Error('Task 42 is already finished.')),
    ]).toEqual([false, false, false, false, false, false, false, false, false]);
  });
});

describe('mayHaveBeenReceived(): whether a finish that failed may still have been applied', () => {
  let server: RecordingServer;
  beforeAll(async () => {
    server = await RecordingServer.start();
  });
  afterAll(() => server.close());

  it('yes, when DigiOffice took the request and did not answer within the timeout', async () => {
    server.reset({ hang: true });
    const client = new DigiOfficeClient({ baseUrl: server.url, timeoutMs: 200 });
    const error = await failure(client.finishTasks(approve42, 'bearer'));
    expect(error).toBeInstanceOf(DigiOfficeTimeoutError);
    expect(server.requests).toHaveLength(1);
    expect(mayHaveBeenReceived(error)).toBe(true);
  });

  it('yes, when the connection closed after the request was sent', async () => {
    const dropping = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.socket?.destroy());
    });
    await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = dropping.address() as AddressInfo;
      const client = new DigiOfficeClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 5000 });
      expect(mayHaveBeenReceived(await failure(client.finishTasks(approve42, 'bearer')))).toBe(true);
    } finally {
      dropping.closeAllConnections();
      await new Promise<void>((resolve) => dropping.close(() => resolve()));
    }
  });

  it('yes, when a gateway in front of DigiOffice gave up waiting (504)', () => {
    expect(mayHaveBeenReceived(answered(504, null))).toBe(true);
  });

  it('no, when nothing listens (the request never left) or DigiOffice answered', async () => {
    const client = new DigiOfficeClient({ baseUrl: `http://127.0.0.1:${await closedPort()}`, timeoutMs: 5000 });
    const refused = await failure(client.finishTasks(approve42, 'bearer'));
    expect([mayHaveBeenReceived(refused), mayHaveBeenReceived(answered(500, null)), mayHaveBeenReceived(answered(400, null))]).toEqual([
      false,
      false,
      false,
    ]);
  });
});
