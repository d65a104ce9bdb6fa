import { accessReady, extensionNotice, type RenderedEmail } from '../core/render/index.js';
import type { EmailMarker } from '../core/request/email-kinds.js';
import type { DsrRequestRecord, NoticeKind } from '../core/request/model.js';
import { logger } from '../shared/logger.js';
import type { AdminPorts } from './ports.js';

export type NoticePorts = Pick<AdminPorts, 'repo' | 'mailer' | 'downloadLinks' | 'storeResults'>;

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
const NOTICES: Record<NoticeKind, (request: DsrRequestRecord, ports: NoticePorts) => Promise<PreparedNotice>> = {
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

/**
 * Sends the request's queued notices, each exactly once: the mail marker stops a second
 * send, a failed send gives its marker back, and the outbox entry goes only after the
 * email went out (a retry that finds the marker just clears it). Returns the kinds still
 * pending; a failure is logged and left pending for a retry, never thrown.
 */
export async function deliverNotices(ports: NoticePorts, requestId: string): Promise<NoticeKind[]> {
  const { repo } = ports;
  const pending: NoticeKind[] = [];
  for (const kind of Object.keys((await repo.get(requestId)).outbox ?? {}) as NoticeKind[]) {
    try {
      const request = await repo.get(requestId);
      const notice = await NOTICES[kind](request, ports);
      await ports.mailer.sendOnce({ requestId, kind: notice.mailKind, to: request.contactEmail, email: notice.email });
      const { [kind]: _sent, ...rest } = request.outbox ?? {};
      await repo.update(requestId, { ...notice.sent(new Date().toISOString()), outbox: rest });
    } catch (error) {
      logger.warn('notice not sent; it stays pending', { kind, error: (error as Error).name });
      pending.push(kind);
    }
  }
  return pending;
}
