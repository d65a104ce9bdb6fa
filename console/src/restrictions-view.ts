import type { AdminApi } from './api.js';
import { openActionDialog, textArea } from './dialogs.js';
import { h, replace, uid, type Child } from './dom.js';
import { formatInstant } from './format.js';
import type { RestrictionView, RestrictionsPage } from './types.js';

const requestLink = (requestId: string) => h('a', { href: `#/requests/${encodeURIComponent(requestId)}` }, requestId);

/** The held copy in a few words: its stores with their counts, or that nothing is held. */
export const heldCopy = (restriction: Pick<RestrictionView, 'heldStores' | 'heldFiles'>): string =>
  restriction.heldStores.length > 0
    ? `${restriction.heldStores.map(({ storeId, items }) => `${storeId} (${items})`).join(', ')}; ${restriction.heldFiles} files`
    : 'Nothing held';

/** Where a restriction stands: active, lifted, or being lifted (and whether its release stopped). */
export const restrictionState = (restriction: Pick<RestrictionView, 'status' | 'liftFailed'>): string =>
  restriction.liftFailed ? `lifting, stopped (${restriction.liftFailed.error})` : restriction.status;

/** The action a restriction offers: a lift while active, a resumed lift once its release stopped. */
export function liftButton(restriction: RestrictionView, label: string, open: (trigger: HTMLElement) => void): HTMLButtonElement | null {
  if (restriction.status !== 'active' && !restriction.liftFailed) return null;
  const button = h('button', { type: 'button', class: 'secondary' }, restriction.lift ? 'Lift again…' : label);
  button.addEventListener('click', () => open(button));
  return button;
}

/**
 * Lifting (Art. 18(3)): the dialog says the person is emailed first with the reason, and
 * only then are the marks removed and the held copy deleted, as the admin API does it.
 * A lift whose release stopped (a lift on record) resumes it, without a new email.
 */
export function liftDialog(api: AdminApi, restriction: RestrictionView, trigger: HTMLElement, refresh: () => void): void {
  const resumed = restriction.lift;
  openActionDialog<{ reason: string }>({
    title: `Lift the restriction of ${restriction.requestId}${resumed ? ' again' : ''}`,
    trigger,
    intro: [
      h(
        'p',
        {},
        resumed
          ? 'Its release stopped; this resumes it. The person was emailed before, not again.'
          : 'The person is emailed first, with your reason and the remedies (Art. 18(3)). Only after that email went out are the marks removed from the account and its files and the held copy deleted; the data’s own retention applies again.',
      ),
    ],
    fields: resumed ? undefined : textArea('reason', 'Why the restriction is lifted', 'Quoted to the person in the email.'),
    collect: (form) => {
      const reason = resumed?.reason ?? String(new FormData(form).get('reason') ?? '').trim();
      return reason ? { reason } : { invalid: 'Write why the restriction is lifted: the person reads it.' };
    },
    confirmLabel: resumed ? 'Resume the lift' : 'Email the person and lift',
    busyLabel: 'Lifting…',
    danger: true,
    submit: (body) => api.post(`/restrictions/${encodeURIComponent(restriction.requestId)}/lift`, body),
    done: 'The restriction is being lifted.',
    refresh,
  });
}

/** `#/restrictions`: the restrictions in place or being lifted (Art. 18), oldest first, each with its Lift action. */
export function renderRestrictions(main: HTMLElement, api: AdminApi): void {
  const headingId = uid('restrictions');
  const results = h('div', { class: 'results', 'aria-live': 'polite', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading restrictions…'));
  const load = async () => {
    try {
      const page = await api.get<RestrictionsPage>('/restrictions');
      if (page.items.length === 0) return replace(results, h('p', { class: 'empty' }, 'No restriction is in place.'));
      replace(
        results,
        h(
          'table',
          { class: 'queue', 'aria-labelledby': headingId },
          h('thead', {}, h('tr', {}, ...['Request', 'Account', 'Since', 'Held copy', 'Files tagged', 'Status', ''].map((text) => h('th', { scope: 'col' }, text)))),
          h('tbody', {}, ...page.items.map((restriction) => row(restriction, (trigger) => liftDialog(api, restriction, trigger, () => void load())))),
        ),
      );
    } catch (error) {
      replace(results, h('p', { class: 'error', role: 'alert' }, (error as Error).message));
    } finally {
      results.setAttribute('aria-busy', 'false');
    }
  };
  replace(
    main,
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/' }, '← All requests')),
    h('h1', { id: headingId, tabindex: -1 }, 'Restrictions'),
    h('p', { class: 'hint' }, 'Data marked restricted (Art. 18): only stored until the team lifts the restriction. Kiara’s services read the mark on the account and the tag on its files.'),
    results,
  );
  void load();
}

function row(restriction: RestrictionView, lift: (trigger: HTMLElement) => void): HTMLTableRowElement {
  const button = liftButton(restriction, 'Lift…', lift);
  const cells: Child[] = [
    h('th', { scope: 'row' }, requestLink(restriction.requestId)),
    h('td', {}, h('code', {}, restriction.accountId)),
    h('td', {}, h('time', { datetime: restriction.since }, formatInstant(restriction.since))),
    h('td', {}, heldCopy(restriction)),
    h('td', { class: 'num' }, String(restriction.taggedFiles)),
    h('td', {}, restrictionState(restriction)),
    h('td', {}, button),
  ];
  return h('tr', { 'data-restriction': restriction.requestId }, ...cells);
}
