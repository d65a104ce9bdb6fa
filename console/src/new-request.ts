import type { AdminApi } from './api.js';
import { openActionDialog, textArea } from './dialogs.js';
import { h, uid, type Child } from './dom.js';
import { RIGHT_LABELS } from './format.js';
import type * as z from 'zod';
import type { TEAM_CHANNELS, teamFilingSchema } from '../../functions/core/intake/team-filing.js';

/** The channels of a request the team files (functions/core), the first preselected. */
export const CHANNEL_LABELS: Record<(typeof TEAM_CHANNELS)[number], string> = {
  letter: 'Letter',
  phone: 'Phone call',
  in_person: 'In person',
  email: 'Email (to a colleague)',
  other: 'Other',
};

export function input(name: string, labelText: string, attrs: Record<string, string | boolean> = {}, hint?: string): Child[] {
  const id = uid(name);
  const hintId = hint ? `${id}-hint` : undefined;
  return [
    h('label', { for: id }, labelText, attrs.required ? h('span', { class: 'required' }, ' (required)') : null),
    hint ? h('p', { id: hintId, class: 'hint' }, hint) : null,
    h('input', { id, name, ...attrs, 'aria-describedby': hintId }),
  ];
}

/** The body of `POST /admin/requests`, as the admin API's schema takes it. */
type Filing = z.input<typeof teamFilingSchema>;

/** What the form starts from when the team files what arrived elsewhere: mail the intake did not file. */
export interface FilingStart {
  channel: Filing['channel'];
  /** The true receipt, an instant. */
  receivedAt: string;
}

/** An instant as the browser's local date and time to the second, the value a datetime-local field takes. */
function localDateTime(instant: string): string {
  const at = new Date(instant);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
}

/**
 * "New request": a request the team received by letter, phone or in person, filed with its
 * true receipt time (the deadlines count from it). The identity is checked by link unless
 * the team records how it verified it. `start` fills in the channel and the receipt.
 */
export function newRequestDialog(api: AdminApi, trigger: HTMLElement, start?: FilingStart): void {
  const channelId = uid('channel');
  const boxes = Object.entries(RIGHT_LABELS).map(([right, name]) => {
    const boxId = uid(`new-${right}`);
    return h('div', { class: 'check' }, h('input', { type: 'checkbox', id: boxId, name: 'types', value: right }), h('label', { for: boxId }, name));
  });
  const verifiedId = uid('verified');
  openActionDialog<Filing>({
    title: 'New request',
    trigger,
    intro: [h('p', {}, 'For a request that reached the team by letter, phone or in person. It runs the normal workflow.')],
    fields: [
      h('fieldset', {}, h('legend', {}, 'Rights asked for (required)'), ...boxes),
      ...input('email', 'Reply address', { type: 'email', required: true, maxlength: '254' }),
      h('label', { for: channelId }, 'How it came in'),
      h('select', { id: channelId, name: 'channel' }, ...Object.entries(CHANNEL_LABELS).map(([value, text]) => h('option', { value, selected: value === start?.channel }, text))),
      ...input(
        'receivedAt',
        'Received at (your local time)',
        { type: 'datetime-local', required: true, ...(start ? { value: localDateTime(start.receivedAt), step: '1' } : {}) },
        'When Kiara received it: the deadlines count from this moment.',
      ),
      ...input('name', 'Name', { maxlength: '200' }),
      ...input('accountId', 'Kiara account id', { maxlength: '64' }),
      ...textArea('details', 'What was asked', 'Optional; for the team.', false),
      h('div', { class: 'check' }, h('input', { type: 'checkbox', id: verifiedId, name: 'verified' }), h('label', { for: verifiedId }, 'We verified the identity (no identity link is sent)')),
      ...textArea('note', 'How the identity was verified', 'Required when verified, for example a letter quoting the account number and last invoice.', false),
    ],
    confirmLabel: 'File the request',
    busyLabel: 'Filing…',
    collect: (form) => {
      const data = new FormData(form);
      const text = (name: string) => String(data.get(name) ?? '').trim();
      // The boxes' and options' values are the label maps' keys (and the API checks them again).
      const types = data.getAll('types').map(String) as Filing['types'];
      const local = text('receivedAt');
      if (types.length === 0) return { invalid: 'Choose at least one right.' };
      if (!text('email')) return { invalid: 'Give the reply address.' };
      if (!local) return { invalid: 'Give the time it was received.' };
      const verified = data.get('verified') !== null;
      if (verified && !text('note')) return { invalid: 'Say how the identity was verified.' };
      const optional = (name: string) => (text(name) ? { [name]: text(name) } : {});
      return {
        types,
        email: text('email'),
        channel: text('channel') as Filing['channel'],
        // The browser's local time as an instant with its offset (toISOString: UTC, Z).
        receivedAt: new Date(local).toISOString(),
        ...optional('name'),
        ...optional('details'),
        ...optional('accountId'),
        ...(verified ? { identity: 'verified' as const, note: text('note') } : {}),
      };
    },
    submit: async (payload) => {
      const filed = await api.post<{ requestId: string }>('/requests', payload);
      window.location.hash = `#/requests/${encodeURIComponent(filed.requestId)}`;
    },
    done: 'Request filed.',
    refresh: () => undefined,
  });
}
