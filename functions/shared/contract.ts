import * as z from 'zod';

/**
 * What a Lambda function and whatever deploys, runs or tests it agree on: the folder its
 * code lives in and the environment it reads. The construct writes exactly the names the
 * schema declares (the type checker refuses a missing or unknown one), the handler reads
 * them parsed and typed, and the local runtime and the tests import the same object, so no
 * environment name or entry is written as a free string twice.
 */
export interface FunctionContract<Environment extends z.ZodObject = z.ZodObject> {
  /** Folder under `functions/` whose `index.ts` exports `handler` and `createHandler`. */
  readonly entry: string;
  /** Every environment variable the handler reads: values are strings, parsed on read. */
  readonly environment: Environment;
}

/** Declares a function's contract; the literal types of its entry and names are kept. */
export function defineFunction<const Entry extends string, Environment extends z.ZodObject>(contract: {
  readonly entry: Entry;
  readonly environment: Environment;
}): FunctionContract<Environment> & { readonly entry: Entry } {
  return contract;
}

/** The variables a deployment writes for the function: each declared name, as a string. */
export type EnvironmentOf<C extends FunctionContract> = z.input<C['environment']>;

/** The handler's configuration: the variables parsed (numbers, lists, JSON maps). */
export type ConfigOf<C extends FunctionContract> = z.output<C['environment']>;

/**
 * Reads and parses the handler's environment; a missing or malformed variable fails the
 * first invocation loudly with its name (never its value, which may be an address).
 */
export function readEnvironment<C extends FunctionContract>(contract: C, env: Record<string, string | undefined>): ConfigOf<C> {
  const parsed = contract.environment.safeParse(env);
  if (parsed.success) return parsed.data as ConfigOf<C>;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  throw new Error(`Invalid environment of functions/${contract.entry}: ${problems}`);
}

/**
 * Checks, where the function is deployed, the variables that are known at synth: literal
 * numbers and JSON (a token such as a table name is an opaque string there, and passes).
 */
export function checkEnvironment<C extends FunctionContract>(contract: C, environment: EnvironmentOf<C>): void {
  readEnvironment(contract, environment as Record<string, string>);
}

/** Schemas for the kinds of values an environment carries, each written and read as a string. */
export const variable = {
  /** A required non-empty string (a table name, an ARN, an address). */
  text: () => z.string().min(1),
  /** A URL without its trailing slash, so paths can be appended. */
  baseUrl: () => z.string().transform((url) => url.replace(/\/$/, '')),
  /** A whole number written in decimal. */
  count: () =>
    z
      .string()
      .regex(/^\d+$/, 'expected a whole number')
      .transform((digits) => Number(digits)),
  /** A number of days or hours that may have a fraction (a test stack's link lasts seconds). */
  duration: () =>
    z
      .string()
      .regex(/^\d+(\.\d+)?(e-?\d+)?$/, 'expected a non-negative number')
      .transform((digits) => Number(digits)),
  /** Whole numbers separated by commas, for example "7,2". */
  counts: () =>
    z
      .string()
      .regex(/^\d+(,\d+)*$/, 'expected whole numbers separated by commas')
      .transform((list) => list.split(',').map(Number)),
  /** A JSON value checked against its schema. */
  json: <T extends z.ZodType>(schema: T) =>
    z
      .string()
      .transform((text, context) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          context.addIssue({ code: 'custom', message: 'expected JSON' });
          return z.NEVER;
        }
      })
      .pipe(schema),
} as const;
