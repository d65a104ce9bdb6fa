import {
  correctedStores,
  knownRecipients,
  namedRecipient,
  namedStores,
  parseRecipientContacts,
  parseRecipientNames,
  recipientsToNotify,
  STORES,
  type AppliedCorrection,
  type Recipient,
  type RecipientContacts,
  type RecipientNames,
} from '../../core/inventory/index.js';
import {
  accessReady,
  BACKUP_RESTORABLE_DAYS,
  cancellationConfirmation,
  erasureNotice,
  erasureReport,
  minorErasureNotice,
  identityExpired,
  keptOnDecision,
  noData,
  rectificationNotice,
  restrictionNotice,
  rejection,
  rightsOutcome,
  type ReviewedRights,
} from '../../core/render/index.js';
import { readStoreResults } from '../../connectors/progress.js';
import { packagedStores } from '../../core/plan/plan.js';
import { localDate, refusalDeadline, toInstant } from '../../core/deadlines/index.js';
import { carriedOutRights } from '../../core/request/decisions.js';
import type { EmailKind, EmailMarker } from '../../core/request/email-kinds.js';
import { hasOutcomeRight, type DsrRequestRecord } from '../../core/request/model.js';
import { readEnvironment, type ConfigOf } from '../../shared/contract.js';
import { stepHandler } from '../../shared/http/handler.js';
import { lambdaEntry } from '../../shared/lambda-entry.js';
import { issueDownloadLink, newLinkId } from '../../shared/download-links.js';
import { sendOnce, type RenderedEmail } from '../../shared/mailer.js';
import { DynamoRequestsRepo } from '../../shared/requests-repo.js';
import { respondContract, type RespondEvent } from './contract.js';

/** The step's settings and its requests table, as the replies below use them. */
interface Respond {
  readonly config: ConfigOf<typeof respondContract>;
  readonly repo: DynamoRequestsRepo;
}

/**
 * The once-only mail kind of the Art. 19 notice of a change to one recipient: an erasure's
 * and a restriction's keep the markers they were first sent under, so a retried step of a
 * request sent before a deployment never notifies twice.
 */
const noticeKind = (recipientId: string, change: Art19Notice['change']): EmailMarker => {
  if (change === 'erasure') return `art19_notice#${recipientId}`;
  if (change === 'restriction') return `art19_restriction#${recipientId}`;
  return `art19_notice#${change}#${recipientId}`;
};

/**
 * Emails the data subject the reply the workflow reached, and the recipients (Art. 19)
 * the notices of an erasure; each kind goes out once.
 */
export function createHandler(env: Record<string, string>) {
  const config = readEnvironment(respondContract, env);
  const step: Respond = { config, repo: new DynamoRequestsRepo(config.REQUESTS_TABLE) };
  const { repo } = step;
  const contacts = parseRecipientContacts(config.RECIPIENT_CONTACTS);
  const names = parseRecipientNames(config.RECIPIENT_NAMES);

  async function send(request: DsrRequestRecord, kind: EmailMarker, render: () => Promise<RenderedEmail> | RenderedEmail) {
    // A minor's erasure whose account was not found has nobody to tell.
    if (!request.contactEmail) return;
    if ((await repo.sentMails(request.requestId)).includes(kind)) return;
    await sendOnce(repo, {
      requestId: request.requestId,
      kind,
      from: config.SENDER_EMAIL,
      to: request.contactEmail,
      email: await render(),
    });
  }

  return stepHandler('respond', async (event: RespondEvent) => {
    // Read consistently: the address may have been changed by the team just before its retry.
    const request = await repo.get(event.requestId, true);
    const { locale, requestId } = request;
    switch (event.reply) {
      case 'identity_expired':
        return send(request, 'identity_expired', () =>
          identityExpired({ locale, requestId, receivedAt: request.receivedAt, types: request.types, confirmBy: new Date().toISOString() }));
      case 'cancellation':
        return send(request, 'cancellation', () => cancellationConfirmation({ locale, requestId, receivedAt: request.receivedAt, types: request.types }));
      case 'no_data':
        return send(request, 'no_data', () => noData({ locale, requestId, receivedAt: request.receivedAt, types: request.types }));
      case 'rejection':
        return send(request, 'rejection', () =>
          rejection({
            locale,
            requestId,
            receivedAt: request.receivedAt,
            ...reviewed(request),
          }));
      case 'recipient_notices':
        return notifyRecipients(step, contacts, names, request, await erasureNotices(step, request.requestId));
      case 'restriction_notices':
        return notifyRecipients(step, contacts, names, request, restrictionNotices(request));
      case 'result':
        return sendResult(step, contacts, names, request, send);
    }
  });
}

