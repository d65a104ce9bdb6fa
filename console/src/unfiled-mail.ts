import { h } from './dom.js';
import { formatInstant, label } from './format.js';
import { FLAG_LABELS } from './mail-view.js';
import type { QueuePage } from './types.js';

type UnfiledMail = QueuePage['unfiledMail']['items'][number];

function entry(mail: UnfiledMail): HTMLElement {
  const why = [mail.senderKnown ? null : 'no usable sender address', ...mail.flags.map((flag) => label(FLAG_LABELS, flag))].filter(Boolean);
  return h(
    'li',
    { 'data-unfiled-mail': mail.mailId },
    'Received ',
    h('time', { datetime: mail.receivedAt }, formatInstant(mail.receivedAt)),
    why.length ? ` (${why.join('; ')})` : null,
    ': ',
    h('code', {}, mail.objectKey),
  );
}

/**
 * Above the queue, on every page, while the intake has left mail to the privacy address
 * unfiled (over its rate limit): a rights request in one runs against its deadline from
 * the moment it arrived, so the team must see it. Null when there is none.
 */
export function unfiledMailBanner(unfiled: QueuePage['unfiledMail']): HTMLElement | null {
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
        'file a request it holds with New request (channel Email, received at the time shown).',
    ),
    h('ul', {}, ...unfiled.items.map(entry)),
  );
}
