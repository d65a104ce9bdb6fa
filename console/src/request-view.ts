import type { AdminApi } from './api.js';
import { openActionDialog, textArea } from './dialogs.js';
import { h, replace, uid, type Child } from './dom.js';
import {
  AUDIT_LABELS,
  auditDetails,
  EMAIL_LABELS,
  formatBytes,
  formatDate,
  formatInstant,
  DECISION_LABELS,
  groundLabel,
  groundsFor,
  label,
  REJECTION_GROUNDS,
  REVIEW_NOTE_LABELS,
  RIGHT_LABELS,
  STATUS_LABELS,
  STEP_LABELS,
} from './format.js';
// The same rule the admin API applies (400 outcome_required), not a copy of it.
import { isOutcomeRight, isStepIn, needsStatement, TEAM_STEPS } from '../../functions/core/request/model.js';
import type { Right } from '../../functions/core/inventory/types.js';
import { RIGHT_DECISIONS } from '../../functions/core/request/decisions.js';
import { CORRECTABLE_FIELDS, type CorrectableField } from '../../functions/core/inventory/correctable-fields.js';
import type { Correction } from '../../functions/core/inventory/rectification.js';
import { badge } from './queue-view.js';
import { CHANNEL_LABELS } from './new-request.js';
import { mailSection } from './mail-view.js';
import { refusedReplyButtons } from './refused-reply.js';
import { heldCopy, liftButton, liftDialog } from './restrictions-view.js';
import type { AttachmentLink, Detail, PendingStep } from './types.js';

/** While the workflow works on its own the page refreshes often; while it waits for the team, now and then. */
const WORKING_REFRESH_MS = 2000;
const WAITING_REFRESH_MS = 15000;

export interface RequestPage {
  stop(): void;
}

/** The request page: what is pending and its choices, deadlines, stores, emails, timeline. */
export function renderRequest(main: HTMLElement, api: AdminApi, requestId: string, backSearch: string): RequestPage {
  let timer: number | undefined;
  let stopped = false;
  let last = '';
  const path = `/requests/${encodeURIComponent(requestId)}`;

  const schedule = (detail: Detail) => {
    window.clearTimeout(timer);
    if (stopped || !detail.open) return;
    const waiting = detail.pendingSteps.some((step) => isStepIn(TEAM_STEPS, step.step));
    timer = window.setTimeout(() => void load(false), waiting ? WAITING_REFRESH_MS : WORKING_REFRESH_MS);
  };

  async function load(focusHeading: boolean) {
    try {
      const detail = await api.get<Detail>(path);
      if (stopped) return;
      show(detail, focusHeading);
    } catch (error) {
      if (stopped) return;
      replace(main, back(backSearch), h('h1', { tabindex: -1 }, `Request ${requestId}`), h('p', { class: 'error', role: 'alert' }, (error as Error).message));
      if (focusHeading) main.querySelector<HTMLElement>('h1')?.focus();
    }
  }

  function show(detail: Detail, focusHeading: boolean) {
    const text = JSON.stringify(detail);
    if (text !== last && !document.querySelector('dialog[open]')) {
      last = text;
      const focusedId = document.activeElement?.id;
      render(main, api, detail, backSearch, { refresh: () => void load(false) });
      const again = focusedId ? document.getElementById(focusedId) : null;
      if (focusHeading || (focusedId && !again)) main.querySelector<HTMLElement>('h1')?.focus();
      else again?.focus();
    }
    schedule(detail);
  }

  replace(main, back(backSearch), h('h1', { tabindex: -1 }, `Request ${requestId}`), h('p', { class: 'muted' }, 'Loading…'));
  main.querySelector<HTMLElement>('h1')?.focus();
  void load(true);
  return {
    stop() {
      stopped = true;
      window.clearTimeout(timer);
    },
  };
}

const back = (search: string) => h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: `#/${search}` }, '← All requests'));

interface Hooks {
  refresh: () => void;
}

function render(main: HTMLElement, api: AdminApi, d: Detail, backSearch: string, hooks: Hooks): void {
  replace(
    main,
    back(backSearch),
    h(
      'div',
      { class: 'title' },
      h('h1', { tabindex: -1 }, `Request ${d.requestId}`),
      h('span', { class: `status status-${d.open ? 'open' : 'closed'}`, 'data-status': d.status }, label(STATUS_LABELS, d.status)),
      d.open ? badge(d.daysLeft) : null,
    ),
    pendingSection(api, d, hooks),
    mailSection(
      d,
      (action, body) => api.post(`/requests/${encodeURIComponent(d.requestId)}/${action}`, body).then(() => undefined),
      hooks.refresh,
      (mailId, part) => api.get<AttachmentLink>(`/requests/${encodeURIComponent(d.requestId)}/mail/${encodeURIComponent(mailId)}/attachments/${part}`),
    ),
    h('div', { class: 'columns' }, facts(d), deadlines(d)),
    restrictionSection(api, d, hooks),
    stores(d),
    emails(d),
    timeline(d),
  );
}

