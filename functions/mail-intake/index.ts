import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import middy from '@middy/core';
import type { SESMessage } from 'aws-lambda';
import { planMail, type InboundMail, type MailPlan } from '../core/mail/inbound.js';
import { readMessage } from '../core/mail/message.js';
import { MAX_MAIL_BYTES, verdictsOf } from '../core/mail/receipt.js';
import { unfiledMailOf } from '../core/mail/unfiled.js';
import { requestIntake } from '../intake/accept.js';
import { requestIdKey } from '../intake/secrets.js';
import { fingerprintOf } from '../core/intake/idempotency.js';
import { s3Client } from '../shared/aws-clients.js';
import { readEnvironment } from '../shared/contract.js';
import { lambdaEntry } from '../shared/lambda-entry.js';
import { logger } from '../shared/logger.js';
import { DynamoMessagesRepo } from '../shared/messages-repo.js';
import { countMetric } from '../shared/metrics.js';
import { DSR_METRICS } from '../shared/metrics-names.js';
import { DynamoRequestsRepo } from '../shared/requests-repo.js';
import { DynamoUnfiledMail } from '../shared/unfiled-mail.js';
import { answeredRequest } from './answered.js';
import { mailIntakeContract, type MailIntakeEvent } from './contract.js';

/**
 * The privacy mailbox as an intake channel. SES (or the local SMTP listener) stores each
 * message for the privacy address in the inbound-mail bucket and invokes this Lambda with
 * the receipt. A message that answers a request joins its timeline; any other becomes a
 * request of channel `email` through the intake's own use case. Logs carry ids, sizes and
 * flags only: never an address, a subject, a body or an attachment name.
 */
export function createHandler(env: Record<string, string>) {
  const config = readEnvironment(mailIntakeContract, env);
  const { REQUESTS_TABLE: table, MAIL_BUCKET: bucket, MAIL_PREFIX: prefix } = config;
  const repo = new DynamoRequestsRepo(table);
  const messages = new DynamoMessagesRepo(table);
  const unfiled = new DynamoUnfiledMail(table);
  const accept = requestIntake({
    table,
    stateMachineArn: config.STATE_MACHINE_ARN,
    watch: config,
    requestIdKey: () => requestIdKey(config),
  });

  /** Reads the stored message; one too large or unparseable is kept as it is, flagged. */
  async function inbound(message: SESMessage): Promise<InboundMail> {
    const objectKey = `${prefix}${message.mail.messageId}`;
    const base = {
      mailId: message.mail.messageId,
      receivedAt: message.receipt.timestamp,
      mailPrefix: prefix,
      objectKey,
      envelopeFrom: message.mail.source,
      verdicts: verdictsOf(message.receipt),
    };
    const head = await s3Client().send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey }));
    const bytes = head.ContentLength ?? 0;
    if (bytes > MAX_MAIL_BYTES) return { ...base, bytes, unreadable: 'oversized' };
    const object = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: objectKey }));
    const raw = await object.Body!.transformToByteArray();
    try {
      return { ...base, bytes, content: await readMessage(raw) };
    } catch {
      return { ...base, bytes, unreadable: 'malformed' };
    }
  }

  /**
   * Stores the attachments the plan keeps, decoded, each with its type and never to be shown
   * inline (the bucket's default encryption: the stack key). A repeat writes the same keys.
   */
  async function storeAttachments(plan: MailPlan) {
    for (const write of plan.attachmentWrites) {
      await s3Client().send(
        new PutObjectCommand({ Bucket: bucket, Key: write.key, Body: write.content, ContentType: write.contentType, ContentDisposition: 'attachment' }),
      );
    }
  }

  /** Adds a reply to its request's timeline; it resumes no step by itself. */
  async function join(requestId: string, plan: MailPlan, mail: InboundMail, contactEmail: string) {
    // Before the timeline lists them as stored.
    await storeAttachments(plan);
    const added = await messages.add(requestId, {
      mailId: mail.mailId,
      receivedAt: mail.receivedAt,
      fromContact: plan.contactEmail !== '' && plan.contactEmail === contactEmail,
      ...plan.facts,
    });
    if (added) {
      await repo.audit(requestId, {
        type: 'message_received',
        actor: 'channel:email',
        details: { mailId: mail.mailId, bytes: mail.bytes, flags: plan.facts.flags },
      });
    }
    logger.info('mail joined its request', { requestId, mailId: mail.mailId, repeated: !added });
  }

  async function receive(message: SESMessage) {
    const mail = await inbound(message);
    const plan = planMail(mail);
    // A reply joins its request while it is open; after closure a mail is a new request.
    const answered = await answeredRequest(repo, plan);
    if (answered) return join(answered.requestId, plan, mail, answered.contactEmail);
    const outcome = await accept({
      deliveryKey: plan.deliveryKey,
      // One Message-ID is one message, whatever SES delivered twice.
      fingerprint: fingerprintOf(plan.deliveryKey),
      contactEmail: plan.contactEmail,
      draft: {
        // The rights asked for are read by the privacy team (triage).
        types: [],
        locale: 'en',
        channel: 'email',
        receivedAt: mail.receivedAt,
        name: plan.name,
        mail: plan.facts,
        ...(plan.held ? { status: 'awaiting_triage', pendingStep: 'triage' } : {}),
      },
      auditDetails: { mailId: mail.mailId, flags: plan.facts.flags },
      // Held mail gets no automatic reply: nothing runs until the team has looked at it.
      startWorkflow: !plan.held,
    });
    if (!outcome.accepted) {
      // The raw message stays in the bucket and a flood gets no acknowledgements, but the
      // mail is never unseen: the team's queue lists it and the MailNotFiled alarm fires.
      await unfiled.record(unfiledMailOf(mail, plan));
      countMetric(DSR_METRICS.mailNotFiled);
      logger.warn('mail rate-limited', { mailId: mail.mailId });
      return;
    }
    // Only the delivery the request was filed from: a repeat of its Message-ID (another SES
    // id) leaves no second copy an erasure would not find. A failed write fails the
    // invocation, and Lambda's retry finds the request and writes them.
    if (outcome.request.mail?.mailId === mail.mailId) await storeAttachments(plan);
    // A repeated delivery finds the step there (and perhaps decided): it is put once.
    // Held or not as the request was stored (a copy of one Message-ID may read differently).
    if (outcome.request.mail?.held && !(await repo.findStep(outcome.request.requestId, 'triage'))) {
      // No workflow waits on it: the team's triage or dismissal decides this step (admin API).
      await repo.openStep({
        requestId: outcome.request.requestId,
        step: 'triage',
        stepKey: 'triage',
        status: 'pending',
        createdAt: outcome.request.createdAt,
        details: { held: true, flags: outcome.request.mail.flags },
      });
    }
    logger.info('mail accepted', {
      requestId: outcome.request.requestId,
      mailId: mail.mailId,
      bytes: mail.bytes,
      flags: plan.facts.flags,
      attachmentsStored: plan.attachmentWrites.length,
      duplicate: Boolean(outcome.request.duplicateOf),
    });
  }

  return middy<MailIntakeEvent, void>()
    .before(async () => {
      logger.appendKeys({ route: 'mail-intake' });
    })
    .onError(async (request) => {
      logger.error('mail intake failed', { errorName: (request.error as Error | undefined)?.name });
    })
    .handler(async (event) => {
      for (const record of event.Records) await receive(record.ses);
    });
}

export const handler = lambdaEntry(createHandler);
