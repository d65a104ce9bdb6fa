import { RECEIVED_ONCE, receivedEvent } from '../../core/request/received.js';
import { acknowledgementOf, type Verification } from '../../shared/acknowledgement.js';
import { readEnvironment } from '../../shared/contract.js';
import { lambdaEntry } from '../../shared/lambda-entry.js';
import { LinkTokens } from '../../shared/link-tokens.js';
import { sendOnce } from '../../shared/mailer.js';
import { startWatch } from '../../shared/start-once.js';
import { stepHandler } from '../../shared/http/handler.js';
import { DynamoRequestsRepo } from '../../shared/requests-repo.js';
import { acknowledgeContract, type AcknowledgeEvent, type AcknowledgeResult } from './contract.js';

/**
 * Acknowledges receipt (date, deadline) and, for requests that need it, sends the
 * identity link. A request filed by the signed-in dashboard (an account id under a valid
 * webhook signature) needs none: the session proved control of the account, and the
 * state machine then skips VerifyIdentity. The link's token is created only when the
 * acknowledgement has not gone out yet, so a retried step never invalidates the link
 * the requester holds. It also records the `received` audit event and starts the request's
 * deadline watch (one execution named by the request id), each once though the step is
 * retried: the intake makes two calls less.
 */
export function createHandler(env: Record<string, string>) {
  const config = readEnvironment(acknowledgeContract, env);
  const repo = new DynamoRequestsRepo(config.REQUESTS_TABLE);
  const links = new LinkTokens(config.REQUESTS_TABLE);

  return stepHandler('acknowledge', async (event: AcknowledgeEvent): Promise<AcknowledgeResult> => {
    const request = await repo.get(event.requestId);
    // The intake leaves the receipt to this step (requests stored before it did not: no details).
    if (request.receivedDetails) await repo.recordOnce(request.requestId, receivedEvent(request), RECEIVED_ONCE);
    await startWatch(config, request);
    // A team filing is checked by link unless the team verified it; a minor's erasure was
    // asked by nobody: no link and no acknowledgement (the account's address is told after).
    const { filing } = request;
    const minor = filing?.ground === 'minor';
    const needsVerification = filing ? filing.identity !== 'verified' && !minor : request.accountId === undefined;
    if (minor) {
      await repo.setStatus(request.requestId, 'resolving');
      return { needsVerification, needsTriage: false };
    }
    if (!(await repo.sentMails(request.requestId)).includes('acknowledgement')) {
      let verification: Verification = null;
      if (needsVerification) {
        const expiresAt = new Date(Date.now() + config.IDENTITY_LINK_DAYS * 86_400_000).toISOString();
        const asked = await repo.openStep({
          requestId: request.requestId,
          step: 'verify_identity',
          stepKey: 'verify_identity',
          status: 'pending',
          createdAt: new Date().toISOString(),
          details: { method: 'email_link', expiresAt },
        });
        if (asked.status === 'pending') {
          const token = await links.issue({ purpose: 'verify', requestId: request.requestId, expiresAt });
          // Resent links expire with this one: the workflow's wait does not move.
          await repo.update(request.requestId, { identityExpiresAt: expiresAt });
          verification = { verifyUrl: `${config.PUBLIC_API_URL}/v1/verify/${token}`, expiresAt };
        } else {
          // The person already confirmed, with the link of a copy that SES accepted right
          // before an earlier try died: this copy asks nothing more (and the workflow's wait
          // finds the decision when it parks).
          verification = 'confirmed_by_link';
        }
      } else {
        await repo.auditOnce(request.requestId, {
          type: 'identity_verified',
          actor: filing ? filing.filedBy : 'kiara-dashboard',
          details: { method: filing ? 'privacy_team' : 'dashboard_session' },
        });
      }
      await sendOnce(repo, {
        requestId: request.requestId,
        kind: 'acknowledgement',
        from: config.SENDER_EMAIL,
        to: request.contactEmail,
        email: acknowledgementOf(request, verification),
      });
    }
    if (needsVerification) await repo.setStatus(request.requestId, 'awaiting_identity', { pendingStep: 'verify_identity' });
    else await repo.setStatus(request.requestId, 'resolving');
    // A mail to the privacy address names no rights: the team reads it (Triage) after the identity step.
    return { needsVerification, needsTriage: request.types.length === 0 };
  });
}

export const handler = lambdaEntry(createHandler);
