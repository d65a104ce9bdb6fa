import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';

/**
 * One structured logger per process. Log ids, counts and codes only: never an email
 * address, a name, a token or item content (tests assert this on captured logs).
 */
export const logger = new Logger({ serviceName: 'kiara-dsr', logLevel: (process.env.LOG_LEVEL ?? 'INFO') as LogLevel });
