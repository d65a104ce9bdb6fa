import type { AdminApi } from './api.js';
import { openActionDialog, textArea } from './dialogs.js';
import { h } from './dom.js';
import { formatInstant, label } from './format.js';
import { FLAG_LABELS } from './mail-view.js';
import { newRequestDialog } from './new-request.js';
import type { QueuePage } from './types.js';

type UnfiledMail = QueuePage['unfiledMail']['items'][number];

/** Clearing one entry: the note says what became of the mail, for the record (who and when are kept with it). */
function clearDialog(api: AdminApi, mail: UnfiledMail, trigger: HTMLElement, refresh: () => void): void {
  openActionDialog<{ note: string }>({
    title: `Clear the unfiled mail received ${formatInstant(mail.receivedAt)}`,
    trigger,
    intro: [h('p', {}, 'It is no longer listed here. The note, your name and the time are kept with it. File a request it holds first, with File a request….')],
    fields: textArea('note', 'What became of it', 'The request you filed from it (its id), or why it holds no request. No names or addresses: the note is kept outside any request, so no erasure or retention purge reaches it.'),
    collect: (form) => {
      const note = String(new FormData(form).get('note') ?? '').trim();
      return note ? { note } : { invalid: 'Write what became of the mail: it is kept for the record.' };
    },
    confirmLabel: 'Clear',
    busyLabel: 'Clearing…',
    submit: (body) => api.post(`/unfiled-mail/${encodeURIComponent(mail.mailId)}/clear`, body),
    done: 'Cleared.',
    refresh,
  });
}

function entry(mail: UnfiledMail, api: AdminApi, refresh: () => void): HTMLElement {
  const why = [mail.senderKnown ? null : 'no usable sender address', ...mail.flags.map((flag) => label(FLAG_LABELS, flag))].filter(Boolean);
  const file = h('button', { type: 'button', class: 'link' }, 'File a request…');
  file.addEventListener('click', () => newRequestDialog(api, file, { channel: 'email', receivedAt: mail.receivedAt }));
  const clear = h('button', { type: 'button', class: 'link' }, 'Clear…');
  clear.addEventListener('click', () => clearDialog(api, mail, clear, refresh));
  return h(
    'li',
    { 'data-unfiled-mail': mail.mailId },
    'Received ',
    h('time', { datetime: mail.receivedAt }, formatInstant(mail.receivedAt)),
    why.length ? ` (${why.join('; ')})` : null,
    ': ',
    h('code', {}, mail.objectKey),
    ' ',
    file,
    ' ',
    clear,
  );
}

/**
 * Above the queue, on every page, while the intake has left mail to the privacy address
 * unfiled (over its rate limit): a rights request in one runs against its deadline from
 * the moment it arrived, so the team must see it. Null when there is none.
 */
export function unfiledMailBanner(unfiled: QueuePage['unfiledMail'], api: AdminApi, refresh: () => void): HTMLElement | null {
  const count = unfiled.items.length;
  if (count === 0) return null;
  return h(
    'section',
    { class: 'failure', id: 'unfiled-mail', role: 'alert', 'aria-label': 'Mail not filed' },
    h('h2', {}, `${unfiled.more ? `More than ${count}` : count} ${count === 1 && !unfiled.more ? 'email' : 'emails'} to the privacy address not filed`),
    h(
      'p',
      {},
      'The intake did not file these (over its rate limit for a sender, or for mail without a usable sender address) and sent no acknowledgement. ' +
        'A request in one counts its deadline from when it arrived. Read each in the inbound-mail bucket under the key shown; ' +
        'file a request it holds with File a request… (channel Email and the time it arrived filled in), then clear it here.',
    ),
    h('ul', {}, ...unfiled.items.map((mail) => entry(mail, api, refresh))),
  );
}
