/**
 * Where a state machine keeps a step's result, and JSONPaths to its fields: the type
 * checker refuses a field the step's contract does not return, so a renamed result field
 * breaks the construct that branches on it.
 */
export interface StepResultPath<Result> {
  readonly path: string;
  field<Name extends keyof Result & string>(name: Name): string;
}

/** The result of type `Result` kept at `path` (a JSONPath such as `$.ack`). */
export function resultAt<Result>(path: string): StepResultPath<Result> {
  return { path, field: (name) => `${path}.${name}` };
}
