import { acknowledgement } from '../../core/render/index.js';
import { lambdaEntry } from '../../shared/lambda-entry.js';
import { LinkTokens } from '../../shared/link-tokens.js';
import { sendOnce } from '../../shared/mailer.js';
import { stepHandler } from '../../shared/http/handler.js';
import { workflowEnv } from '../../shared/workflow-env.js';

/**
 * Acknowledges receipt (date, deadline) and, for requests that need it, sends the
 * identity link. The link's token is created only when the acknowledgement has not gone
 * out yet, so a retried step never invalidates the link the requester holds.
 */
export function createHandler(env: Record<string, string>) {
  const config = workflowEnv(env);
  const { repo } = config;
  const links = new LinkTokens(config.table);

  return stepHandler('acknowledge', async (event: { requestId: string }) => {
    const request = await repo.get(event.requestId);
    const needsVerification = true;
    if (!(await repo.sentMails(request.requestId)).includes('acknowledgement')) {
      const expiresAt = new Date(Date.now() + config.identityLinkDays * 86_400_000).toISOString();
      const token = await links.issue({ purpose: 'verify', requestId: request.requestId, expiresAt });
      await repo.putStep({
        requestId: request.requestId,
        step: 'verify_identity',
        stepKey: 'verify_identity',
        status: 'pending',
        createdAt: new Date().toISOString(),
        details: { method: 'email_link', expiresAt },
      });
      await sendOnce(repo, {
        requestId: request.requestId,
        kind: 'acknowledgement',
        from: config.senderEmail,
        to: request.contactEmail,
        email: acknowledgement({
          locale: request.locale,
          requestId: request.requestId,
          types: request.types,
          receivedAt: request.receivedAt,
          deadline: request.deadlines.initial.legal,
          verification: { verifyUrl: `${config.publicApiUrl}/v1/verify/${token}`, expiresAt },
        }),
      });
    }
    await repo.setStatus(request.requestId, 'awaiting_identity', { pendingStep: 'verify_identity' });
    return { needsVerification };
  });
}

export const handler = lambdaEntry(createHandler);
