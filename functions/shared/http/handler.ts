import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { isTransient } from '../aws-errors.js';
import { logger } from '../logger.js';
import { HttpError } from './errors.js';
import { json } from './response.js';

/** What a 503 asks the caller to wait: past the throttling bursts AWS services clear in seconds. */
const RETRY_AFTER_SECONDS = 5;

export type HttpHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/**
 * The invocation's Lambda context on every log line, and the keys a handler appends
 * cleared when it ends, success or error: a warm container (or the local runtime, where
 * all functions share one logger) never logs one invocation's keys on the next's lines.
 */
const invocationScopedLogs = () => injectLambdaContext(logger, { resetKeys: true });

/**
 * The HTTP handlers' common shell: request-scoped logging keys and one error mapping.
 * An HttpError becomes its status and code; an AWS service still throttling or failing
 * after the SDK's retries a 503 with Retry-After (the caller's retry, with the same
 * Idempotency-Key, is safe); anything else is a logged 500 that says nothing about the input.
 */
export function httpHandler(route: string, handle: HttpHandler) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(invocationScopedLogs())
    .before(async () => {
      logger.appendKeys({ route });
    })
    .onError(async (request) => {
      const error = request.error;
      if (error instanceof HttpError) {
        logger.info('rejected', { status: error.status, code: error.code });
        request.response = json(error.status, {
          error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) },
        });
        return;
      }
      if (isTransient(error)) {
        logger.warn('service unavailable', { errorName: (error as Error).name });
        request.response = json(
          503,
          { error: { code: 'service_unavailable', message: 'The service is busy; please retry shortly.' } },
          { 'retry-after': String(RETRY_AFTER_SECONDS) },
        );
        return;
      }
      logger.error('failed', { errorName: (error as Error | undefined)?.name });
      request.response = json(500, { error: { code: 'internal_error', message: 'Something went wrong on our side.' } });
    })
    .handler(handle);
}

/** Wraps a Step Functions task handler: logs the step and request id, rethrows errors. */
export function stepHandler<E extends { requestId: string }, R>(
  step: string,
  handle: (event: E, context: Context) => Promise<R>,
) {
  return middy<E, R>()
    .use(invocationScopedLogs())
    .before(async (request) => {
      logger.appendKeys({ step, requestId: request.event.requestId });
    })
    .onError(async (request) => {
      logger.error('step failed', { errorName: (request.error as Error | undefined)?.name });
    })
    .handler(handle);
}
