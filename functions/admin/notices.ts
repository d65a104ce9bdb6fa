import { accessReady, extensionNotice, type RenderedEmail } from '../core/render/index.js';
import type { EmailMarker } from '../core/request/email-kinds.js';
import type { DsrRequestRecord, NoticeKind } from '../core/request/model.js';
import { logger } from '../shared/logger.js';
import type { AdminPorts } from './ports.js';

/** What sending a queued notice needs (the notice sender's Lambda has these, too). */
export type NoticeSendPorts = Pick<AdminPorts, 'repo' | 'mailer' | 'downloadLinks' | 'storeResults'>;
/** What an action that queues notices needs: also their sender. */
export type NoticePorts = NoticeSendPorts & Pick<AdminPorts, 'noticeSender'>;

/** A queued notice made ready to send: its email, its once-only mail kind, and what the record keeps once sent. */
interface PreparedNotice {
  email: RenderedEmail;
  mailKind: EmailMarker;
  sent(at: string): Partial<DsrRequestRecord>;
}

/**
 * How each kind of notice is prepared from the request as it stands: the outbox holds
 * only the kind (and a download link's id), never a text, an address or a token.
 */
const NOTICES: Record<NoticeKind, (request: DsrRequestRecord, ports: NoticeSendPorts) => Promise<PreparedNotice>> = {
  extension_notice: async (request) => ({
    email: extensionNotice({
      locale: request.locale,
      requestId: request.requestId,
      reason: request.extension!.reason,
      originalDeadline: request.deadlines.initial.legal,
      extendedDeadline: request.deadlines.extended.legal,
    }),
    mailKind: 'extension_notice',
    sent: (at) => ({ extension: { ...request.extension!, subjectNotifiedAt: at } }),
  }),
  // A new token each attempt, all under the queued id: whichever email goes out, its link is the current one.
  download_link: async (request, ports) => {
    const linkId = request.outbox!.download_link!.linkId!;
    const { record, ...link } = await ports.downloadLinks.issue(request, linkId);
    const stores = (await ports.storeResults(request.requestId)).filter((store) => store.action === 'collect');
    return {
      email: accessReady({
        locale: request.locale,
        requestId: request.requestId,
        types: request.types.filter((right) => right === 'access' || right === 'portability'),
        reissued: true,
        ...link,
        stores: stores.map((store) => ({ storeId: store.storeId, itemCount: store.items })),
      }),
      mailKind: `download_link#${linkId}`,
      sent: () => ({ downloadLink: record }),
    };
  },
};

/** One queued notice, as its sender knows it: ids and times only, never a text or an address. */
export interface QueuedNotice {
  readonly requestId: string;
  readonly notice: NoticeKind;
  /** When it was queued: a notice queued again later (a second new link) is another one. */
  readonly queuedAt: string;
}

/**
 * The execution of one queued notice, named by the request, the kind and when it was
 * queued (at most 36 + 1 + 16 + 1 + 13 characters, within Step Functions' 80): starting it
 * again is a no-op, and a notice queued anew gets an execution of its own.
 */
export const noticeExecutionName = (queued: QueuedNotice) => `${queued.requestId}-${queued.notice}-${Date.parse(queued.queuedAt)}`;

/**
 * Sends one queued notice exactly once: the mail marker stops a second send, a failed
 * send gives its marker back and throws (the caller retries), and the outbox entry goes
 * only after the email went out (a retry that finds the marker just clears it). A notice
 * no longer queued as it was (sent already, or queued anew) is left alone: `not_queued`.
 */
export async function sendNotice(ports: NoticeSendPorts, queued: QueuedNotice): Promise<'sent' | 'not_queued'> {
  const { repo } = ports;
  // Read consistently: the notice, or the address it goes to, may have been written just now.
  const request = await repo.get(queued.requestId, true);
  if (request.outbox?.[queued.notice]?.queuedAt !== queued.queuedAt) return 'not_queued';
  const notice = await NOTICES[queued.notice](request, ports);
  await ports.mailer.sendOnce({ requestId: queued.requestId, kind: notice.mailKind, to: request.contactEmail, email: notice.email });
  const { [queued.notice]: _sent, ...rest } = request.outbox;
  await repo.update(queued.requestId, { ...notice.sent(new Date().toISOString()), outbox: rest });
  return 'sent';
}

/**
 * Sends the request's queued notices now, each once, after making sure each has its
 * sender (started once per notice, it retries without anyone acting). Returns the kinds
 * still pending; a failed send is logged and left to the sender, never thrown. A sender
 * that cannot be started fails the call (503), so the person repeats it.
 */
export async function deliverNotices(ports: NoticePorts, requestId: string): Promise<NoticeKind[]> {
  const pending: NoticeKind[] = [];
  const outbox = (await ports.repo.get(requestId)).outbox ?? {};
  for (const notice of Object.keys(outbox) as NoticeKind[]) {
    const queued = { requestId, notice, queuedAt: outbox[notice]!.queuedAt };
    await ports.noticeSender.start(queued);
    try {
      await sendNotice(ports, queued);
    } catch (error) {
      logger.warn('notice not sent; its sender retries it', { kind: notice, error: (error as Error).name });
      pending.push(notice);
    }
  }
  return pending;
}

/**
 * A notice its sender gave up on (retries spent, or a refusal no retry changes): while it
 * is still queued, the privacy team is emailed once and the failure audited. The notice
 * stays pending; the team sends it with `send-notices` once the cause is fixed.
 */
export async function reportUnsentNotice(ports: Pick<NoticeSendPorts, 'repo' | 'mailer'>, queued: QueuedNotice, team: { to: string; email: RenderedEmail }, errorName: string): Promise<boolean> {
  const { repo } = ports;
  if ((await repo.get(queued.requestId)).outbox?.[queued.notice]?.queuedAt !== queued.queuedAt) return false;
  const told = await ports.mailer.sendOnce({ requestId: queued.requestId, kind: `notice_failure#${queued.notice}#${Date.parse(queued.queuedAt)}`, to: team.to, email: team.email });
  if (told) await repo.audit(queued.requestId, { type: 'notice_failed', actor: 'notice-sender', details: { notice: queued.notice, error: errorName } });
  return told;
}
