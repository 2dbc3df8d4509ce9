// Typed errors the services throw; the one error handler turns each into a GOV.UK page or problem+json.
export interface FieldError { field: string; message: string }

export class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
    this.name = new.target.name;
  }
}
export class NotFoundError extends HttpError {
  constructor(message = 'Page not found') { super(404, message); }
}
/** Nobody is signed in: pages send the visitor to sign in, the API answers 401. */
export class UnauthenticatedError extends HttpError {
  constructor(message = 'You need to sign in') { super(401, message); }
}
export class ForbiddenError extends HttpError {
  constructor(message = 'You do not have permission to do this') { super(403, message); }
}
export class ConflictError extends HttpError {
  constructor(message: string) { super(409, message); }
}
/** Bad input: a list of field errors, shown in an error summary or as problem+json `errors`. */
export class ValidationError extends HttpError {
  readonly errors: FieldError[];
  constructor(errors: FieldError[], message = 'There is a problem') {
    super(400, message);
    this.errors = errors;
  }
}
