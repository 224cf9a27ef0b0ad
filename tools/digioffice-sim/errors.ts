/**
 * ServiceStack's error body: `{"ResponseStatus":{"ErrorCode","Message","Errors":[…]}}`, and the HTTP
 * reason phrase set to the ErrorCode. For validation failures the top-level code and message are those of the first
 * field error, as ServiceStack's ValidationException does.
 */

export interface ResponseErrorWire {
  ErrorCode: string;
  FieldName: string;
  Message: string;
}

export interface ErrorBody {
  ResponseStatus: { ErrorCode: string; Message: string; Errors?: ResponseErrorWire[] };
}

/** Thrown by handlers; the server turns it into the status, reason phrase and body above. */
export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    /** `null` leaves `Errors` out of the body (the 401 "Not Authenticated" body has none). */
    readonly errors: ResponseErrorWire[] | null = [],
  ) {
    super(message);
    this.name = 'SimHttpError';
  }

  get body(): ErrorBody {
    const status: ErrorBody['ResponseStatus'] = { ErrorCode: this.errorCode, Message: this.message };
    if (this.errors) status.Errors = this.errors;
    return { ResponseStatus: status };
  }
}

export function fieldError(ErrorCode: string, FieldName: string, Message: string): ResponseErrorWire {
  return { ErrorCode, FieldName, Message };
}

/** 400 for one or more field validation failures. */
export function validationFailed(errors: ResponseErrorWire[]): SimHttpError {
  const first = errors[0];
  if (!first) throw new Error('validationFailed needs at least one error');
  return new SimHttpError(400, first.ErrorCode, first.Message, errors);
}

/** 400 when the JSON cannot be bound to the request DTO (wrong type, unparseable date or Guid, broken JSON). */
export function bindingFailed(operation: string, errors: ResponseErrorWire[]): SimHttpError {
  return new SimHttpError(400, 'SerializationException', `Unable to bind to request '${operation}'`, errors);
}

/** The `[Authenticate]` failure: exactly this body, no `Errors` (ServiceStack's `HttpError(401, "Not Authenticated")`). */
export function notAuthenticated(): SimHttpError {
  return new SimHttpError(401, 'Not Authenticated', 'Not Authenticated', null);
}

export function notFound(message: string): SimHttpError {
  return new SimHttpError(404, 'NotFound', message);
}
