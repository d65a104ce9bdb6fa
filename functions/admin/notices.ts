import { extensionNotice, type RenderedEmail } from '../core/render/index.js';
import type { DsrRequestRecord, NoticeKind } from '../core/request/model.js';
import { logger } from '../shared/logger.js';
import { sendOnce } from '../shared/mailer.js';
import type { RequestsRepo } from '../shared/requests-repo.js';

/**
 * The email of a queued notice, rendered from the request as it stands: the outbox holds
 * only the kind, so no text or address waits in it. Each kind also says what of the
 * record shows when it was sent.
 */
const NOTICES: Record<NoticeKind, {
  render(request: DsrRequestRecord): RenderedEmail;
  sent(request: DsrRequestRecord, at: string): Partial<DsrRequestRecord>;
}> = {
  extension_notice: {
    render: (request) => extensionNotice({
      locale: request.locale,
      requestId: request.requestId,
      reason: request.extension!.reason,
      originalDeadline: request.deadlines.initial.legal,
      extendedDeadline: request.deadlines.extended.legal,
    }),
    sent: (request, at) => ({ extension: { ...request.extension!, subjectNotifiedAt: at } }),
  },
};

/**
 * Sends the request's queued notices, each exactly once: the mail marker stops a second
 * send, a failed send gives its marker back, and the outbox entry goes only after the
 * email went out (a retry that finds the marker just clears it). Returns the kinds still
 * pending, so the caller can say so; a failure is logged, never thrown.
 */
export async function deliverNotices(repo: RequestsRepo, requestId: string, from: string): Promise<NoticeKind[]> {
  const pending: NoticeKind[] = [];
  for (const kind of Object.keys((await repo.get(requestId)).outbox ?? {}) as NoticeKind[]) {
    try {
      const request = await repo.get(requestId);
      await sendOnce(repo, { requestId, kind, from, to: request.contactEmail, email: NOTICES[kind].render(request) });
      const { [kind]: _sent, ...rest } = request.outbox ?? {};
      await repo.update(requestId, { ...NOTICES[kind].sent(request, new Date().toISOString()), outbox: rest });
    } catch (error) {
      logger.warn('notice not sent; it stays pending', { kind, error: (error as Error).name });
      pending.push(kind);
    }
  }
  return pending;
}
