import { setTimeout as sleep } from 'node:timers/promises';
import { Command } from 'commander';
import type { RequestDetail } from '../../functions/admin/api-types.js';
import { OFFLINE_CHANNELS, TEAM_CHANNELS } from '../../functions/core/intake/team-filing.js';
import { CORRECTABLE_FIELDS, type CorrectableField } from '../../functions/core/inventory/rectification.js';
import { LOCALES, RIGHTS } from '../../functions/core/inventory/types.js';
import { DECISION_GROUND_CODES, REJECTION_REASONS } from '../../functions/core/request/decisions.js';
import { adminCall, submitRequest } from './api-client.js';
import { teamFilingBody, type TeamFilingOptions } from './team-filing.js';

const print = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

/** `erasure=refuse:legal_claims:The facts` → the decide body's entry; the facts may hold colons. */
function parseRightDecision(spec: string): [string, Record<string, string>] {
  const [right = '', rest = ''] = spec.split(/=(.*)/s);
  const [decision = '', ground, ...facts] = rest.split(':');
  return [right, { decision, ...(ground !== undefined ? { ground } : {}), ...(facts.length ? { facts: facts.join(':') } : {}) }];
}

/**
 * `--rectify account.displayName=Ada Lovelace=>Ada King`: a correction the connector writes.
 * A value of a yes/no attribute is written `true` or `false`.
 */
function parseCorrection(spec: string): { storeId: string; field: string; from: string | boolean; to: string | boolean } {
  const [target = '', change = ''] = spec.split(/=(.*)/s);
  const [storeId = '', field = ''] = target.split(/\.(.*)/s);
  const [from = '', to = ''] = change.split(/=>(.*)/s);
  const yesNo = field in CORRECTABLE_FIELDS && CORRECTABLE_FIELDS[field as CorrectableField].kind === 'yesNo';
  const value = (text: string) => (yesNo && (text === 'true' || text === 'false') ? text === 'true' : text);
  return { storeId, field, from: value(from), to: value(to) };
}

/** `erasure=support,media` → the right and its values, for `--keep` and `--until`. */
function parseRightOption(spec: string): [string, string] {
  const [right = '', value = ''] = spec.split(/=(.*)/s);
  return [right, value];
}

/** The decide body's rights: each `--right`, with the stores it keeps and until when. */
function decideRights(options: { right: string[]; keep?: string[]; until?: string[] }) {
  const rights = Object.fromEntries(options.right.map(parseRightDecision)) as Record<string, Record<string, unknown>>;
  for (const [right, stores] of (options.keep ?? []).map(parseRightOption)) rights[right] = { ...rights[right], keep: stores.split(',') };
  for (const [right, date] of (options.until ?? []).map(parseRightOption)) rights[right] = { ...rights[right], until: date };
  return rights;
}

/** How long `approve` watches the request leave the review step before it reports. */
const RESUME_WAIT_MS = 15_000;

/** What `approve` reads of the admin API's answer. */
type RequestView = Pick<RequestDetail, 'status' | 'pendingStep'>;

/**
 * The request once the workflow has taken the approval (its status leaves
 * `awaiting_review`), or as it is when RESUME_WAIT_MS have passed: the admin API answers
 * as soon as the decision is stored, before the workflow moves on.
 */
async function afterReview(id: string): Promise<{ request: RequestView; moved: boolean }> {
  const until = Date.now() + RESUME_WAIT_MS;
  for (;;) {
    const request = (await adminCall(`/admin/requests/${id}`)) as RequestView;
    const moved = request.status !== 'awaiting_review';
    if (moved || Date.now() > until) return { request, moved };
    await sleep(200);
  }
}

/** Approves, then says on stderr where the request stands and prints it (stdout stays JSON). */
async function approve(id: string, outcome?: string): Promise<void> {
  await adminCall(`/admin/requests/${id}/approve`, 'POST', outcome !== undefined ? { outcome } : undefined);
  const { request, moved } = await afterReview(id);
  const waits = request.pendingStep ? ` and waits for ${request.pendingStep}` : '';
  process.stderr.write(
    moved
      ? `Approved. The workflow resumed: the request is now ${request.status}${waits}.\n`
      : `Approved. The workflow has not moved on yet (still ${request.status}); check again with: dsr requests show ${id}\n`,
  );
  print(request);
}

