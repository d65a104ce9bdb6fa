import { S3Client } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { unfiledMailKeys } from '../../../functions/core/request/keys.js';
import { DynamoRequestsRepo } from '../../../functions/shared/requests-repo.js';
import { DEFAULT_PRIVACY_ADDRESS } from '../../../lib/constructs/privacy-mailbox.js';
import { readMailbox } from '../../../lib/local-runtime/mailbox.js';
import { readReceiptRoutes, storeReceivedMessage, type ReceiptRoute } from '../../../lib/local-runtime/smtp.js';
import { journey } from '../../workflow/journey.js';
import { startEmbedded, type DsrTarget } from '../../workflow/target.js';
import { tableItems } from '../intake/helpers.js';
import { captureLogs } from '../shared/capture-logs.js';

/**
 * Property test of the privacy mailbox: raw messages with missing or repeated headers,
 * broken encodings, unknown charsets, 8-bit headers, huge and deeply nested parts, odd
 * attachment names and HTML-only bodies, each stored in the inbound-mail bucket and handed
 * to the mail-intake Lambda with SES's receipt event, as the local SMTP listener does
 * (without SMTP, so that the Lambda's own outcome is seen). With the intake's 6,350
 * deliveries and the other routes' 3,500 inputs (test/functions/intake/fuzz*.e2e.test.ts),
 * 10,000 inputs (issue 16). About two minutes on a loaded two-core machine: each message
 * is an S3 object, a Lambda invocation and mostly a request with its workflow.
 * MAIL_FUZZ_RUNS raises it.
 */
const RUNS = Number(process.env.MAIL_FUZZ_RUNS ?? 150);

// The handler's log line about each message says what it did with it (and must name nobody).
vi.hoisted(() => {
  process.env.LOG_LEVEL = 'INFO';
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
});

let target: DsrTarget;
let route: ReceiptRoute;
let s3: S3Client;
let repo: DynamoRequestsRepo;
/** An open request the replies join: by its subject tag, or by the SES id of its acknowledgement. */
let live: { requestId: string; ackId: string };
beforeAll(async () => {
  target = await startEmbedded({ seed: false });
  const { runtime } = target.local!;
  [route] = readReceiptRoutes(runtime.template, (value) => runtime.resolve(value)) as [ReceiptRoute];
  s3 = new S3Client({ endpoint: runtime.endpoints.s3, forcePathStyle: true });
  repo = new DynamoRequestsRepo(target.resources.requestsTable);
  const flow = journey(target);
  const requestId = await flow.submit({ type: 'access', email: 'live-requester@example.com' });
  await flow.identityLink(requestId, 'live-requester@example.com');
  const ack = (await readMailbox(runtime.mailboxUrl)).find((mail) => mail.subject.includes(`[${requestId}]`));
  live = { requestId, ackId: ack!.messageId };
});
/** Stops recording the handlers' log lines, however the test ended. */
let stopCapture = () => {};
afterAll(async () => {
  stopCapture();
  s3?.destroy();
  await target?.stop();
});

/**
 * Every personal thing in a message (names, addresses, subjects, bodies, attachment names)
 * carries the run's marker, so that a log line with any of it is found.
 */
const MARKER = 'PDmark';
const ascii = (maxLength: number) => fc.string({ unit: 'grapheme-ascii', maxLength });
/** Header text: printable ASCII without line breaks (a header line that ends early is its own case). */
const headerText = (maxLength: number) => ascii(maxLength).map((text) => text.replace(/[\r\n]/g, ' '));
/** Bytes of ISO-8859-1 text, unencoded: 8-bit where only ASCII is allowed. */
const latin1 = (text: string) => Buffer.from(`${text} J\xf6rg \xe9t\xe9 \xff`, 'latin1');

type Chunk = string | Buffer;
interface Mail {
  headers: Chunk[];
  /** Its own headers, the blank line and the content. */
  body: Buffer;
  /** The SMTP envelope's sender. */
  envelopeFrom: string;
}

const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64').replace(/.{76}/g, '$&\r\n');

/** A header line: the value may be bytes. */
const line = (name: string, value: Chunk): Chunk[] => [`${name}: `, value, '\r\n'];

