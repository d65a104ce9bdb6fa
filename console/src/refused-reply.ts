import { openActionDialog, textArea } from './dialogs.js';
import { h } from './dom.js';
import { CHANNEL_LABELS, input } from './new-request.js';
import { isRequesterReplyState } from '../../functions/core/request/replies.js';
import type { OfflineChannel } from '../../functions/core/intake/team-filing.js';
import type { Detail, PendingStep } from './types.js';

type Post = (action: string, body?: unknown) => Promise<void>;

/** The channels other than email, labelled as a filing's are. */
const OFFLINE_LABELS: Record<OfflineChannel, string> = { letter: CHANNEL_LABELS.letter, phone: CHANNEL_LABELS.phone, in_person: CHANNEL_LABELS.in_person, other: CHANNEL_LABELS.other };

const NOTE_HINT = 'For the audit trail: who asked for it and how. Leave email addresses out.';

/**
 * The team's other ways out of a reply email SES refused, beside the retry: another reply
 * address (the retry then sends there), or closing the request as answered another way.
 */
export function refusedReplyButtons(d: Detail, step: PendingStep, post: Post, refresh: () => void): HTMLElement[] {
  if (!isRequesterReplyState(step.details?.failedStep)) return [];
  const change = h('button', { type: 'button', id: 'action-change-contact', class: 'secondary' }, 'Change address…');
  change.addEventListener('click', () =>
    openActionDialog<{ email: string; note: string }>({
      title: `Change the reply address of ${d.requestId}`,
      trigger: change,
      intro: [h('p', {}, 'Every email to the requester goes to the new address from now on; the current one is overwritten and kept nowhere. Then retry the step to send the reply there.')],
      fields: [...input('email', 'New reply address', { type: 'email', required: true, maxlength: '254' }), ...textArea('note', 'Why', NOTE_HINT)],
      confirmLabel: 'Change the address',
      busyLabel: 'Changing…',
      collect: (form) => {
        const data = new FormData(form);
        const email = String(data.get('email') ?? '').trim();
        const note = String(data.get('note') ?? '').trim();
        return email && note ? { email, note } : { invalid: 'Give the new address and why.' };
      },
      submit: (body) => post('contact', body),
      done: 'Address changed. Retry the step to send the reply to it.',
      refresh,
    }),
  );
  const close = h('button', { type: 'button', id: 'action-close-otherwise', class: 'secondary' }, 'Close as answered otherwise…');
  close.addEventListener('click', () =>
    openActionDialog<{ channel: OfflineChannel; note: string }>({
      title: `Close ${d.requestId} as answered otherwise`,
      trigger: close,
      intro: [h('p', {}, 'Only once you gave the requester the reply another way. The request closes with the status of that reply, and no email of it is sent.')],
      fields: [
        h('label', { for: 'close-channel' }, 'How the reply was given'),
        h('select', { id: 'close-channel', name: 'channel' }, ...Object.entries(OFFLINE_LABELS).map(([value, text]) => h('option', { value }, text))),
        ...textArea('note', 'Note', NOTE_HINT),
      ],
      confirmLabel: 'Close the request',
      busyLabel: 'Closing…',
      collect: (form) => {
        const data = new FormData(form);
        const note = String(data.get('note') ?? '').trim();
        return note ? { channel: String(data.get('channel')) as OfflineChannel, note } : { invalid: 'Say how the reply was given.' };
      },
      submit: (body) => post('close', body),
      done: 'Closing: the workflow ends without the email.',
      refresh,
    }),
  );
  return [change, close];
}
