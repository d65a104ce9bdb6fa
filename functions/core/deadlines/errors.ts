/**
 * Errors with a stable `code`, so that the intake API and the CLI can answer with a
 * clear message instead of a stack trace.
 */

/** A receipt time (or "now") that is not an unambiguous instant. */
export class InvalidInstantError extends Error {
  readonly code = 'invalid_instant';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInstantError';
  }
}

/** A calendar date that is not a real YYYY-MM-DD date. */
export class InvalidDateError extends Error {
  readonly code = 'invalid_date';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidDateError';
  }
}

/** An identity pause that ends before it starts. */
export class InvalidPauseError extends Error {
  readonly code = 'invalid_pause';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPauseError';
  }
}