function fromHeaders(m: string, sender: string) {
  return fc.oneof(
    fc.constant<Chunk[]>([]),
    { weight: 4, arbitrary: fc.constant(line('From', `"Name ${m}" <${sender}>`)) },
    fc.constant([...line('From', `First ${m} <${sender}>`), ...line('From', `second-${m}@example.net`)]),
    fc.constant(line('From', `=?utf-8?B?${base64(`Ünïcode ${m}`).slice(0, 7)}?= <${sender}>`)),
    fc.constant(line('From', `=?x-unknown-charset?Q?${m}=E9?= <${sender}>`)),
    fc.constant(line('From', Buffer.concat([latin1(m), Buffer.from(` <${sender}>`)]))),
    headerText(80).map((text) => line('From', `${m} ${text}`)),
    fc.constantFrom(`${m}@localhost`, `undisclosed-recipients:;`, `<>`, `"${m}" <@>`, `${m} <${sender}`).map((value) => line('From', value)),
  );
}

function messageIdHeaders(m: string) {
  return fc.oneof(
    fc.constant<Chunk[]>([]),
    { weight: 3, arbitrary: fc.uuid().map((id) => line('Message-ID', `<${id}.${m}@mail.example.org>`)) },
    fc.uuid().map((id) => [...line('Message-ID', `<${id}@a.example>`), ...line('Message-ID', `<other-${id}@b.example>`)]),
    // Repeats of one Message-ID across runs: one message, whatever else differs.
    fc.constantFrom('<same-1@fuzz.example>', '<same-2@fuzz.example>').map((id) => line('Message-ID', id)),
    headerText(60).map((text) => line('Message-ID', text)),
    fc.constant(line('Message-ID', `<${'x'.repeat(4000)}@long.example>`)),
  );
}

const dateHeaders = fc.oneof(
  fc.constant<Chunk[]>([]),
  fc.constant(line('Date', new Date().toUTCString())),
  headerText(40).map((text) => line('Date', text)),
  fc.constant([...line('Date', 'Mon, 1 Jan 2001 00:00:00 +0000'), ...line('Date', 'Fri, 31 Dec 2999 23:59:59 +1400')]),
);

function subjectHeaders(m: string, live: { requestId: string }) {
  const subject = (value: Chunk) => line('Subject', value);
  return fc.oneof(
    fc.constant<Chunk[]>([]),
    { weight: 3, arbitrary: headerText(120).map((text) => subject(`${m} ${text}`)) },
    // A reply to the live request by its tag, or to one that does not exist.
    { weight: 3, arbitrary: headerText(40).map((text) => subject(`Re: [${live.requestId}] ${m} ${text}`)) },
    fc.constant(subject(`Re: [dsr_00000000${'0'.repeat(24)}] ${m}`)),
    fc.constant([...subject(`one ${m}`), ...subject(`two ${m}`)]),
    fc.constant(subject(`=?utf-8?B?${base64(`Verwijder ${m} ✓`).replace(/\r\n/g, '')}?=`)),
    fc.constant(subject(`=?utf-8?Q?${m}=ZZ_broken`)),
    fc.constant(subject(`=?utf-8?B?${m}!!!?= =?iso-8859-1?Q?caf=E9?=`)),
    fc.constant(subject(`=?x-klingon?B?${base64(m)}?=`)),
    fc.constant(subject(latin1(m))),
    // Folded over many lines, or one line of up to a megabyte.
    fc.constant(subject(`${m} ${Array.from({ length: 200 }, (_, i) => `word${i}`).join('\r\n ')}`)),
    fc.integer({ min: 1000, max: 1_000_000 }).map((length) => subject(`${m} ${'x'.repeat(length)}`)),
  );
}

function replyHeaders(live: { ackId: string }) {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant<Chunk[]>([]) },
    fc.constant(line('In-Reply-To', `<${live.ackId}@eu-west-1.amazonses.com>`)),
    fc.constant(line('References', `<a@b> <${live.ackId}@email.amazonses.com> junk`)),
    headerText(100).map((text) => line('In-Reply-To', text)),
    fc.integer({ min: 100, max: 5000 }).map((count) => line('References', Array.from({ length: count }, (_, i) => `<r${i}@x.example>`).join(' '))),
  );
}

/** Attachment names as senders' mail programs write them, and worse. */
function attachmentName(m: string) {
  return fc.oneof(
    fc.constant(`filename="${m}.pdf"`),
    fc.constant(`filename="../../etc/${m}passwd"`),
    fc.constant(`filename="${m}\u0000.exe"`),
    fc.constant(`filename="${m}${'n'.repeat(5000)}.pdf"`),
    fc.constant(`filename*=UTF-8''%E2%82%AC${m}.pdf`),
    fc.constant(`filename*=UTF-8''%ZZ${m}`),
    fc.constant(`filename*0*=UTF-8''${m}; filename*2="lost"`),
    fc.constant(`filename="=?utf-8?B?${base64(`naam ${m}.txt`).replace(/\r\n/g, '')}?="`),
    fc.constant(`filename=""`),
    fc.constant(`filename=${m} unquoted; name*=broken`),
    headerText(60).map((text) => `filename="${m}${text.replace(/"/g, '')}"`),
  );
}

