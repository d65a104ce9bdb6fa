import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { signPayload } from '../../../functions/core/intake/signature.js';
import { documentClient } from '../../../functions/shared/aws-clients.js';
import type { DsrLocalOptions } from '../../../lib/local/dsr-local.js';
import { client, startTarget, type DsrTarget } from '../../workflow/target.js';

export const CURRENT_SECRET = 'intake-test-current-secret';
export const PREVIOUS_SECRET = 'intake-test-previous-secret';

/** The system with two active webhook secrets, as during a rotation; journeys sign with the current one. */
export async function startRotatingTarget(options: DsrLocalOptions = {}): Promise<DsrTarget> {
  const target = await startTarget({ ...options, webhookSecret: `${CURRENT_SECRET},${PREVIOUS_SECRET}` });
  return { ...target, webhookSecret: CURRENT_SECRET };
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** POSTs a raw intake body with exactly the headers given. */
export function post(target: DsrTarget, raw: string, headers: Record<string, string>) {
  return client(target).call('/v1/requests', { method: 'POST', headers, body: raw });
}

/** Headers of a signed JSON delivery. */
export function signed(raw: string, secret = CURRENT_SECRET, at = nowSeconds(), extra: Record<string, string> = {}) {
  return { 'content-type': 'application/json', 'x-dsr-signature': signPayload(secret, raw, at), ...extra };
}

/** Items of the requests table, optionally only those whose sort key starts with `sk`. */
export async function tableItems(target: DsrTarget, sk?: string): Promise<Record<string, any>[]> {
  const items: Record<string, any>[] = [];
  let start: Record<string, any> | undefined;
  do {
    const page = await documentClient().send(
      new ScanCommand({ TableName: target.local!.resources.requestsTable, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return sk ? items.filter((item) => String(item.sk).startsWith(sk)) : items;
}

/** Executions of the DSR workflow and of the deadline watch. */
export function executions(target: DsrTarget) {
  const sfn = target.local!.runtime.stepFunctions;
  const { workflowArn, watchArn } = target.local!.resources;
  return {
    workflow: sfn.listExecutions({ stateMachineArn: workflowArn, maxResults: 1000 }).executions,
    watch: sfn.listExecutions({ stateMachineArn: watchArn, maxResults: 1000 }).executions,
  };
}
