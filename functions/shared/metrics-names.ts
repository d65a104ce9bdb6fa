/** Names of the custom CloudWatch metrics the handlers emit and the stack alarms on. */
export const DSR_METRICS = {
  namespace: 'KiaraDsr',
  service: 'kiara-dsr',
  deadlineEscalations: 'DeadlineEscalations',
  storeFailures: 'StoreFailures',
  stepFailures: 'StepFailures',
  /** Closed requests whose record the retention purge deleted (one datum per run). */
  recordsPurged: 'RecordsPurged',
} as const;