/** A leaf part's body and how it says it is encoded, including encodings that lie. */
function encodedBody(text: string) {
  return fc.oneof(
    fc.constant({ encoding: undefined as string | undefined, body: text as Chunk }),
    fc.constant({ encoding: '8bit', body: latin1(text) as Chunk }),
    fc.constant({ encoding: 'base64', body: base64(text) as Chunk }),
    fc.constant({ encoding: 'base64', body: `${text}!!!===*` as Chunk }),
    fc.constant({ encoding: 'quoted-printable', body: `${text}=E9=3D=\r\nend` as Chunk }),
    fc.constant({ encoding: 'quoted-printable', body: `${text}=ZZ=4=` as Chunk }),
    fc.constant({ encoding: 'x-uuencode', body: text as Chunk }),
    fc.constant({ encoding: 'binary', body: Buffer.from([0, 1, 2, 255, 254, 0x0d]) as Chunk }),
  );
}

const contentTypes = fc.oneof(
  fc.constant('text/plain; charset=utf-8'),
  fc.constant('text/plain; charset=iso-8859-1'),
  fc.constant('text/plain; charset="x-unknown-charset"'),
  fc.constant('text/plain'),
  fc.constant('text/html; charset=utf-8'),
  fc.constant('application/octet-stream'),
  fc.constant('image/png; name="a.png"'),
  fc.constant('message/rfc822'),
  headerText(40),
);

/** A part: a leaf, or a multipart of parts (to `depth`). */
function part(m: string, depth: number): fc.Arbitrary<Chunk[]> {
  const leaf = fc
    .record({
      type: fc.option(contentTypes, { nil: undefined }),
      attachment: fc.option(attachmentName(m), { nil: undefined }),
      content: fc.oneof(ascii(200), fc.constant('<p>Beste team,</p><script>x()</script><img src="http://t.example/p.gif">')),
    })
    .chain(({ type, attachment, content }) =>
      encodedBody(`${m} ${content}`).map(({ encoding, body }) => [
        ...(type === undefined ? [] : line('Content-Type', type)),
        ...(encoding === undefined ? [] : line('Content-Transfer-Encoding', encoding)),
        ...(attachment === undefined ? [] : line('Content-Disposition', `attachment; ${attachment}`)),
        '\r\n',
        body,
      ]),
    );
  if (depth === 0) return leaf;
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 1, arbitrary: multipart(fc.array(part(m, depth - 1), { minLength: 0, maxLength: 4 })) },
  );
}

/** A multipart around parts, with boundaries right, missing, or never closed. */
function multipart(parts: fc.Arbitrary<Chunk[][]>): fc.Arbitrary<Chunk[]> {
  return fc
    .record({
      subtype: fc.constantFrom('mixed', 'alternative', 'related', 'x-odd'),
      boundary: fc.constantFrom('b1', '"quoted b"', '', 'b'.repeat(200)),
      closed: fc.boolean(),
      parts,
    })
    .map(({ subtype, boundary, closed, parts }) => {
      const b = `${boundary.replace(/"/g, '')}${Math.random().toString(36).slice(2, 8)}`;
      const header = boundary === '' ? `multipart/${subtype}` : `multipart/${subtype}; boundary="${b}"`;
      return [
        ...line('Content-Type', header),
        '\r\n',
        'preamble\r\n',
        ...parts.flatMap((p) => [`--${b}\r\n`, ...p, '\r\n']),
        closed ? `--${b}--\r\n` : '',
      ];
    });
}

/** One part nested `depth` multiparts deep. */
function nested(m: string) {
  return fc.integer({ min: 20, max: 400 }).map((depth) => {
    let inner: Chunk[] = [...line('Content-Type', 'text/plain'), '\r\n', `${m} deep down`];
    for (let level = 0; level < depth; level++) {
      const b = `n${level}`;
      inner = [...line('Content-Type', `multipart/mixed; boundary="${b}"`), '\r\n', `--${b}\r\n`, ...inner, `\r\n--${b}--\r\n`];
    }
    return inner;
  });
}

