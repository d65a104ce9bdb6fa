import type { FieldError } from '../../core/intake/responses.js';

/** A client error with a machine-readable code; becomes an HTTP response, never a 5xx. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
