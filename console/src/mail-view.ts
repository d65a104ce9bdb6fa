import { openActionDialog, textArea } from './dialogs.js';
import { h, toast, uid, type Child } from './dom.js';
import { formatBytes, formatInstant, label, RIGHT_LABELS } from './format.js';
import { MAX_STORED_ATTACHMENT_BYTES, MAX_STORED_ATTACHMENTS, type AttachmentNotStored, type MailAttachment } from '../../functions/core/mail/attachments.js';
import type { MailFlag, VerdictStatus } from '../../functions/core/mail/receipt.js';
import { DISMISSABLE_STEPS, isStepIn } from '../../functions/core/request/model.js';
import type { AttachmentLink, Detail, MailFacts, ReceivedMessage } from './types.js';

type Post = (action: string, body?: unknown) => Promise<void>;
/** The admin API's 5-minute link to one stored attachment of a mail. */
type Download = (mailId: string, part: number) => Promise<AttachmentLink>;

const VERDICTS: [keyof MailFacts['verdicts'], string][] = [
  ['spf', 'SPF'],
  ['dkim', 'DKIM'],
  ['dmarc', 'DMARC'],
  ['spam', 'Spam scan'],
  ['virus', 'Virus scan'],
];
const VERDICT_LABELS: Record<VerdictStatus, string> = {
  PASS: 'pass',
  FAIL: 'FAIL',
  GRAY: 'gray (undecided)',
  PROCESSING_FAILED: 'not checked',
  DISABLED: 'disabled',
};
export const FLAG_LABELS: Record<MailFlag, string> = {
  spam: 'Marked as spam',
  virus: 'Virus found',
  dmarc_fail: 'DMARC failed: the sender may be forged',
  malformed: 'Could not be read',
  oversized: 'Larger than 10 MB: not read',
};
const NOT_STORED_LABELS: Record<AttachmentNotStored, string> = {
  count_limit: `not stored: more than ${MAX_STORED_ATTACHMENTS} attachments`,
  size_limit: `not stored: over ${MAX_STORED_ATTACHMENT_BYTES / 1024 / 1024} MB of attachments`,
  virus: 'not stored: virus found',
};

/**
 * One attachment: a button that fetches a 5-minute link and follows it. The link answers the
 * file as a download (Content-Disposition: attachment), so the page stays and nothing of the
 * file is rendered in the console's origin.
 */
function attachmentItem(attachment: MailAttachment, mailId: string | undefined, erased: boolean, download: Download): HTMLElement {
  const name = attachment.name ?? '(unnamed)';
  const facts = ` — ${attachment.contentType}, ${formatBytes(attachment.bytes)}`;
  const unavailable = erased
    ? 'deleted after the person’s erasure'
    : attachment.notStored
      ? label(NOT_STORED_LABELS, attachment.notStored)
      : attachment.part === undefined || mailId === undefined
        ? 'received before attachments were stored'
        : undefined;
  if (unavailable) return h('li', {}, name, facts, h('span', { class: 'muted' }, ` (${unavailable})`));
  const button = h('button', { type: 'button', class: 'link', 'aria-label': `Download ${name}` }, name);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const link = await download(mailId!, attachment.part!);
      window.location.assign(link.url);
    } catch (error) {
      toast(`Download failed: ${(error as Error).message}`);
    } finally {
      button.disabled = false;
    }
  });
  return h('li', {}, button, facts);
}

/**
 * A message as the team reads it: its plain text as text (never the mail's HTML; an
 * HTML-only message as the text converted from it), the attachments by name and size, each
 * a download where it was stored, SES's verdicts and why it was held.
 */
function message(mail: MailFacts | ReceivedMessage, headingLevel: 'h3' | 'h4', erased: boolean, download: Download): Child[] {
  return [
    h(headingLevel, {}, mail.subject ? `Subject: ${mail.subject}` : '(no subject)'),
    mail.text ? h('pre', { class: 'mail-text' }, mail.text) : h('p', { class: 'muted' }, 'No text.'),
    mail.htmlOnly ? h('p', { class: 'hint' }, 'The message has only HTML: shown here as plain text, converted from it.') : null,
    mail.attachments.length
      ? h('ul', { class: 'attachments', 'aria-label': 'Attachments' }, ...mail.attachments.map((a) => attachmentItem(a, mail.mailId, erased, download)))
      : null,
    mail.attachmentsNotListed
      ? h('p', { class: 'hint' }, `And ${mail.attachmentsNotListed} more attachments, not listed or stored (only in the raw message).`)
      : null,
  ];
}

