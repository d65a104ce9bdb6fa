import type { Correction } from '../core/inventory/rectification.js';
import type { MailAttachment } from '../core/mail/attachments.js';
import type { StoreResult } from '../connectors/store-result.js';
import type { RenderedEmail } from '../core/render/types.js';
import type { EmailMarker } from '../core/request/email-kinds.js';
import type { DsrRequestRecord, Restriction } from '../core/request/model.js';
import type { QueuedNotice } from './notices.js';
import type { MessagesRepo } from '../shared/ports/messages-repo.js';
import type { RequestsRepo } from '../shared/ports/requests-repo.js';
import type { WorkflowCallbacks } from '../shared/ports/workflow-callbacks.js';

/**
 * What the admin's use cases act on, as interfaces: the handler passes the AWS adapters
 * (adapters.ts), the use-case tests in-memory ones. No AWS SDK here.
 */
export interface AdminPorts {
  readonly repo: RequestsRepo;
  readonly messages: MessagesRepo;
  readonly callbacks: WorkflowCallbacks;
  /** Starts the request's DSR workflow, at most once per request: false when it was started before. */
  readonly startWorkflow: (requestId: string) => Promise<boolean>;
  readonly mailer: Mailer;
  /** Starts the sender of a queued notice, at most once per notice. */
  readonly noticeSender: NoticeSender;
  readonly downloadLinks: DownloadLinks;
  readonly attachmentLinks: AttachmentLinks;
  /** Each store's totals of the request's connector runs. */
  readonly storeResults: (requestId: string) => Promise<StoreResult[]>;
  /** Starts the release of a lifted restriction, at most once per run of it. */
  readonly restrictionLift: RestrictionLift;
  /**
   * Writes the corrections of one store to the account, only where the store still holds
   * each old value: `stale` (nothing written) otherwise.
   */
  /** `already_applied`: the store holds every corrected value already (an earlier try wrote them); nothing was written. */
  readonly correct: (storeId: string, accountId: string, corrections: readonly Correction[]) => Promise<'applied' | 'already_applied' | 'stale'>;
}

/**
 * Removes the marks of a lifted restriction and deletes its held copy, a page an
 * invocation, retried with backoff (the "lift restrictions" state machine,
 * lib/constructs/restriction-lift.ts); the last page records the restriction lifted.
 */
export interface RestrictionLift {
  /** Starts the run `lift.run` of the release from `lift.from`, unless it was started before. */
  start(requestId: string, lift: NonNullable<Restriction['lift']>): Promise<void>;
}

/** Email to the requester, from the privacy sender. */
export interface Mailer {
  /**
   * Sends the email once per (request, kind), however often it is called (the repo's
   * mail claim); false when it had gone out before. A failed send throws and may be retried.
   */
  sendOnce(options: { requestId: string; kind: EmailMarker; to: string; email: RenderedEmail }): Promise<boolean>;
}

/**
 * Sends a queued notice without anyone acting: retried with backoff, the privacy team told
 * when it gives up (the "send notices" state machine, lib/constructs/notice-sender.ts).
 */
export interface NoticeSender {
  /** Starts the notice's sender unless it was started before (one per queued notice). */
  start(queued: QueuedNotice): Promise<void>;
}

/** Links to the stored attachments of received mail, for the privacy team. */
export interface AttachmentLinks {
  /**
   * A short-lived link that downloads the attachment, always as a file (never shown inline);
   * undefined where no privacy mailbox is deployed.
   */
  link(mailId: string, attachment: MailAttachment): Promise<{ url: string; expiresAt: string } | undefined>;
}

/** The access package's download links. */
export interface DownloadLinks {
  /**
   * A new link for the request's package under `linkId` (a new token each time; the
   * package's expiry is kept); `record` is what the request keeps once it is emailed.
   */
  issue(request: DsrRequestRecord, linkId: string): Promise<IssuedLink>;
  /** A fresh link id: once a link with it is emailed, earlier links stop working. */
  newLinkId(): string;
}

export interface IssuedLink {
  downloadUrl: string;
  linkExpiresAt: string;
  packageExpiresAt: string;
  record: NonNullable<DsrRequestRecord['downloadLink']>;
}