function section(title: string, ...children: Child[]): HTMLElement {
  const id = uid('section');
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

function dl(rows: [string, Child][]): HTMLDListElement {
  return h('dl', {}, ...rows.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

const requestLink = (requestId: string) => h('a', { href: `#/requests/${encodeURIComponent(requestId)}` }, requestId);

function facts(d: Detail) {
  const optional = (term: string, value: Child): [string, Child][] => (value ? [[term, value]] : []);
  return section(
    'Request',
    dl([
      ...optional('Name', d.name),
      ...optional('What the requester wrote', d.details && h('p', { class: 'requester-text' }, d.details)),
      ...optional('Duplicate of', d.duplicateOf && requestLink(d.duplicateOf)),
      ...optional('Review note', d.reviewNote && label(REVIEW_NOTE_LABELS, d.reviewNote)),
      ['Rights', d.types.map((type) => label(RIGHT_LABELS, type)).join(', ')],
      ['Received', h('time', { datetime: d.receivedAt }, formatInstant(d.receivedAt))],
      ['Receipt date', formatDate(d.receiptDate)],
      ['Channel', d.channel.replace(/_/g, ' ')],
      ['Language', d.locale === 'nl' ? 'Dutch' : 'English'],
      ['Reply to', d.contactEmail],
      ['Account', d.subjectFound === null ? 'Not looked up yet' : d.subjectFound ? 'Found by the verified email address' : 'No account with this address'],
      ...(d.closedAt ? ([['Closed', formatInstant(d.closedAt)]] as [string, Child][]) : []),
    ]),
    d.decision
      ? h(
          'div',
          { class: 'note', id: 'decision' },
          h('h3', {}, 'Decision per right'),
          dl([
            ...Object.entries(d.decision.rights).map(([right, entry]): [string, Child] => [
              label(RIGHT_LABELS, right),
              entry?.ground ? `${label(DECISION_LABELS, entry.decision)}: ${groundLabel(entry.ground)}. ${entry.facts ?? ''}` : label(DECISION_LABELS, entry?.decision),
            ]),
            ['Decided', `${formatInstant(d.decision.decidedAt)} by ${d.decision.decidedBy}`],
            ...(d.decision.late ? ([['Late', `Refused after the refusal deadline of ${formatDate(d.refusalDeadline)}; the reply says so.`]] as [string, Child][]) : []),
          ]),
        )
      : null,
    d.outcome
      ? h(
          'div',
          { class: 'note' },
          h('h3', {}, 'What was done'),
          dl([
            ['Sent to the requester', d.outcome.text],
            ['Decided', `${formatInstant(d.outcome.decidedAt)} by ${d.outcome.decidedBy}`],
          ]),
        )
      : null,
  );
}

/** The restriction this request put in place (Art. 18): active with its marks and held copy, being lifted, or lifted (who, when, why). */
function restrictionSection(api: AdminApi, d: Detail, hooks: Hooks) {
  const restriction = d.restriction;
  if (!restriction) return null;
  const view = { requestId: d.requestId, ...restriction };
  const lift = liftButton(view, 'Lift the restriction…', (trigger) => liftDialog(api, view, trigger, hooks.refresh));
  const asked = restriction.lifted ?? restriction.lift;
  const status = restriction.lifted
    ? `Lifted ${formatInstant(restriction.lifted.at)} by ${restriction.lifted.by}`
    : restriction.lift
      ? `Lifting since ${formatInstant(restriction.lift.at)} by ${restriction.lift.by}`
      : `Active since ${formatInstant(restriction.since)}`;
  return section(
    'Restriction (Art. 18)',
    dl([
      ['Status', status],
      ...(restriction.liftFailed ? ([['Lift stopped', `${formatInstant(restriction.liftFailed.at)} (${restriction.liftFailed.error})`]] as [string, Child][]) : []),
      ...(asked ? ([['Reason (sent to the person)', asked.reason]] as [string, Child][]) : []),
      ['Marked', `Account ${restriction.accountId}; ${restriction.taggedFiles} files tagged`],
      ['Held copy', restriction.lifted ? 'Deleted when lifted' : heldCopy(restriction) + (restriction.lift ? ', being deleted' : '')],
    ]),
    lift,
  );
}

function deadlines(d: Detail) {
  const extended = Boolean(d.extension);
  const row = (name: string, pair: { strict: string; legal: string }, applies: boolean) =>
    h(
      'tr',
      { class: applies ? 'applies' : '' },
      h('th', { scope: 'row' }, name, applies ? h('span', { class: 'tag' }, 'applies') : null),
      h('td', {}, formatDate(pair.strict)),
      h('td', {}, formatDate(pair.legal)),
    );
  return section(
    'Deadlines',
    h(
      'table',
      { class: 'deadlines' },
      h('thead', {}, h('tr', {}, h('td', {}), h('th', { scope: 'col' }, 'Internal (strict)'), h('th', { scope: 'col' }, 'Legal limit'))),
      h('tbody', {}, row('One month', d.deadlines.initial, !extended), row('Extended (3 months)', d.deadlines.extended, extended)),
    ),
    h('p', { class: 'hint' }, 'Counted in Amsterdam days; a reply is in time until 23:59 on the legal date.'),
    dl([['Refusal deadline (Art. 12(4))', `${formatDate(d.refusalDeadline)}: a refusal, also a partial one, reaches the requester by then, even when extended`]]),
    d.extension
      ? dl([
          ['Extended', `${formatInstant(d.extension.extendedAt)} by ${d.extension.extendedBy}`],
          ['Reason', d.extension.reason],
          ['Requester told', d.extension.subjectNotifiedAt ? formatInstant(d.extension.subjectNotifiedAt) : 'Notice pending: not sent yet'],
        ])
      : null,
  );
}

function stores(d: Detail) {
  if (d.stores.length === 0) return section('Stores', h('p', { class: 'muted' }, 'No store has been searched yet.'));
  const sorted = [...d.stores].sort((a, b) => a.action.localeCompare(b.action) || a.storeId.localeCompare(b.storeId));
  return section(
    'Stores',
    h(
      'table',
      { class: 'stores' },
      h('thead', {}, h('tr', {}, ...['Store', 'Action', 'Items', 'Kept', 'Size'].map((t) => h('th', { scope: 'col' }, t)))),
      h(
        'tbody',
        {},
        ...sorted.map((s) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, h('code', {}, s.storeId)),
            h('td', {}, s.action === 'erase' ? 'Erased' : 'Collected'),
            h('td', { class: 'num' }, String(s.items)),
            h('td', { class: 'num' }, s.retained ? `${s.retained}${s.retainedUntil ? ` until ${formatDate(s.retainedUntil.slice(0, 10))}` : ''}` : '—'),
            h('td', { class: 'num' }, s.bytes ? formatBytes(s.bytes) : '—'),
          ),
        ),
      ),
    ),
  );
}

function emails(d: Detail) {
  return section(
    'Emails sent',
    d.emailsSent.length
      ? h('ul', { class: 'emails' }, ...d.emailsSent.map((kind) => h('li', {}, label(EMAIL_LABELS, kind.split('#')[0]))))
      : h('p', { class: 'muted' }, 'None yet.'),
  );
}

function timeline(d: Detail) {
  const events = [...d.audit].sort((a, b) => a.at.localeCompare(b.at));
  return section(
    'Timeline',
    h(
      'ol',
      { class: 'timeline' },
      ...events.map((event) =>
        h(
          'li',
          {},
          h('time', { datetime: event.at }, formatInstant(event.at)),
          h('span', { class: 'what' }, label(AUDIT_LABELS, event.type)),
          h('span', { class: 'who' }, event.actor),
          h('span', { class: 'details' }, auditDetails(event)),
        ),
      ),
    ),
  );
}

/** What the request waits for and the choices the privacy team has now. */
function pendingSection(api: AdminApi, d: Detail, hooks: Hooks) {
  const path = `/requests/${encodeURIComponent(d.requestId)}`;
  const post = async (action: string, body?: unknown) => {
    await api.post<Detail>(`${path}/${action}`, body);
  };
  const review = d.pendingSteps.find((s) => s.step === 'review');
  const failures = d.pendingSteps.filter((s) => s.step === 'store_failure');
  const stepFailures = d.pendingSteps.filter((s) => s.step === 'step_failure');
  const identity = d.pendingSteps.find((s) => s.step === 'verify_identity');
  const blocks: Child[] = [];

  if (!d.open) {
    blocks.push(h('p', {}, `Closed: ${label(STATUS_LABELS, d.status)}. Nothing is pending.`));
    if (d.replyChannel) {
      const { channel, note, answeredBy, answeredAt } = d.replyChannel;
      blocks.push(h('p', { id: 'reply-channel' }, `The reply was given by ${label(CHANNEL_LABELS, channel).toLowerCase()}, not by email (recorded by ${answeredBy}, ${formatInstant(answeredAt)}): ${note}`));
    }
  }
  if (d.duplicateOf) {
    blocks.push(h('p', {}, 'It repeats request ', requestLink(d.duplicateOf), ', which was open when this one came in and whose reply answers it; it runs no workflow of its own.'));
  }
  if (identity) {
    blocks.push(
      h('p', {}, 'The requester has been emailed an identity link and has not confirmed it yet. Nothing to decide; the request closes unverified when the link expires.'),
    );
  }
  if (review) {
    const approve = h('button', { type: 'button', id: 'action-approve', class: 'primary' }, 'Approve…');
    const reject = h('button', { type: 'button', id: 'action-reject', class: 'danger' }, 'Reject…');
    const decide = h('button', { type: 'button', id: 'action-decide', class: 'secondary' }, 'Decide per right…');
    const cancel = h('button', { type: 'button', id: 'action-cancel', class: 'secondary' }, 'Withdrawn by requester…');
    approve.addEventListener('click', () => approveDialog(d, approve, post, hooks));
    decide.addEventListener('click', () => decideDialog(d, decide, post, hooks));
    reject.addEventListener('click', () => rejectDialog(api, d, reject, post, hooks));
    cancel.addEventListener('click', () => cancelDialog(d, cancel, post, hooks));
    blocks.push(
      h('p', {}, `Review by the privacy team since ${formatInstant(review.createdAt)}. The requester's identity is confirmed; decide whether to carry out the request.`),
      h('div', { class: 'buttons' }, approve, decide, reject, cancel),
    );
  }
  for (const failure of failures) blocks.push(failureBlock(failure, post, hooks));
  for (const failure of stepFailures) blocks.push(stepFailureBlock(d, failure, post, hooks));
  if (d.noticesPending?.length) blocks.push(pendingNoticesBlock(d, post, hooks));
  if (d.downloadLink && Date.parse(d.downloadLink.packageExpiresAt) > Date.now()) blocks.push(reissueBlock(d, post, hooks));
  if (d.open) {
    const extendable = d.extendable ?? { ok: !d.extension };
    if (extendable.ok) {
      const extend = h('button', { type: 'button', id: 'action-extend', class: 'secondary' }, 'Extend deadline…');
      extend.addEventListener('click', () => extendDialog(d, extend, post, hooks));
      blocks.push(h('div', { class: 'buttons' }, extend));
    } else if ('message' in extendable) {
      blocks.push(h('p', { class: 'hint' }, `Extension: ${extendable.message}`));
    }
  }
  if (d.open && !review && failures.length + stepFailures.length === 0 && !identity && !d.pendingSteps.some((s) => s.step === 'triage')) {
    blocks.push(h('p', { class: 'muted' }, `The workflow is working (${label(STATUS_LABELS, d.status).toLowerCase()}); this page updates itself.`));
  }
  const waiting = d.pendingSteps.map((s) => label(STEP_LABELS, s.step)).join(', ');
  return section(d.open ? `Waiting for${waiting ? `: ${waiting}` : ''}` : 'Outcome', ...blocks);
}

type Post = (action: string, body?: unknown) => Promise<void>;

/** While the package exists the team can send a new download link; the earlier link stops working. */
function reissueBlock(d: Detail, post: Post, hooks: Hooks) {
  const { linkExpiresAt, packageExpiresAt } = d.downloadLink!;
  const button = h('button', { type: 'button', id: 'action-reissue-link', class: 'secondary' }, 'Send a new download link…');
  button.addEventListener('click', () =>
    openActionDialog({
      title: `Send a new download link for ${d.requestId}`,
      trigger: button,
      intro: [h('p', {}, `The requester is emailed a new link to the same package (deleted on ${formatInstant(packageExpiresAt)}); the link sent before stops working.`)],
      confirmLabel: 'Send the new link',
      busyLabel: 'Sending…',
      submit: () => post('reissue-link'),
      done: 'A new download link has been sent.',
      refresh: hooks.refresh,
    }),
  );
  return h('div', { class: 'buttons' }, h('p', { class: 'hint' }, `Download link valid until ${formatInstant(linkExpiresAt)}.`), button);
}

/** A notice queued with a change whose email has not gone out (the mail provider failed): send it now. */
function pendingNoticesBlock(d: Detail, post: Post, hooks: Hooks) {
  const names = d.noticesPending!.map((kind) => label(EMAIL_LABELS, kind)).join(', ');
  const button = h('button', { type: 'button', id: 'action-send-notices', class: 'primary' }, 'Send pending notices…');
  button.addEventListener('click', () =>
    openActionDialog({
      title: `Send the pending notices of ${d.requestId}`,
      trigger: button,
      intro: [h('p', {}, `Notice pending: ${names}. The change is recorded; its email to the requester has not gone out yet. It is retried on its own for about a day, and you are emailed if it cannot be sent. Sending it now sends each notice once.`)],
      confirmLabel: 'Send now',
      busyLabel: 'Sending…',
      submit: () => post('send-notices'),
      done: 'Sent, or still pending if the mail provider fails again.',
      refresh: hooks.refresh,
    }),
  );
  return h('div', { class: 'failure', id: 'notices-pending' }, h('p', {}, h('strong', {}, 'Notice pending: '), names), h('div', { class: 'buttons' }, button));
}

/** A workflow step that failed for good: what failed and with which error, and a retry. */
function stepFailureBlock(d: Detail, step: PendingStep, post: Post, hooks: Hooks) {
  const failedStep = String(step.details?.failedStep ?? 'unknown step');
  const error = String(step.details?.error ?? 'unknown error');
  const refused = error === 'MessageRejected' ? ' SES refused the email; a retry sends it again (to the address of the request, which you can change) and it goes out only once SES accepts the address.' : '';
  const button = h('button', { type: 'button', id: 'action-retry-step', class: 'primary' }, `Retry ${failedStep}…`);
  button.addEventListener('click', () =>
    openActionDialog({
      title: `Retry step ${failedStep}`,
      trigger: button,
      intro: [h('p', {}, `The workflow step ${failedStep} failed (${error}) and stopped retrying.${refused} Retrying runs the step again from where it failed; nothing is done twice.`)],
      confirmLabel: 'Retry now',
      busyLabel: 'Retrying…',
      submit: () => post('retry'),
      done: `Retrying ${failedStep}.`,
      refresh: hooks.refresh,
    }),
  );
  return h(
    'div',
    { class: 'failure', id: 'step-failure' },
    h('p', {}, h('strong', {}, failedStep), ` failed: ${error}, since ${formatInstant(step.createdAt)}.`),
    h('div', { class: 'buttons' }, button, ...refusedReplyButtons(d, step, post, hooks.refresh)),
  );
}

function failureBlock(step: PendingStep, post: Post, hooks: Hooks) {
  const store = step.details?.storeId ?? 'unknown';
  const action = step.details?.action ?? '';
  const button = h('button', { type: 'button', id: `action-retry-${store}-${action}`, class: 'primary' }, `Retry ${store}…`);
  button.addEventListener('click', () =>
    openActionDialog({
      title: `Retry store ${store}`,
      trigger: button,
      intro: [h('p', {}, `The ${action || 'store'} step of ${store} failed after its automatic retries (${step.details?.error ?? 'unknown error'}). Retrying resumes it from its cursor; nothing is done twice.`)],
      confirmLabel: 'Retry now',
      busyLabel: 'Retrying…',
      submit: () => post('retry', { storeId: store }),
      done: `Retrying ${store}.`,
      refresh: hooks.refresh,
    }),
  );
  return h(
    'div',
    { class: 'failure' },
    h('p', {}, h('strong', {}, `${store} (${action})`), ` failed: ${step.details?.error ?? 'unknown error'}, since ${formatInstant(step.createdAt)}. A failing store is never skipped.`),
    h('div', { class: 'buttons' }, button),
  );
}

function approveDialog(d: Detail, trigger: HTMLElement, post: Post, hooks: Hooks) {
  const erasing = d.types.includes('erasure');
  const collecting = d.types.some((t) => ['access', 'portability'].includes(t));
  const byHand = d.types.filter(isOutcomeRight);
  const required = d.types.some(needsStatement);
  const workflow = [
    erasing ? 'The workflow erases the person’s data in every store (invoices are kept for Dutch tax law) and emails the erasure report.' : null,
    collecting ? 'The workflow collects the person’s data from every store and emails a download link to the access package.' : null,
    byHand.length > 0
      ? `${byHand.map((t) => label(RIGHT_LABELS, t)).join(', ')}: no store is changed by the workflow; do it first, then say what was done. The requester is emailed your text with what each right means and the right to complain to the Autoriteit Persoonsgegevens.`
      : null,
  ].filter((text): text is string => text !== null);
  openActionDialog<{ outcome?: string } | undefined>({
    title: `Approve ${d.requestId}`,
    trigger,
    intro: [h('p', {}, `Rights: ${d.types.map((t) => label(RIGHT_LABELS, t)).join(', ')}.`), ...workflow.map((text) => h('p', {}, text))],
    fields:
      byHand.length > 0
        ? textArea(
            'outcome',
            'What was done (sent to the requester)',
            required
              ? 'Quoted in the email: the data corrected, the restriction set, or the processing stopped (and any compelling grounds documented).'
              : 'Optional: Kiara processes nothing on the basis of consent, and the email says so; add anything else the requester should know.',
            required,
          )
        : undefined,
    collect: (form) => {
      const outcome = String(new FormData(form).get('outcome') ?? '').trim();
      if (!outcome && required) return { invalid: 'Say what was done; the email to the requester quotes it.' };
      return outcome ? { outcome } : undefined;
    },
    confirmLabel: 'Approve',
    busyLabel: 'Approving…',
    submit: (body) => post('approve', body),
    done: 'Approved. The workflow continues.',
    refresh: hooks.refresh,
  });
}

type RightEntry = { decision: string; ground?: string; facts?: string; keep?: string[]; until?: string };

/**
 * A partial grant of a right that touches stores: which stores its exception keeps (the
 * API checks them against the person's plan) and, for an erasure, until when.
 */
function keepFields(d: Detail, right: Right): Child[] {
  const stores = d.keepable[right] ?? [];
  if (stores.length === 0) return [];
  const untilId = uid('until');
  return [
    h('fieldset', { class: 'keep' },
      h('legend', {}, right === 'erasure' ? 'Stores to keep (when granted in part)' : 'Stores to leave out of the copy (when granted in part)'),
      ...stores.map(({ storeId, title }) => {
        const id = uid('keep');
        return h('span', { class: 'checkbox' }, h('input', { type: 'checkbox', id, name: `${right}-keep`, value: storeId }), h('label', { for: id }, title));
      })),
    ...(right === 'erasure'
      ? [h('label', { for: untilId }, 'Exception expected to apply until (told to the requester)'), h('input', { type: 'date', id: untilId, name: `${right}-until` })]
      : []),
  ];
}

const YES_NO_CHANGES = { 'true=>false': [true, false], 'false=>true': [false, true] } as const;
const isYesNo = (field: CorrectableField) => CORRECTABLE_FIELDS[field].kind === 'yesNo';

/**
 * The corrections the store's connector writes (Art. 16): per rectifiable attribute the
 * value the store holds now and the corrected one; left empty, the attribute is not touched.
 */
function correctionFields(d: Detail): HTMLElement[] {
  return d.rectifiable.flatMap((store) =>
    store.fields.map((field) => {
      const name = `rectify-${store.storeId}-${field}`;
      const legend = h('legend', {}, `${store.title}: ${CORRECTABLE_FIELDS[field].label.en}`);
      if (isYesNo(field)) {
        const id = uid('rectify');
        return h('fieldset', { class: 'correction' }, legend,
          h('label', { for: id }, 'Change'),
          h('select', { id, name }, h('option', { value: '' }, '— not changed'),
            h('option', { value: 'true=>false' }, 'on → off'), h('option', { value: 'false=>true' }, 'off → on')));
      }
      const fromId = uid('rectify-from');
      const toId = uid('rectify-to');
      return h('fieldset', { class: 'correction' }, legend,
        h('label', { for: fromId }, 'Value the store holds now'), h('input', { id: fromId, name: `${name}-from` }),
        h('label', { for: toId }, 'Corrected value'), h('input', { id: toId, name: `${name}-to` }));
    }));
}

/** The corrections filled in, or what is missing. */
function collectCorrections(d: Detail, data: FormData): Correction[] | { invalid: string } {
  const corrections: Correction[] = [];
  for (const { storeId, fields } of d.rectifiable) {
    for (const field of fields) {
      const name = `rectify-${storeId}-${field}`;
      if (isYesNo(field)) {
        const change = String(data.get(name) ?? '') as keyof typeof YES_NO_CHANGES | '';
        if (change) corrections.push({ storeId, field, from: YES_NO_CHANGES[change][0], to: YES_NO_CHANGES[change][1] });
        continue;
      }
      const from = String(data.get(`${name}-from`) ?? '').trim();
      const to = String(data.get(`${name}-to`) ?? '').trim();
      if (!from && !to) continue;
      if (!from || !to) return { invalid: `${CORRECTABLE_FIELDS[field].label.en}: give the value the store holds now and the corrected value.` };
      corrections.push({ storeId, field, from, to });
    }
  }
  return corrections;
}

/** One decision per right: grant, grant in part or refuse, with a ground that applies to the right and the facts. */
function decideDialog(d: Detail, trigger: HTMLElement, post: Post, hooks: Hooks) {
  const rights = d.types as Right[];
  const byHand = rights.filter(needsStatement);
  const perRight = rights.map((right) => {
    const name = uid(`decision-${right}`);
    const choices = RIGHT_DECISIONS.map((value) => {
      const id = uid('choice');
      return h('span', { class: 'radio' },
        h('input', { type: 'radio', id, name, value, checked: value === 'grant' }),
        h('label', { for: id }, label(DECISION_LABELS, value)));
    });
    const groundId = uid('ground');
    const factsId = uid('facts');
    return h('fieldset', { class: 'right-decision', 'data-right': right },
      h('legend', {}, label(RIGHT_LABELS, right)),
      ...choices,
      h('label', { for: groundId }, 'Ground or exception (when granted in part or refused)'),
      h('select', { id: groundId, name: `${right}-ground` },
        h('option', { value: '' }, '—'),
        ...groundsFor(right).map((ground) => h('option', { value: ground.code, title: ground.hint }, `${ground.label} (${ground.article})`))),
      h('label', { for: factsId }, 'Facts (quoted to the requester)'),
      h('textarea', { id: factsId, name: `${right}-facts`, rows: 3 }),
      ...keepFields(d, right));
  });
  const rectifying = rights.includes('rectification');
  openActionDialog<{ rights: Record<string, RightEntry>; outcome?: string; rectify?: Correction[] }>({
    title: `Decide ${d.requestId} per right`,
    trigger,
    intro: [
      h('p', {}, 'Only the rights granted in full or in part are carried out. Anything refused or granted in part is explained in the reply with its ground and facts, together with the right to complain to the Autoriteit Persoonsgegevens and the court remedy.'),
      h('p', { class: 'hint' }, 'Granted in part: tick the stores the exception covers; the workflow does not erase them (erasure) or leaves them out of the package (access, portability), and the reply names them.'),
    ],
    fields: [
      ...perRight,
      ...(byHand.length > 0
        ? textArea('outcome', 'What was done (sent to the requester)', 'Required when rectification, restriction or objection is granted.', false)
        : []),
      ...(rectifying
        ? [
            h('p', { class: 'hint' }, 'Corrections written now, only where the store still holds the value you give (else 409, nothing changes); the reply says what changed and the recipients are told (Art. 19). Other corrections: make them by hand and describe them above.'),
            ...correctionFields(d),
          ]
        : []),
    ],
    collect: (form) => {
      const data = new FormData(form);
      const entries: Record<string, RightEntry> = {};
      for (const right of rights) {
        const fieldset = form.querySelector<HTMLFieldSetElement>(`fieldset[data-right="${right}"]`)!;
        const decision = fieldset.querySelector<HTMLInputElement>('input[type=radio]:checked')?.value ?? 'grant';
        const ground = String(data.get(`${right}-ground`) ?? '');
        const facts = String(data.get(`${right}-facts`) ?? '').trim();
        if (decision !== 'grant' && (!ground || !facts)) {
          return { invalid: `${label(RIGHT_LABELS, right)}: choose the ground and write the facts.` };
        }
        const keep = data.getAll(`${right}-keep`).map(String);
        const until = String(data.get(`${right}-until`) ?? '');
        if (decision === 'partial' && (d.keepable[right] ?? []).length > 0 && (keep.length === 0 || (right === 'erasure' && !until))) {
          return { invalid: `${label(RIGHT_LABELS, right)}: tick what the exception keeps${right === 'erasure' ? ' and give the date until which it applies' : ''}.` };
        }
        entries[right] = decision === 'grant' ? { decision } : { decision, ground, facts, ...(decision === 'partial' && keep.length ? { keep } : {}), ...(decision === 'partial' && until ? { until } : {}) };
      }
      const outcome = String(data.get('outcome') ?? '').trim();
      const rectify = rectifying ? collectCorrections(d, data) : [];
      if (!Array.isArray(rectify)) return rectify;
      return { rights: entries, ...(outcome ? { outcome } : {}), ...(rectify.length > 0 ? { rectify } : {}) };
    },
    confirmLabel: 'Decide and continue',
    busyLabel: 'Deciding…',
    submit: (body) => post('decide', body),
    done: 'Decided. The workflow carries out what was granted and replies on every right.',
    refresh: hooks.refresh,
  });
}

function cancelDialog(d: Detail, trigger: HTMLElement, post: Post, hooks: Hooks) {
  openActionDialog({
    title: `Close ${d.requestId} as withdrawn`,
    trigger,
    intro: [h('p', {}, 'Use this only when the requester withdrew the request. The request is closed as cancelled; nothing more is done for it.')],
    confirmLabel: 'Close as withdrawn',
    busyLabel: 'Closing…',
    danger: true,
    submit: () => post('cancel'),
    done: 'Closed as withdrawn.',
    refresh: hooks.refresh,
  });
}

function extendDialog(d: Detail, trigger: HTMLElement, post: Post, hooks: Hooks) {
  openActionDialog<{ reason: string }>({
    title: `Extend the deadline of ${d.requestId}`,
    trigger,
    intro: [
      h(
        'p',
        {},
        `The legal limit moves from ${formatDate(d.deadlines.initial.legal)} to ${formatDate(d.deadlines.extended.legal)} (three months from receipt, Art. 12(3) GDPR). `,
        'The requester is emailed the reasons and the new date now. A request is extended once, and only before its one-month deadline.',
      ),
    ],
    fields: textArea('reason', 'Reason for the extension', 'Why the request needs more time (its complexity, the number of requests). Sent to the requester.'),
    collect: (form) => {
      const reason = String(new FormData(form).get('reason') ?? '').trim();
      return reason ? { reason } : { invalid: 'Give the reason for the extension; the requester is told it.' };
    },
    confirmLabel: 'Extend and notify',
    busyLabel: 'Extending…',
    submit: (body) => post('extend', body),
    done: 'Extended; the requester has been notified.',
    refresh: hooks.refresh,
  });
}

function rejectDialog(api: AdminApi, d: Detail, trigger: HTMLElement, post: Post, hooks: Hooks) {
  const groundName = uid('ground');
  const grounds = h(
    'fieldset',
    { class: 'grounds' },
    h('legend', {}, 'Ground for refusing'),
    ...REJECTION_GROUNDS.map((ground) => {
      const id = uid('ground');
      return h(
        'div',
        { class: 'radio' },
        h('input', { type: 'radio', id, name: 'reasonCode', value: ground.code, 'aria-describedby': `${id}-hint`, 'data-group': groundName }),
        h('label', { for: id }, `${ground.label} `, h('span', { class: 'article' }, `(${ground.article})`)),
        h('p', { id: `${id}-hint`, class: 'hint' }, ground.hint),
      );
    }),
  );
  const previewOut = h('div', { class: 'preview', hidden: true });
  const previewButton = h('button', { type: 'button', class: 'secondary' }, 'Preview the email');
  const readBody = (form: HTMLFormElement) => {
    const data = new FormData(form);
    return { reasonCode: String(data.get('reasonCode') ?? ''), reason: String(data.get('reason') ?? '').trim() };
  };
  const dialog = openActionDialog<{ reasonCode: string; reason: string }>({
    title: `Reject ${d.requestId}`,
    trigger,
    intro: [
      h(
        'div',
        { class: 'note', id: uid('states') },
        h('p', {}, h('strong', {}, 'The refusal email to the requester states:')),
        h(
          'ul',
          {},
          h('li', {}, 'the reasons: the ground you choose and the facts you write;'),
          h('li', {}, 'their right to lodge a complaint with the Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl) or their own EU supervisory authority (Art. 77 GDPR);'),
          h('li', {}, 'their right to a court remedy (Art. 79 GDPR; a petition to the district court under art. 35 UAVG within six weeks).'),
        ),
        h('p', { class: 'hint' }, `It is sent in the request's language (${d.locale === 'nl' ? 'Dutch' : 'English'}) and within the deadline.`),
      ),
    ],
    fields: [
      grounds,
      ...textArea('reason', 'Facts', 'Quoted in the email. Kiara carries the burden of proof: say what happened, with dates.'),
      h('div', { class: 'buttons' }, previewButton),
      previewOut,
    ],
    collect: (form) => {
      const body = readBody(form);
      if (!body.reasonCode) return { invalid: 'Choose the ground for refusing.' };
      if (!body.reason) return { invalid: 'Write the facts the refusal rests on; the email quotes them.' };
      return body;
    },
    confirmLabel: 'Reject and send the refusal',
    busyLabel: 'Rejecting…',
    danger: true,
    submit: (body) => post('reject', body),
    done: 'Rejected; the refusal email goes out with the reasons and the remedies.',
    refresh: hooks.refresh,
  });
  previewButton.addEventListener('click', async () => {
    const form = dialog.querySelector('form')!;
    const body = readBody(form);
    if (!body.reasonCode || !body.reason) {
      replace(previewOut, h('p', { class: 'hint' }, 'Choose a ground and write the facts first.'));
      previewOut.hidden = false;
      return;
    }
    previewButton.disabled = true;
    try {
      const email = await api.post<{ subject: string; text: string }>(`/requests/${encodeURIComponent(d.requestId)}/preview-rejection`, body);
      const id = uid('preview');
      replace(
        previewOut,
        h('p', { id }, h('strong', {}, 'Subject: '), email.subject),
        h('pre', { tabindex: 0, 'aria-labelledby': id }, email.text),
      );
    } catch (error) {
      replace(previewOut, h('p', { class: 'error' }, (error as Error).message));
    } finally {
      previewOut.hidden = false;
      previewButton.disabled = false;
    }
  });
}
