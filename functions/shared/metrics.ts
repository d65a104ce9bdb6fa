import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { DSR_METRICS } from './metrics-names.js';

let metrics: Metrics | undefined;

/**
 * Emits a count (default one) of a custom metric (CloudWatch embedded metric format, written to the
 * log, so no API call and no extra permission). The stack's alarms watch these.
 */
export function countMetric(name: string, dimensions: Record<string, string> = {}, count = 1): void {
  metrics ??= new Metrics({ namespace: DSR_METRICS.namespace, serviceName: DSR_METRICS.service });
  for (const [key, value] of Object.entries(dimensions)) metrics.addDimension(key, value);
  metrics.addMetric(name, MetricUnit.Count, count);
  metrics.publishStoredMetrics();
}
