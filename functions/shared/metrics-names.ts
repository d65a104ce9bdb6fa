/** Names of the custom CloudWatch metrics the handlers emit and the stack alarms on. */
export const DSR_METRICS = {
  namespace: 'KiaraDsr',
  service: 'kiara-dsr',
  deadlineEscalations: 'DeadlineEscalations',
  storeFailures: 'StoreFailures',
} as const;
