export { DEFAULT_RECORD_RETENTION_YEARS, expiredClosureBound, isRecordExpired, isValidRetentionYears, recordExpiresAt } from './retention.js';