/** Parts of megabytes (SES takes messages to 40 MB): an attachment, a text, an HTML body. */
function huge(m: string) {
  return fc.record({ megabytes: fc.integer({ min: 1, max: 4 }), kind: fc.constantFrom('attachment', 'text', 'html') }).map(({ megabytes, kind }) => {
    const size = megabytes * 1024 * 1024;
    if (kind === 'attachment') {
      return [...line('Content-Type', 'application/octet-stream'), ...line('Content-Transfer-Encoding', 'base64'),
        ...line('Content-Disposition', `attachment; filename="${m}.bin"`), '\r\n', base64(Buffer.alloc(size, 7))];
    }
    if (kind === 'text') return [...line('Content-Type', 'text/plain; charset=utf-8'), '\r\n', `${m} `, 'tekst '.repeat(size / 6)];
    return [...line('Content-Type', 'text/html'), '\r\n', `<p>${m}</p>`, '<div>'.repeat(size / 5)];
  });
}

/** Many small attachments, each with a long name. */
function manyAttachments(m: string) {
  return fc.integer({ min: 100, max: 2000 }).chain((count) =>
    multipart(fc.constant(Array.from({ length: count }, (_, i) => [
      ...line('Content-Type', 'text/plain'),
      ...line('Content-Disposition', `attachment; filename="${m}-${i}-${'a'.repeat(150)}.txt"`),
      '\r\n',
      'x',
    ]))),
  );
}

function body(m: string): fc.Arbitrary<Chunk[]> {
  return fc.oneof(
    { weight: 6, arbitrary: part(m, 3) },
    { weight: 2, arbitrary: fc.constant<Chunk[]>([...line('Content-Type', 'text/html; charset=utf-8'), '\r\n', `<html><body><p>Verwijder mijn gegevens ${m}</p></body></html>`]) },
    { weight: 1, arbitrary: fc.constant<Chunk[]>([`${m} a body with no header at all, not even the blank line`]) },
    { weight: 1, arbitrary: nested(m) },
    { weight: 1, arbitrary: manyAttachments(m) },
    { weight: 1, arbitrary: huge(m) },
  );
}

/** A whole message for run `n`: each person's address is new, unless it is one of a few shared ones. */
function message(n: number): fc.Arbitrary<Mail> {
  const m = `${MARKER}${n}x`;
  return fc.constantFrom(`sender-${m}@example.org`, `sender-${m}@example.org`, 'shared@example.org').chain((sender) =>
    fc
      .record({
        from: fromHeaders(m, sender),
        messageId: messageIdHeaders(m),
        date: dateHeaders,
        subject: subjectHeaders(m, live),
        reply: replyHeaders(live),
        order: fc.boolean(),
        body: body(m),
        envelopeFrom: fc.constantFrom(sender, '', `bounce-${m}@example.org`),
      })
      .map(({ from, messageId, date, subject, reply, order, body, envelopeFrom }): Mail => {
        const headers = [...from, ...messageId, ...date, ...subject, ...reply, ...line('MIME-Version', '1.0')];
        // A body's own headers come after the message's; some senders put them first.
        const [own, rest] = [body.slice(0, body.indexOf('\r\n') + 1), body.slice(body.indexOf('\r\n') + 1)];
        return order
          ? { headers, body: Buffer.concat(body.map((chunk) => Buffer.from(chunk))), envelopeFrom }
          : { headers: [...own, ...headers], body: Buffer.concat(rest.map((chunk) => Buffer.from(chunk))), envelopeFrom };
      }),
  );
}

interface Outcome {
  message: string;
  requestId?: string;
  duplicate?: boolean;
  repeated?: boolean;
}

/** What the handler said it did with a message: its one log line naming the mail id. */
function outcomeOf(lines: string[], mailId: string): Outcome[] {
  return lines.flatMap((text) => {
    if (!text.includes(mailId)) return [];
    try {
      return [JSON.parse(text) as Outcome];
    } catch {
      return [{ message: text }];
    }
  });
}

function executionNames(stateMachineArn: string): string[] {
  const sfn = target.local!.runtime.stepFunctions;
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = sfn.listExecutions({ stateMachineArn, maxResults: 1000, nextToken });
    names.push(...page.executions.map((execution) => execution.name));
    nextToken = page.nextToken;
  } while (nextToken);
  return names;
}

