import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { MiddyHandlerObject } from '@middy/core';
import type { Context } from 'aws-lambda';
import { storeById } from '../core/inventory/index.js';
import { readEnvironment } from '../shared/contract.js';
import { logger as processLogger } from '../shared/logger.js';
import { DynamoRequestsRepo } from '../shared/requests-repo.js';
import {
  budgetFrom,
  classify,
  createConnector,
  runStep,
  settingsFromEnv,
  StoreUnavailableError,
  SubjectNotResolvedError,
  type Connector,
  type ConnectorSettings,
} from '../connectors/index.js';
import { storeContract, storeEventSchema, type StoreStepResult } from './contract.js';

/** The subject's account id from the request record; the state carries only the request id. */
async function loadAccountId(requests: DynamoRequestsRepo, requestId: string): Promise<string> {
  const accountId = await requests.subjectAccountId(requestId);
  if (!accountId) throw new SubjectNotResolvedError(`Request ${requestId} has no resolved account`);
  return accountId;
}

/**
 * The per-store connector Lambda: one per inventory store, all from this entry. Each
 * invocation collects or erases until its time budget runs low and returns a cursor
 * that the state machine passes back.
 */
export function createHandler(env: Record<string, string>) {
  // The process's logger (its level from LOG_LEVEL, as every handler's), with the store on each line.
  const logger = processLogger.createChild({ persistentKeys: { storeId: env.STORE_ID } });
  // Resolved on first use: the module-level `handler` below is built at import, also
  // where the environment names no store (tests, the local runtime).
  let config: { requestsTable: string; requests: DynamoRequestsRepo; settings: ConnectorSettings; connector: Connector } | undefined;
  const configure = () => {
    const variables = readEnvironment(storeContract, env);
    const settings = settingsFromEnv(variables);
    const connector = createConnector(
      storeById(variables.STORE_ID),
      { table: variables.STORE_TABLE, bucket: variables.STORE_BUCKET, exportBucket: variables.EXPORT_BUCKET },
      settings,
    );
    const requestsTable = variables.REQUESTS_TABLE;
    return { requestsTable, requests: new DynamoRequestsRepo(requestsTable), settings, connector };
  };

  const step = async (rawEvent: unknown, context: Context, { signal }: MiddyHandlerObject): Promise<StoreStepResult> => {
    const started = Date.now();
    // For the log lines, also of an event that fails validation: ids only, never the event.
    const { requestId, action } = (rawEvent ?? {}) as Record<string, unknown>;
    const ids = { requestId: String(requestId), action: String(action) };
    try {
      const event = storeEventSchema.parse(rawEvent);
      const { requestsTable, requests, settings, connector } = (config ??= configure());
      const accountId = await loadAccountId(requests, event.requestId);
      const { part, bytes, replayed, ...result } = await runStep(connector, {
        requestsTable,
        requestId: event.requestId,
        accountId,
        action: event.action,
        cursor: event.cursor,
        budget: budgetFrom(context, settings, signal),
        invocation: context.awsRequestId,
      });
      logger.info('Store step done', {
        ...ids,
        part,
        items: result.items,
        bytes,
        done: result.done,
        replayed,
        durationMs: Date.now() - started,
      });
      return result;
    } catch (error) {
      const failure = classify(error);
      const { name, message } = failure instanceof Error ? failure : new Error(String(failure));
      logger.error('Store step failed', { ...ids, errorName: name, errorMessage: message, durationMs: Date.now() - started });
      throw failure;
    }
  };

  return middy(step, {
    // Our own budget stops well before this; should a single page still overrun, fail
    // with the name the state machine retries with the same cursor. The handler's signal
    // aborts then, ending the budget, so the given-up run records nothing beside the retry;
    // what it still had in flight the retry's claim on the part fences off (PartClaim).
    timeoutEarlyInMillis: 500,
    timeoutEarlyResponse: () => {
      throw new StoreUnavailableError('The invocation ran out of time before the connector stopped');
    },
  }).use(injectLambdaContext(logger));
}

export const handler = createHandler(process.env as Record<string, string>);