async function sendResult(
  step: Respond,
  contacts: RecipientContacts,
  names: RecipientNames,
  request: DsrRequestRecord,
  send: (request: DsrRequestRecord, kind: EmailKind, render: () => Promise<RenderedEmail> | RenderedEmail) => Promise<void>,
) {
  const { config, repo } = step;
  const { locale, requestId } = request;
  const stores = await readStoreResults(config.REQUESTS_TABLE, requestId);
  const carried = carriedOutRights(request);
  // One reply carries the decision on every right: the first of the replies that go out.
  const replies = [
    request.package && 'access_ready',
    carried.includes('erasure') && 'erasure_report',
    hasOutcomeRight(carried) && 'rights_outcome',
  ].filter(Boolean);
  const review = (kind: string) => (kind === replies[0] ? reviewed(request) : undefined);
  if (request.package) {
    const packaged = packagedStores(request);
    await send(request, 'access_ready', async () => {
      const { record, ...link } = await issueDownloadLink(
        {
          table: config.REQUESTS_TABLE,
          publicApiUrl: config.PUBLIC_API_URL,
          downloadLinkHours: config.DOWNLOAD_LINK_HOURS,
          packageExpiryDays: config.PACKAGE_EXPIRY_DAYS,
        },
        request,
        // A retry of this reply keeps the link id of the try before: SES may have accepted
        // that copy before its Lambda died (the window of exactly-once), and its link must open too.
        request.downloadLink?.linkId ?? newLinkId(),
      );
      await repo.update(requestId, { downloadLink: record });
      return accessReady({
        locale,
        requestId,
        types: carried.filter((right) => right === 'access' || right === 'portability'),
        review: review('access_ready'),
        ...link,
        stores: stores.filter((s) => s.action === 'collect' && packaged.has(s.storeId)).map((s) => ({ storeId: s.storeId, itemCount: s.items })),
      });
    });
  }
  if (replies.includes('erasure_report') && request.filing?.ground === 'minor') {
    const erasures = stores.filter((s) => s.action === 'erase');
    await send(request, 'minor_erasure_notice', () =>
      minorErasureNotice({
        locale,
        requestId,
        erased: erasures.filter((s) => s.items > 0).map((s) => s.storeId),
        kept: erasures.filter((s) => s.retained > 0 && s.retainedUntil).map((s) => ({ storeId: s.storeId, keptUntil: s.retainedUntil! })),
        keptOnDecision: keptOnDecision(request.decision?.rights),
      }));
  } else if (replies.includes('erasure_report')) {
    const erasures = stores.filter((s) => s.action === 'erase');
    await send(request, 'erasure_report', async () =>
      erasureReport({
        locale,
        requestId,
        erased: erasures.filter((s) => s.items > 0).map((s) => ({ storeId: s.storeId, itemCount: s.items })),
        kept: erasures
          .filter((s) => s.retained > 0 && s.retainedUntil)
          .map((s) => ({ storeId: s.storeId, itemCount: s.retained, keptUntil: s.retainedUntil! })),
        keptOnDecision: keptOnDecision(request.decision?.rights),
        remains: {
          deletedPackages: request.erasedPackages?.length ?? 0,
          recordRetentionYears: config.RECORD_RETENTION_YEARS,
          backupsRestorableUntil: localDate(toInstant(new Date())).add({ days: BACKUP_RESTORABLE_DAYS }).toString(),
        },
        notifiedRecipients: (await notifiedRecipients(repo, requestId, 'erasure')).map((recipient) => namedRecipient(recipient, names)),
        inventory: namedStores(names),
        review: review('erasure_report'),
      }));
  }
  // Rights the team acted on by hand: the person is told what was done (Art. 12(3)/(4)),
  // and the recipients of corrected data are told before the reply names them (Art. 19),
  // as those of restricted data were by NotifyRestriction.
  if (replies.includes('rights_outcome')) {
    const corrections = request.rectified ?? [];
    if (corrections.length > 0) await notifyRecipients(step, contacts, names, request, rectificationNotices(requestId, corrections));
    await send(request, 'rights_outcome', async () =>
      rightsOutcome({
        locale,
        requestId,
        receivedAt: request.receivedAt,
        types: carried,
        outcome: request.outcome?.text,
        decisions: request.decision?.rights,
        review: review('rights_outcome'),
        corrections,
        notifiedRecipients: (await notifiedRecipients(repo, requestId, 'rectification')).map((recipient) => namedRecipient(recipient, names)),
        ...(request.restriction
          ? {
              restriction: {
                taggedFiles: request.restriction.taggedFiles,
                held: request.restriction.heldStores.map(({ storeId, items }) => ({ storeId, itemCount: items })),
                notifiedRecipients: (await notifiedRecipients(repo, requestId, 'restriction')).map((recipient) => namedRecipient(recipient, names)),
              },
            }
          : {}),
      }));
  }
}