/** The mail that opened the request, the replies since, and, while it waits, triage and dismissal. */
export function mailSection(d: Detail, post: Post, refresh: () => void, download: Download): HTMLElement | null {
  if (!d.mail) return null;
  const id = uid('section');
  const mail = d.mail;
  const triage = d.pendingSteps.find((s) => s.step === 'triage');
  const dismissable = d.open && d.pendingSteps.some((s) => isStepIn(DISMISSABLE_STEPS, s.step));
  const buttons: HTMLElement[] = [];
  if (triage) {
    const button = h('button', { type: 'button', id: 'action-triage', class: 'primary' }, 'Set the rights…');
    button.addEventListener('click', () => triageDialog(d, button, post, refresh));
    buttons.push(button);
  }
  if (dismissable) {
    const button = h('button', { type: 'button', id: 'action-dismiss', class: 'danger' }, 'Not a rights request…');
    button.addEventListener('click', () => dismissDialog(d, button, post, refresh));
    buttons.push(button);
  }
  return h(
    'section',
    { 'aria-labelledby': id, class: 'mail' },
    h('h2', { id }, 'Email to the privacy address'),
    mail.flags.length
      ? h('p', { class: 'alert', role: 'note' }, `Held, no acknowledgement sent: ${mail.flags.map((f) => label(FLAG_LABELS, f)).join('; ')}.`)
      : null,
    h('dl', { class: 'verdicts' }, ...VERDICTS.flatMap(([key, name]) => [h('dt', {}, name), h('dd', {}, label(VERDICT_LABELS, mail.verdicts[key]))])),
    h('p', { class: 'hint' }, 'A passing DMARC verdict does not confirm the identity: the identity link does.'),
    ...message(mail, 'h3', Boolean(d.receivedMailErased), download),
    d.suggestedTypes.length
      ? h('p', {}, 'Suggested by keywords (check the message): ', d.suggestedTypes.map((t) => label(RIGHT_LABELS, t)).join(', '))
      : null,
    buttons.length ? h('div', { class: 'buttons' }, ...buttons) : null,
    d.messages.length
      ? h(
          'div',
          { class: 'replies' },
          h('h3', {}, 'Replies received'),
          ...d.messages.map((m) =>
            h(
              'article',
              { class: 'reply' },
              h('p', { class: 'muted' }, formatInstant(m.receivedAt), m.fromContact ? ' — from the request’s address' : ' — from another address'),
              ...message(m, 'h4', Boolean(d.receivedMailErased), download),
            ),
          ),
        )
      : null,
  );
}

function triageDialog(d: Detail, trigger: HTMLElement, post: Post, refresh: () => void) {
  const boxes = Object.entries(RIGHT_LABELS).map(([right, name]) => {
    const boxId = uid(`right-${right}`);
    return h('div', { class: 'check' }, h('input', { type: 'checkbox', id: boxId, name: 'types', value: right, checked: d.suggestedTypes.some((suggested) => suggested === right) }), h('label', { for: boxId }, name));
  });
  openActionDialog<{ types: string[] }>({
    title: 'Which rights does this email invoke?',
    trigger,
    intro: [h('p', {}, 'The suggestion is preselected; it is only a keyword match. The request then runs as these rights.')],
    fields: [h('fieldset', {}, h('legend', {}, 'Rights'), ...boxes)],
    confirmLabel: 'Set the rights',
    busyLabel: 'Saving…',
    collect: (form) => {
      const types = [...form.querySelectorAll<HTMLInputElement>('input[name=types]:checked')].map((box) => box.value);
      return types.length ? { types } : { invalid: 'Choose at least one right, or dismiss the email instead.' };
    },
    submit: (payload) => post('triage', payload),
    done: 'Rights set.',
    refresh,
  });
}

function dismissDialog(d: Detail, trigger: HTMLElement, post: Post, refresh: () => void) {
  openActionDialog<{ reason: string; reply?: string }>({
    title: 'Close as not a rights request',
    trigger,
    danger: true,
    intro: [h('p', {}, `Request ${d.requestId} closes with no further workflow. The sender is emailed only if you write a reply.`)],
    fields: [
      ...textArea('reason', 'Reason (for the record)', 'For example: spam, or a support question.'),
      ...textArea('reply', 'Reply to the sender', 'Optional. Sent under a standard paragraph saying the email is not handled as a privacy request.', false),
    ],
    confirmLabel: 'Close it',
    busyLabel: 'Closing…',
    collect: (form) => {
      const data = new FormData(form);
      const reason = String(data.get('reason') ?? '').trim();
      const reply = String(data.get('reply') ?? '').trim();
      return reason ? { reason, ...(reply ? { reply } : {}) } : { invalid: 'Give a reason.' };
    },
    submit: (payload) => post('dismiss', payload),
    done: 'Closed.',
    refresh,
  });
}
