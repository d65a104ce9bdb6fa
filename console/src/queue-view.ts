import type { AdminApi } from './api.js';
import { h, replace, uid } from './dom.js';
import {
  adminQuery,
  DEFAULT_FILTERS,
  dueBadge,
  filtersToSearch,
  formatDate,
  formatInstant,
  label,
  QUEUE_STATUSES,
  RIGHT_LABELS,
  STATUS_LABELS,
  STEP_LABELS,
  type QueueFilters,
} from './format.js';
import { newRequestDialog } from './new-request.js';
import type { QueuePage, Summary } from './types.js';
import { unfiledMailBanner } from './unfiled-mail.js';

const PAGE_SIZE = 50;

export function badge(daysLeft: number | null): HTMLElement {
  const { text, tone } = dueBadge(daysLeft);
  return h('span', { class: `badge ${tone}` }, text);
}

function select(name: string, labelText: string, options: [string, string][], value: string) {
  const id = `filter-${name}`;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, labelText),
    h('select', { id, name }, ...options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))),
  );
}

/** The queue: filters, then the requests by due date with their days-left badges. */
export function renderQueue(main: HTMLElement, api: AdminApi, filters: QueueFilters, remember: (search: string) => void): void {
  const headingId = uid('queue');
  const results = h('div', { class: 'results', 'aria-live': 'polite', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading requests…'));
  const days = h('input', {
    id: 'filter-days',
    name: 'days',
    type: 'number',
    min: 0,
    max: 400,
    step: 1,
    inputmode: 'numeric',
    value: filters.days,
    disabled: filters.due !== 'within' || filters.status !== 'open',
  });
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Filter the requests' },
    select('status', 'Status', Object.entries(QUEUE_STATUSES), filters.status),
    select('type', 'Right', [['', 'Any right'], ...Object.entries(RIGHT_LABELS)], filters.type),
    select('step', 'Waiting for', [['', 'Anything'], ...Object.entries(STEP_LABELS)], filters.step),
    select('due', 'Due', [['', 'Any date'], ['overdue', 'Overdue'], ['within', 'Due within…']], filters.due),
    h('div', { class: 'field days' }, h('label', { for: 'filter-days' }, 'Days'), days),
    h('div', { class: 'field actions' }, h('button', { type: 'submit', class: 'secondary' }, 'Apply'), h('button', { type: 'reset', class: 'link' }, 'Clear filters')),
  );

  const read = (): QueueFilters => {
    const data = new FormData(form);
    const n = Number(data.get('days') ?? filters.days);
    return {
      status: String(data.get('status') ?? 'open') as QueueFilters['status'],
      type: String(data.get('type') ?? ''),
      step: String(data.get('step') ?? ''),
      due: (String(data.get('due') ?? '') as QueueFilters['due']),
      days: Number.isInteger(n) && n >= 0 && n <= 400 ? n : DEFAULT_FILTERS.days,
    };
  };

  let current = filters;
  let generation = 0;
  const apply = () => {
    current = read();
    const dueSelect = form.elements.namedItem('due') as HTMLSelectElement;
    dueSelect.disabled = current.status !== 'open';
    days.disabled = current.due !== 'within' || current.status !== 'open';
    const search = filtersToSearch(current);
    // The hash keeps the filters (back from a request returns here) without a re-render.
    history.replaceState(null, '', `#/${search}`);
    remember(search);
    void load(null);
  };
  form.addEventListener('change', apply);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply();
  });
  form.addEventListener('reset', (event) => {
    event.preventDefault();
    (form.elements.namedItem('status') as HTMLSelectElement).value = DEFAULT_FILTERS.status;
    (form.elements.namedItem('type') as HTMLSelectElement).value = '';
    (form.elements.namedItem('step') as HTMLSelectElement).value = '';
    (form.elements.namedItem('due') as HTMLSelectElement).value = '';
    days.value = String(DEFAULT_FILTERS.days);
    apply();
  });
  (form.elements.namedItem('due') as HTMLSelectElement).disabled = filters.status !== 'open';

  // Mail the intake did not file, shown with every page of the queue (unfiled-mail.ts).
  const unfiled = h('div');
  const table = h('table', { class: 'queue', 'aria-labelledby': headingId });
  const tbody = h('tbody');
  const caption = h('caption');
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load more');
  let cursor: string | null = null;
  let shown = 0;

  async function load(from: string | null) {
    const mine = ++generation;
    results.setAttribute('aria-busy', 'true');
    more.disabled = true;
    try {
      const page = await api.get<QueuePage>(`/requests?${adminQuery(current, PAGE_SIZE, from)}`);
      if (mine !== generation) return;
      unfiled.replaceChildren(...[unfiledMailBanner(page.unfiledMail, api, () => void load(null))].filter((banner) => banner !== null));
      if (!from) {
        tbody.replaceChildren();
        shown = 0;
      }
      for (const item of page.items) tbody.append(row(item));
      shown += page.items.length;
      cursor = page.cursor;
      caption.textContent = `${shown}${cursor ? '+' : ''} ${current.status} ${shown === 1 ? 'request' : 'requests'}, by due date`;
      more.hidden = !cursor;
      more.disabled = false;
      if (shown === 0) replace(results, h('p', { class: 'empty' }, 'No requests match these filters.'));
      else if (!table.isConnected) replace(results, table, more);
    } catch (error) {
      if (mine !== generation) return;
      replace(results, h('p', { class: 'error', role: 'alert' }, (error as Error).message));
    } finally {
      if (mine === generation) results.setAttribute('aria-busy', 'false');
    }
  }
  more.addEventListener('click', () => void load(cursor));

  table.append(
    caption,
    h(
      'thead',
      {},
      h('tr', {}, ...['Request', 'Rights', 'Status', 'Waiting for', 'Received', 'Due (legal)', 'Days left'].map((text) => h('th', { scope: 'col' }, text))),
    ),
    tbody,
  );

  const create = h('button', { type: 'button', id: 'action-new-request', class: 'primary' }, 'New request…');
  create.addEventListener('click', () => newRequestDialog(api, create));
  const restrictions = h('a', { href: '#/restrictions' }, 'Restrictions');
  replace(main, h('div', { class: 'title' }, h('h1', { id: headingId, tabindex: -1 }, 'Requests'), restrictions, create), unfiled, form, results);
  void load(null);
}

function row(item: Summary): HTMLTableRowElement {
  return h(
    'tr',
    { 'data-request': item.requestId },
    h('th', { scope: 'row' }, h('a', { href: `#/requests/${encodeURIComponent(item.requestId)}` }, item.requestId)),
    h('td', {}, item.types.map((type) => label(RIGHT_LABELS, type)).join(', ')),
    h(
      'td',
      {},
      label(STATUS_LABELS, item.status),
      item.duplicateOf ? [h('br'), 'of ', h('a', { href: `#/requests/${encodeURIComponent(item.duplicateOf)}` }, item.duplicateOf)] : null,
    ),
    h('td', {}, item.pendingStep ? label(STEP_LABELS, item.pendingStep) : h('span', { class: 'muted' }, 'Workflow')),
    h('td', {}, h('time', { datetime: item.receivedAt }, formatInstant(item.receivedAt))),
    h('td', {}, h('time', { datetime: item.deadline }, formatDate(item.deadline)), item.extended ? h('span', { class: 'tag' }, 'extended') : null),
    h('td', {}, item.open ? badge(item.daysLeft) : h('span', { class: 'badge closed' }, `Closed ${formatInstant(item.closedAt)}`)),
  );
}
