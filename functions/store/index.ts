import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { storeById } from '../core/inventory/index.js';
import { requestKeys } from '../core/request/keys.js';
import { documentClient } from '../shared/aws-clients.js';
import { requireEnv } from '../shared/env.js';
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
  type StepResult,
} from '../connectors/index.js';

/** The state machine's input: ids only. */
export const storeEventSchema = z.object({
  requestId: z.string().min(1),
  action: z.enum(['collect', 'erase']),
  cursor: z.string().nullish(),
});
export type StoreEvent = z.infer<typeof storeEventSchema>;
export type StoreStepResult = StepResult;

/** The subject's account id from the request record; the state carries only the request id. */
async function loadAccountId(requestsTable: string, requestId: string): Promise<string> {
  const { Item } = await documentClient().send(
    new GetCommand({
      TableName: requestsTable,
      Key: { pk: requestKeys.pk(requestId), sk: requestKeys.meta },
      ProjectionExpression: '#subject',
      ExpressionAttributeNames: { '#subject': 'subject' },
    }),
  );
  const accountId: unknown = Item?.subject?.accountId;
  if (typeof accountId !== 'string' || !accountId) {
    throw new SubjectNotResolvedError(`Request ${requestId} has no resolved account`);
  }
  return accountId;
}

/**
 * The per-store connector Lambda: one per inventory store, all from this entry. Each
 * invocation collects or erases until its time budget runs low and returns a cursor
 * that the state machine passes back.
 */
export function createHandler(env: Record<string, string>) {
  const logger = new Logger({
    serviceName: 'kiara-dsr',
    logLevel: (env.LOG_LEVEL ?? 'INFO') as LogLevel,
    persistentKeys: { storeId: env.STORE_ID },
  });
  // Resolved on first use: the module-level `handler` below is built at import, also
  // where the environment names no store (tests, the local runtime).
  let config: { requestsTable: string; settings: ConnectorSettings; connector: Connector } | undefined;
  const configure = () => {
    const settings = settingsFromEnv(env);
    const connector = createConnector(
      storeById(requireEnv(env, 'STORE_ID')),
      { table: env.STORE_TABLE, bucket: env.STORE_BUCKET, exportBucket: requireEnv(env, 'EXPORT_BUCKET') },
      settings,
    );
    return { requestsTable: requireEnv(env, 'REQUESTS_TABLE'), settings, connector };
  };

  const step = async (rawEvent: unknown, context: Context): Promise<StepResult> => {
    const started = Date.now();
    // For the log lines, also of an event that fails validation: ids only, never the event.
    const { requestId, action } = (rawEvent ?? {}) as Record<string, unknown>;
    const ids = { requestId: String(requestId), action: String(action) };
    try {
      const event = storeEventSchema.parse(rawEvent);
      const { requestsTable, settings, connector } = (config ??= configure());
      const accountId = await loadAccountId(requestsTable, event.requestId);
      const { part, bytes, replayed, ...result } = await runStep(connector, {
        requestsTable,
        requestId: event.requestId,
        accountId,
        action: event.action,
        cursor: event.cursor,
        budget: budgetFrom(context, settings),
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
    // with the name the state machine retries with the same cursor.
    timeoutEarlyInMillis: 500,
    timeoutEarlyResponse: () => {
      throw new StoreUnavailableError('The invocation ran out of time before the connector stopped');
    },
  }).use(injectLambdaContext(logger));
}

export const handler = createHandler(process.env as Record<string, string>);