/** Sends the request's pending notices, then says on stderr which, if any, did not go out (stdout stays JSON). */
async function sendNotices(id: string): Promise<void> {
  const request = (await adminCall(`/admin/requests/${id}/send-notices`, 'POST')) as Partial<Pick<RequestDetail, 'noticesPending'>>;
  const pending = request.noticesPending ?? [];
  process.stderr.write(
    pending.length
      ? `Not sent, still pending: ${pending.join(', ')}. Try again with: dsr requests send-notices ${id}\n`
      : 'No notice is pending.\n',
  );
  print(request);
}

/** `dsr requests …`: the admin API from a terminal or a script (JSON out). */
export function registerRequestsCommand(program: Command): void {
  const requests = program.command('requests').description('List, inspect and decide requests (admin API)');
  requests
    .command('list')
    .option('--closed', 'closed requests instead of open ones')
    .option('--limit <n>', 'page size', '50')
    .action(async (options: { closed?: boolean; limit: string }) =>
      print(await adminCall(`/admin/requests?status=${options.closed ? 'closed' : 'open'}&limit=${Number(options.limit)}`)));
  requests.command('show <id>').action(async (id: string) => print(await adminCall(`/admin/requests/${id}`)));
  requests
    .command('approve <id>')
    .option('--outcome <text>', 'what was done (sent to the requester); required for rectification, restriction and objection')
    .action((id: string, options: { outcome?: string }) => approve(id, options.outcome));
  requests
    .command('reject <id>')
    .requiredOption('--reason <text>', 'the facts the refusal rests on (sent to the requester)')
    .option('--code <reasonCode>', REJECTION_REASONS.join(' | '), 'other')
    .action(async (id: string, options: { reason: string; code: string }) =>
      print(await adminCall(`/admin/requests/${id}/reject`, 'POST', { reasonCode: options.code, reason: options.reason })));
  requests
    .command('decide <id>')
    .description('Decide each right of the request: grant, partial or refuse (with a ground and facts)')
    .requiredOption(
      '--right <decision...>',
      `one per right: <right>=grant, or <right>=partial|refuse:<ground>:<facts>; grounds: ${DECISION_GROUND_CODES.join(' | ')}`,
    )
    .option('--keep <right=stores...>', 'a partial grant: the stores its exception keeps, e.g. erasure=support,media')
    .option('--until <right=date...>', 'a partial erasure: until when the exception is expected to apply, e.g. erasure=2027-06-30')
    .option('--outcome <text>', 'what was done (sent to the requester); required for rectification, restriction and objection')
    .option(
      '--rectify <correction...>',
      `a correction the store's connector writes, only over the old value: <store>.<field>=<old>=><new>; fields: ${Object.keys(CORRECTABLE_FIELDS).join(' | ')} of account`,
    )
    .action(async (id: string, options: { right: string[]; keep?: string[]; until?: string[]; outcome?: string; rectify?: string[] }) =>
      print(await adminCall(`/admin/requests/${id}/decide`, 'POST', {
        rights: decideRights(options),
        ...(options.outcome !== undefined ? { outcome: options.outcome } : {}),
        ...(options.rectify ? { rectify: options.rectify.map(parseCorrection) } : {}),
      })));
  requests
    .command('extend <id>')
    .requiredOption('--reason <text>', 'why the request needs up to two more months (sent to the requester)')
    .action(async (id: string, options: { reason: string }) =>
      print(await adminCall(`/admin/requests/${id}/extend`, 'POST', { reason: options.reason })));
  requests
    .command('retry <id>')
    .option('--store <storeId>', 'only this store')
    .action(async (id: string, options: { store?: string }) =>
      print(await adminCall(`/admin/requests/${id}/retry`, 'POST', options.store ? { storeId: options.store } : {})));
  requests
    .command('contact <id>')
    .description('Give an open request another reply address (the old one was refused or mistyped); audited without either address')
    .requiredOption('--email <email>', 'the new reply address')
    .requiredOption('--note <text>', 'why, for the audit (no email addresses)')
    .action(async (id: string, options: { email: string; note: string }) =>
      print(await adminCall(`/admin/requests/${id}/contact`, 'POST', { email: options.email, note: options.note })));
  requests
    .command('close <id>')
    .description('Close a request whose reply email SES refused as answered another way: no email is sent')
    .requiredOption('--channel <channel>', OFFLINE_CHANNELS.join(' | '))
    .requiredOption('--note <text>', 'how the reply was given, for the record (no email addresses)')
    .action(async (id: string, options: { channel: string; note: string }) =>
      print(await adminCall(`/admin/requests/${id}/close`, 'POST', { channel: options.channel, note: options.note })));
  requests
    .command('reissue-link <id>')
    .description('Email the requester a new download link while the package exists; the earlier link stops working')
    .action(async (id: string) => print(await adminCall(`/admin/requests/${id}/reissue-link`, 'POST')));
  requests
    .command('send-notices <id>')
    .description("Send the request's pending notices now (each once): for a notice whose sender gave up, or before it tries again")
    .action(sendNotices);
  requests.command('cancel <id>').action(async (id: string) => print(await adminCall(`/admin/requests/${id}/cancel`, 'POST')));
  requests
    .command('create')
    .description('File a request the privacy team received itself (letter, phone, in person, email); deadlines count from --received-at')
    .requiredOption('--type <type...>', RIGHTS.join(' | '))
    .requiredOption('--channel <channel>', TEAM_CHANNELS.join(' | '))
    .requiredOption('--received-at <instant>', 'when Kiara received it, ISO 8601 with an offset (e.g. 2026-11-03T09:30:00+01:00)')
    .option('--email <email>', 'the reply address (required unless --ground minor)')
    .option('--locale <locale>', LOCALES.join(' | '), 'en')
    .option('--name <name>', "the requester's name")
    .option('--details <text>', 'what the requester wrote or said')
    .option('--account-id <id>', 'the Kiara account, when known')
    .option('--identity-verified', 'the team verified the identity (say how in --note): no identity link is sent')
    .option('--ground <ground>', 'minor: erase an account the team learned belongs to someone under 18 (policy §12)')
    .option('--note <text>', 'for the record: how the identity was verified, or how the team learned of the minor')
    .action(async (options: TeamFilingOptions) => print(await adminCall('/admin/requests', 'POST', teamFilingBody(options))));
  requests
    .command('triage <id>')
    .description('Say which rights an email to the privacy address invokes')
    .requiredOption('--type <type...>', RIGHTS.join(' | '))
    .action(async (id: string, options: { type: string[] }) =>
      print(await adminCall(`/admin/requests/${id}/triage`, 'POST', { types: options.type })));
  requests
    .command('dismiss <id>')
    .description('Close an email that is no rights request (no further workflow)')
    .requiredOption('--reason <text>', 'why (for the record)')
    .option('--reply <text>', 'your words to the sender; without it no email goes out')
    .action(async (id: string, options: { reason: string; reply?: string }) =>
      print(await adminCall(`/admin/requests/${id}/dismiss`, 'POST', { reason: options.reason, ...(options.reply ? { reply: options.reply } : {}) })));
}

/** `dsr submit`: files a request through the signed intake, like Kiara's web form. */
export function registerSubmitCommand(program: Command): void {
  program
    .command('submit')
    .description('File a data-subject request through the signed intake webhook')
    .requiredOption('--type <type...>', RIGHTS.join(' | '))
    .requiredOption('--email <email>', "the requester's email address")
    .option('--locale <locale>', LOCALES.join(' | '), 'en')
    .option('--details <text>', 'free text from the requester')
    .option('--idempotency-key <key>', 'repeat-safe delivery key')
    .action(async (options: { type: string[]; email: string; locale: string; details?: string; idempotencyKey?: string }) =>
      print(
        await submitRequest(
          { types: options.type, email: options.email, locale: options.locale, ...(options.details ? { details: options.details } : {}) },
          options.idempotencyKey,
        ),
      ));
}
