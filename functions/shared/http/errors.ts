/** A client error with a machine-readable code; becomes an HTTP response, never a 5xx. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: { path: string; code: string; message: string }[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