/** The review's decision on every right, which each reviewed request has (approve and reject record one too). */
function reviewed(request: DsrRequestRecord): ReviewedRights {
  if (!request.decision) throw new Error(`Request ${request.requestId} has no review decision to reply on`);
  const { rights, late, decidedAt } = request.decision;
  return {
    types: request.types,
    decisions: rights,
    ...(late ? { late: { refusalDeadline: refusalDeadline(request.deadlines), decidedAt } } : {}),
  };
}

/** One kind of Art. 19 notice: the changed stores, and the email to a recipient of some of them. */
interface Art19Notice {
  change: 'erasure' | 'rectification' | 'restriction';
  storeIds: string[];
  render: (recipient: Recipient, storeIds: string[], accountId: string, at: string) => RenderedEmail;
}

/** The erasure's notices: of the stores the connectors erased something in. */
async function erasureNotices({ config }: Respond, requestId: string): Promise<Art19Notice> {
  const storeIds = (await readStoreResults(config.REQUESTS_TABLE, requestId))
    .filter((s) => s.action === 'erase' && s.items > 0)
    .map((s) => s.storeId);
  return {
    change: 'erasure',
    storeIds,
    render: (recipient, ids, accountId, erasedAt) => erasureNotice({ requestId, accountId, recipient, storeIds: ids, erasedAt }),
  };
}

/** The restriction's notices: to the recipients of every store, since it covers all the account's data. */
function restrictionNotices(request: DsrRequestRecord): Art19Notice {
  const { requestId } = request;
  return {
    change: 'restriction',
    storeIds: STORES.map((store) => store.id),
    render: (recipient, ids, accountId, at) =>
      restrictionNotice({ requestId, accountId, recipient, storeIds: ids, restrictedAt: request.restriction?.since ?? at }),
  };
}

/** The rectification's notices: of the stores the review wrote corrections in, naming the attributes. */
function rectificationNotices(requestId: string, corrections: readonly AppliedCorrection[]): Art19Notice {
  return {
    change: 'rectification',
    storeIds: correctedStores(corrections),
    render: (recipient, ids, accountId) => {
      const corrected = corrections.filter((c) => ids.includes(c.storeId));
      return rectificationNotice({
        requestId,
        accountId,
        recipient,
        corrected: corrected.map(({ storeId, field }) => ({ storeId, field })),
        correctedAt: corrected[0]!.appliedAt,
      });
    },
  };
}

/**
 * Art. 19: one notice per recipient of the changed stores, once per (request, change,
 * recipient) however often the step runs, each logged as an `art19_notice` event. A
 * recipient without a contact is logged for the privacy team (`art19_notice_missing_contact`)
 * instead, once, and is not named to the data subject.
 */
async function notifyRecipients(
  { config, repo }: Respond,
  contacts: RecipientContacts,
  names: RecipientNames,
  request: DsrRequestRecord,
  notice: Art19Notice,
) {
  const { requestId } = request;
  const accountId = request.subject?.accountId ?? request.accountId;
  if (!accountId) return;
  const trail = await repo.auditTrail(requestId);
  const logged = (type: string, recipientId: string) =>
    trail.some((event) => event.type === type && event.details?.recipientId === recipientId && (event.details?.notice ?? 'erasure') === notice.change);
  const at = new Date().toISOString();
  for (const { recipient, storeIds } of recipientsToNotify(notice.storeIds)) {
    const contact = contacts[recipient.id];
    if (!contact) {
      if (!logged('art19_notice_missing_contact', recipient.id)) {
        await repo.audit(requestId, {
          type: 'art19_notice_missing_contact',
          actor: 'workflow',
          details: { recipientId: recipient.id, notice: notice.change },
        });
      }
      continue;
    }
    const kind = noticeKind(recipient.id, notice.change);
    await sendOnce(repo, {
      requestId,
      kind,
      from: config.SENDER_EMAIL,
      to: contact,
      email: notice.render(namedRecipient(recipient, names), storeIds, accountId, at),
    });
    if (!logged('art19_notice', recipient.id)) {
      await repo.audit(requestId, {
        type: 'art19_notice',
        actor: 'workflow',
        details: { recipientId: recipient.id, notice: notice.change, mailKind: kind },
      });
    }
  }
}

/** The recipients whose notice of the change went out, in the inventory's order. */
async function notifiedRecipients(repo: DynamoRequestsRepo, requestId: string, change: Art19Notice['change']) {
  const sent = await repo.sentMails(requestId);
  return knownRecipients().filter((recipient) => sent.includes(noticeKind(recipient.id, change)));
}

export const handler = lambdaEntry(createHandler);
