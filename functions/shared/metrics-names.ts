/** Names of the custom CloudWatch metrics the handlers emit and the stack alarms on. */
export const DSR_METRICS = {
  namespace: 'KiaraDsr',
  service: 'kiara-dsr',
  deadlineEscalations: 'DeadlineEscalations',
  storeFailures: 'StoreFailures',
  stepFailures: 'StepFailures',
  /** Mail to the privacy address the intake did not file (over its rate limit); the team's queue lists it. */
  mailNotFiled: 'MailNotFiled',
  /** Closed requests whose record the retention purge deleted (one datum per run). */
  recordsPurged: 'RecordsPurged',
} as const;
