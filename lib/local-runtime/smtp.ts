import { randomBytes } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { SESEvent } from 'aws-lambda';
import { SMTPServer } from 'smtp-server';
import type { Resolve } from './intrinsics.js';
import { resourcesOfType, type CfnTemplate } from './template.js';

/** SES bounces messages over 40 MB; the listener refuses them the same way. */
const SES_MAX_MESSAGE_BYTES = 40 * 1024 * 1024;
/** Lambda retries an asynchronous invocation that failed twice. */
const ASYNC_ATTEMPTS = 3;

/** An SES receipt rule as the listener applies it: store the message, then invoke a function. */
export interface ReceiptRoute {
  recipients: string[];
  bucket: string;
  prefix: string;
  functionArn: string;
}

interface CfnReceiptRule {
  Rule: {
    Enabled?: boolean;
    Recipients?: string[];
    Actions?: { S3Action?: { BucketName: string; ObjectKeyPrefix?: string }; LambdaAction?: { FunctionArn: string } }[];
  };
}

/** The template's SES receipt rules with an S3 action followed by a Lambda action. */
export function readReceiptRoutes(template: CfnTemplate, resolve: Resolve): ReceiptRoute[] {
  return resourcesOfType(template, 'AWS::SES::ReceiptRule').flatMap(([logicalId, resource]) => {
    const { Rule } = resolve(resource.Properties, `AWS::SES::ReceiptRule ${logicalId}`) as CfnReceiptRule;
    const s3 = Rule.Actions?.find((action) => action.S3Action)?.S3Action;
    const lambda = Rule.Actions?.find((action) => action.LambdaAction)?.LambdaAction;
    if (Rule.Enabled === false || !s3 || !lambda) return [];
    return [
      {
        recipients: (Rule.Recipients ?? []).map((recipient) => recipient.toLowerCase()),
        bucket: s3.BucketName,
        prefix: s3.ObjectKeyPrefix ?? '',
        functionArn: lambda.FunctionArn,
      },
    ];
  });
}

/** An SES message id: 32 lower-case letters and digits here (SES's own are longer). */
function sesMessageId(): string {
  return randomBytes(20).toString('hex').slice(0, 32);
}

/** The receipt event SES sends a Lambda action; locally no check is made, so every verdict says so. */
export function receiptEvent(options: {
  messageId: string;
  receivedAt: Date;
  envelopeFrom: string;
  recipients: string[];
  functionArn: string;
}): SESEvent {
  const notChecked = { status: 'PROCESSING_FAILED' as const };
  const timestamp = options.receivedAt.toISOString();
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp,
            source: options.envelopeFrom,
            messageId: options.messageId,
            destination: options.recipients,
            // The Lambda reads the stored message itself; locally no headers are copied here.
            headersTruncated: false,
            headers: [],
            commonHeaders: { returnPath: options.envelopeFrom, messageId: options.messageId, date: options.receivedAt.toUTCString() },
          },
          receipt: {
            timestamp,
            processingTimeMillis: 0,
            recipients: options.recipients,
            spamVerdict: notChecked,
            virusVerdict: notChecked,
            spfVerdict: notChecked,
            dkimVerdict: notChecked,
            dmarcVerdict: notChecked,
            action: { type: 'Lambda', functionArn: options.functionArn, invocationType: 'Event' },
          },
        },
      },
    ],
  };
}

/**
 * What SES does with a message a receipt rule takes: stores it raw in the rule's bucket under
 * its prefix and a new message id, and returns the receipt event for the rule's function.
 * The SMTP listener calls it for each message; tests call it to deliver a raw message
 * without SMTP.
 */
export async function storeReceivedMessage(
  s3: S3Client,
  route: ReceiptRoute,
  raw: Uint8Array,
  envelope: { from: string; recipients: string[] },
): Promise<SESEvent> {
  const messageId = sesMessageId();
  await s3.send(new PutObjectCommand({ Bucket: route.bucket, Key: `${route.prefix}${messageId}`, Body: raw }));
  return receiptEvent({
    messageId,
    receivedAt: new Date(),
    envelopeFrom: envelope.from,
    recipients: envelope.recipients.filter((recipient) => route.recipients.includes(recipient)),
    functionArn: route.functionArn,
  });
}

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

/**
 * SES inbound mail on this machine: an SMTP listener that accepts mail only for the
 * recipients of the template's receipt rules (others are refused at RCPT TO, 550), stores
 * each raw message in the rule's bucket under its prefix and a new message id, and then
 * invokes the rule's function with an SES receipt event, asynchronously (SMTP answers
 * 250 once the message is stored), retried like a failed asynchronous Lambda invocation.
 */
export async function startSmtpListener(options: {
  port: number;
  routes: ReceiptRoute[];
  s3: S3Client;
  invoke: (functionArn: string, event: unknown) => Promise<unknown>;
  log: (line: string) => void;
}): Promise<SmtpListener> {
  const routeOf = (address: string) => options.routes.find((route) => route.recipients.includes(address.toLowerCase()));
  const pending = new Set<Promise<void>>();

  async function deliver(route: ReceiptRoute, event: SESEvent) {
    for (let attempt = 1; attempt <= ASYNC_ATTEMPTS; attempt++) {
      try {
        await options.invoke(route.functionArn, event);
        return;
      } catch (error) {
        options.log(`[smtp] receipt function failed (attempt ${attempt}): ${(error as Error).name}`);
      }
    }
  }

  const server = new SMTPServer({
    authOptional: true,
    // No certificate locally; SES accepts TLS where the sender offers it.
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: SES_MAX_MESSAGE_BYTES,
    banner: 'Kiara DSR local SES inbound',
    logger: false,
    onRcptTo(address, _session, callback) {
      if (routeOf(address.address)) return callback();
      callback(Object.assign(new Error('Mailbox unavailable: this server accepts mail for the privacy address only'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        if (stream.sizeExceeded) {
          return callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
        }
        const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
        const route = routeOf(recipients[0]!)!;
        const mailFrom = session.envelope.mailFrom;
        let event: SESEvent;
        try {
          event = await storeReceivedMessage(options.s3, route, Buffer.concat(chunks), { from: mailFrom ? mailFrom.address : '', recipients });
        } catch (error) {
          options.log(`[smtp] storing the message failed: ${(error as Error).name}`);
          return callback(Object.assign(new Error('Temporary failure, try again'), { responseCode: 451 }));
        }
        const delivery = deliver(route, event);
        pending.add(delivery);
        void delivery.finally(() => pending.delete(delivery));
        callback(null, `Ok: queued as ${event.Records[0]!.ses.mail.messageId}`);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('the SMTP listener has no TCP address');
  return {
    port: address.port,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...pending]);
    },
  };
}