describe('mail intake fuzzing', () => {
  it(`takes ${RUNS} malformed raw messages without an error: each filed, joined to its request or refused, flagged where unreadable`, async () => {
    const accepted = new Set<string>([live.requestId]);
    const unheld = new Set<string>([live.requestId]);
    /** The SES ids of the mail refused over a limit: each leaves an entry for the team, and nothing else. */
    const refused = new Set<string>();
    const kinds = new Map<string, number>();
    const count = (kind: string) => kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    let n = 0;
    const logs = captureLogs();
    stopCapture = () => logs.stop();
    await fc.assert(
      fc.asyncProperty(fc.nat().chain(() => message(n++)), async (mail) => {
        // The body carries its own headers (if any) and the blank line.
        const raw = Buffer.concat([...mail.headers.map((chunk) => Buffer.from(chunk)), mail.body]);
        const event = await storeReceivedMessage(s3, route, raw, { from: mail.envelopeFrom, recipients: [DEFAULT_PRIVACY_ADDRESS] });
        const id = event.Records[0]!.ses.mail.messageId;
        const workflowsBefore = executionNames(target.resources.workflowArn).length;
        const linesBefore = logs.lines.length;
        // Throws when the Lambda fails: SES would retry it, and then drop the message.
        await target.local!.runtime.invokeFunction(route.functionArn, event);
        const said = outcomeOf(logs.lines.slice(linesBefore), id);
        expect(said.map((line) => line.message), `outcome of mail ${id}`).toHaveLength(1);
        const [outcome] = said as [Outcome];
        const started = executionNames(target.resources.workflowArn).length - workflowsBefore;
        if (outcome.message === 'mail rate-limited') {
          count('refused (rate limit)');
          refused.add(id);
          expect(started).toBe(0);
          return;
        }
        const request = (await repo.find(outcome.requestId!, true))!;
        expect(request, 'the request it names').toBeDefined();
        if (outcome.message === 'mail joined its request') {
          count('joined');
          expect(outcome.requestId).toBe(live.requestId);
          expect(started).toBe(0);
          return;
        }
        expect(outcome.message).toBe('mail accepted');
        expect(request.channel).toBe('email');
        const isNew = !accepted.has(request.requestId);
        accepted.add(request.requestId);
        if (request.mail!.held) {
          count(isNew ? `held (${request.mail!.flags.join(',') || 'no address'})` : 'repeat');
          expect(request.status).toBe('awaiting_triage');
          expect((await repo.findStep(request.requestId, 'triage'))?.status).toBe('pending');
          expect(started).toBe(0);
        } else {
          count(isNew ? 'filed' : 'repeat');
          unheld.add(request.requestId);
          expect(request.contactEmail).not.toBe('');
          expect(started).toBe(isNew ? 1 : 0);
        }
      }),
      { numRuns: RUNS, seed: 16 },
    );
    logs.stop();
    expect(logs.lines.filter((text) => text.includes('mail intake failed'))).toEqual([]);
    // Nothing but the requests it filed (with what their workflows wrote, such as identity links), the per-address counters,
    // and for each mail refused over a limit its entry in the team's list of unfiled mail (ids and key only).
    const items = await tableItems(target);
    const unfiled = items.filter((item) => item.pk === unfiledMailKeys.pk);
    expect(new Set(unfiled.map((item) => item.mailId))).toEqual(refused);
    for (const entry of unfiled) expect(Object.keys(entry).sort()).toEqual(['flags', 'mailId', 'objectKey', 'pk', 'receivedAt', 'senderKnown', 'sk']);
    const stray = items.filter(
      (item) =>
        !(String(item.pk).startsWith('PERSON#') || item.pk === unfiledMailKeys.pk || accepted.has(String(item.pk).slice('REQ#'.length)) || accepted.has(item.requestId)),
    );
    expect(stray.map((item) => `${item.pk} ${item.sk}`), 'items of no filed request').toEqual([]);
    expect(new Set(executionNames(target.resources.workflowArn))).toEqual(unheld);
    expect(executionNames(target.resources.watchArn).filter((name) => !accepted.has(name))).toEqual([]);
    // No address, name, subject, body or attachment name in any log line.
    expect(logs.lines.filter((text) => text.includes(MARKER))).toEqual([]);
    expect(logs.withEmail()).toEqual([]);
    const summary = [...kinds].sort().map(([kind, number]) => `${kind} ×${number}`).join(', ');
    console.log(`mail fuzz: ${RUNS} raw messages (${summary}); no error, nothing else stored`);
  }, 600_000);
});
