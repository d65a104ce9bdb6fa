import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { storeById } from '../../core/inventory/index.js';
import { planStores, type StorePlan } from '../../core/plan/plan.js';
import { documentClient } from '../../shared/aws-clients.js';
import { requireEnv } from '../../shared/env.js';
import { stepHandler } from '../../shared/http/handler.js';
import { lambdaEntry } from '../../shared/lambda-entry.js';
import { workflowEnv } from '../../shared/workflow-env.js';

/**
 * Finds the Kiara account of the verified requester by email (the account store's email
 * index) and plans which stores the request touches. Returns flags only: the account id
 * stays in the request item, never in the execution's state.
 */
export function createHandler(env: Record<string, string>) {
  const { repo } = workflowEnv(env);
  const accountTable = requireEnv(env, 'ACCOUNT_TABLE');
  const location = storeById('account').location;
  if (location.kind !== 'dynamodb' || !location.emailIndex) throw new Error('account store needs an email index');
  const emailIndex = location.emailIndex;

  return stepHandler('resolve-subject', async (event: { requestId: string }): Promise<{ found: boolean; plan: StorePlan }> => {
    const request = await repo.get(event.requestId);
    // A dashboard filing names its account (the session proved it); others are found by
    // their verified address.
    const { Items } = await documentClient().send(
      request.accountId
        ? new QueryCommand({
            TableName: accountTable,
            KeyConditionExpression: 'accountId = :id',
            FilterExpression: 'attribute_exists(email)',
            ExpressionAttributeValues: { ':id': request.accountId },
          })
        : new QueryCommand({
            TableName: accountTable,
            IndexName: emailIndex,
            KeyConditionExpression: 'email = :email',
            ExpressionAttributeValues: { ':email': request.contactEmail },
            Limit: 1,
          }),
    );
    const accountId = Items?.[0]?.accountId as string | undefined;
    const found = accountId !== undefined;
    const accountEmail = found ? String(Items![0]!.email).toLowerCase() : undefined;
    // A minor's account is told at its own address; nobody else asked.
    const minor = request.filing?.ground === 'minor';
    // Replying to another address than the account's is the privacy team's call (Review).
    const emailDiffers = found && !minor && accountEmail !== request.contactEmail;
    await repo.update(event.requestId, {
      subject: { found, ...(accountId ? { accountId } : {}) },
      status: found ? 'awaiting_review' : 'responding',
      ...(emailDiffers ? { reviewNote: 'requester_email_differs_from_account' as const } : {}),
      ...(minor && accountEmail ? { contactEmail: accountEmail } : {}),
    });
    await repo.audit(event.requestId, {
      type: 'subject_resolved',
      actor: 'workflow',
      details: { found, method: request.accountId ? (request.filing ? 'team_filed_account' : 'dashboard_account') : 'verified_email', emailDiffers },
    });
    return { found, plan: planStores(request.types) };
  });
}

export const handler = lambdaEntry(createHandler);
