import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type * as z from 'zod';
import type { EnvironmentOf, FunctionContract } from '../../functions/shared/contract.js';
import { workflowSettings } from '../../functions/workflow/contract.js';

/** The settings the workflow's steps and the deadline watch share, as a deployment writes them. */
export type WorkflowEnvironment = z.input<typeof workflowSettings>;

/** The block every function that mails the privacy team reads: its request, the sender, the team, the console. */
export function teamMailEnvironment(props: {
  readonly requestsTable: ITable;
  readonly mail: { readonly senderEmail: string; readonly privacyTeamEmail: string };
  readonly consoleUrl: string;
}) {
  return {
    REQUESTS_TABLE: props.requestsTable.tableName,
    SENDER_EMAIL: props.mail.senderEmail,
    PRIVACY_TEAM_EMAIL: props.mail.privacyTeamEmail,
    CONSOLE_URL: props.consoleUrl,
  } satisfies Partial<WorkflowEnvironment>;
}

/**
 * What a function's construct writes besides the shared settings: nothing at all where
 * those are all it reads (an empty object type would let any name through).
 */
export type OwnEnvironment<C extends FunctionContract, Shared> =
  Exclude<keyof EnvironmentOf<C>, keyof Shared> extends never ? Record<string, never> : Omit<EnvironmentOf<C>, keyof Shared>;

/**
 * A function's environment: of the shared settings the names its contract declares (and
 * no other, so a function reads nothing it was not meant to), and its own. What the
 * shared settings lack, `own` must write: the type checker refuses a missing or unknown name.
 */
export function stepEnvironment<C extends FunctionContract, Shared extends Partial<WorkflowEnvironment>>(
  contract: C,
  shared: Shared,
  own: OwnEnvironment<C, Shared>,
): EnvironmentOf<C> {
  const values: Readonly<Record<string, string | undefined>> = shared;
  const names = Object.keys(contract.environment.shape).filter((name) => values[name] !== undefined);
  return { ...Object.fromEntries(names.map((name) => [name, values[name]])), ...own } as EnvironmentOf<C>;
}
