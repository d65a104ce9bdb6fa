import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isOpen, type DsrRequestRecord, type MailFacts, type RequestType } from '../../../functions/core/request/model.js';
import { personKey } from '../../../functions/core/request/keys.js';
import { RECEIVED_ONCE, receivedEvent } from '../../../functions/core/request/received.js';
import { intakeUseCase, PER_PERSON_LIMIT, statedDraft, type NewDelivery } from '../../../functions/intake/accept.js';
import type { Admission, PersonAdmissions, PersonChanges } from '../../../functions/intake/person.js';
import type { AuditEvent } from '../../../functions/shared/ports/requests-repo.js';

/** The requests the intake writes, in memory: a create fails once the id is taken, as the table's conditional put does. */
class InMemoryRequests {
  readonly records = new Map<string, DsrRequestRecord>();
  readonly events: Array<{ requestId: string } & Omit<AuditEvent, 'at'>> = [];
  private readonly onceKeys = new Set<string>();

  async create(request: DsrRequestRecord) {
    if (this.records.has(request.requestId)) return false;
    this.records.set(request.requestId, structuredClone(request));
    return true;
  }

  async find(requestId: string) {
    const request = this.records.get(requestId);
    return request && structuredClone(request);
  }

  async audit(requestId: string, event: Omit<AuditEvent, 'at'>) {
    this.events.push({ requestId, ...event });
  }

  async recordOnce(requestId: string, event: AuditEvent, once: string) {
    const key = `${event.at}#${once}`;
    if (this.onceKeys.has(`${requestId}#${key}`)) return false;
    this.onceKeys.add(`${requestId}#${key}`);
    this.events.push({ requestId, ...event });
    return true;
  }

  close(requestId: string) {
    this.records.get(requestId)!.status = 'completed';
  }

  eventsOf(requestId: string) {
    return this.events.filter((event) => event.requestId === requestId).map((event) => event.type);
  }
}

/**
 * Each address's limit window and rights claims in memory, with PersonLedger's rules: a
 * retry is counted once, a right held by an open request makes the new one its repeat, a
 * right held by a closed request is taken over, and a withdrawal takes back what it wrote.
 */
class InMemoryPeople implements PersonAdmissions {
  readonly windows = new Map<string, { start: number; ids: Set<string> }>();
  readonly claims = new Map<string, Map<RequestType, string>>();

  constructor(private readonly requests: InMemoryRequests) {}

  async admit(person: string, types: readonly RequestType[], requestId: string): Promise<Admission> {
    const seconds = Math.floor(Date.now() / 1000);
    const start = seconds - (seconds % PER_PERSON_LIMIT.windowSeconds);
    const current = this.windows.get(person);
    const window = current && current.start === start ? current : { start, ids: new Set<string>() };
    const counted = !window.ids.has(requestId);
    if (counted && window.ids.size >= PER_PERSON_LIMIT.max) {
      return { allowed: false, retryAfter: start + PER_PERSON_LIMIT.windowSeconds - seconds };
    }
    window.ids.add(requestId);
    const created = !this.windows.has(person);
    this.windows.set(person, window);
    const claims = this.claims.get(person) ?? new Map<RequestType, string>();
    this.claims.set(person, claims);
    const holders: Array<string | undefined> = [];
    const claimed: RequestType[] = [];
    for (const type of types) {
      const holder = claims.get(type);
      const held = holder !== undefined && holder !== requestId && isOpen((await this.requests.find(holder))?.status ?? 'completed');
      holders.push(held ? holder : undefined);
      if (!held && holder !== requestId) {
        claims.set(type, requestId);
        claimed.push(type);
      }
    }
    const repeats = holders.length > 0 && holders.every(Boolean) ? [...new Set(holders as string[])] : [];
    return { allowed: true, repeats, changes: { created, counted, claimed } };
  }

  async withdraw(person: string, requestId: string, changes: PersonChanges) {
    if (changes.counted) this.windows.get(person)?.ids.delete(requestId);
    const claims = this.claims.get(person);
    for (const type of changes.claimed) if (claims?.get(type) === requestId) claims.delete(type);
  }

  countOf(person: string) {
    return this.windows.get(person)?.ids.size ?? 0;
  }
}

const EMAIL = 'ada@example.com';
const PERSON = personKey(EMAIL);

let requests: InMemoryRequests;
let people: InMemoryPeople;
let started: string[];
let accept: ReturnType<typeof intakeUseCase>;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-06-15T08:00:00Z'));
  requests = new InMemoryRequests();
  people = new InMemoryPeople(requests);
  started = [];
  accept = intakeUseCase({
    requests,
    people,
    starts: {
      workflow: async (requestId) => void started.push(`workflow:${requestId}`),
      watch: async (request) => void started.push(`watch:${request.requestId}`),
    },
    requestIdKey: async () => 'request-id-key',
  });
});
afterEach(() => vi.useRealTimers());

function delivery(key: string, types: RequestType[] = ['access'], content = key): NewDelivery {
  return {
    deliveryKey: key,
    fingerprint: `fingerprint:${content}`,
    contactEmail: EMAIL,
    draft: statedDraft({ types, locale: 'nl', channel: 'web_form' }),
    auditDetails: { forwarded: false },
  };
}

async function accepted(filed: NewDelivery) {
  const outcome = await accept(filed);
  if (!outcome.accepted) throw new Error(`refused: ${JSON.stringify(outcome)}`);
  return outcome.request;
}

describe('the intake use case', () => {
  it('files a new delivery: stored awaiting identity with its deadlines and the facts of its receipt, its workflow started', async () => {
    const request = await accepted(delivery('form-1'));
    expect(request).toMatchObject({
      status: 'awaiting_identity',
      types: ['access'],
      locale: 'nl',
      channel: 'web_form',
      contactEmail: EMAIL,
      receivedAt: '2026-06-15T08:00:00Z',
      receiptDate: '2026-06-15',
      deadlines: { initial: { legal: '2026-07-15' } },
    });
    expect(request.requestId).toMatch(/^dsr_[0-9a-f]{32}$/);
    expect(await requests.find(request.requestId)).toEqual(request);
    // The workflow's first step records the receipt from the stored request (one AWS call less here).
    expect(requests.events).toEqual([]);
    expect(receivedEvent(request)).toMatchObject({
      type: 'received',
      actor: 'channel:web_form',
      at: '2026-06-15T08:00:00.000Z',
      details: { types: ['access'], receiptDate: '2026-06-15', forwarded: false },
    });
    expect(started).toEqual([`workflow:${request.requestId}`]);
  });

  it('answers a repeat of the same delivery with the first request, storing, auditing and counting nothing again', async () => {
    const first = await accepted(delivery('form-1'));
    const again = await accepted(delivery('form-1'));
    expect(again).toEqual(first);
    expect(requests.records.size).toBe(1);
    expect(requests.eventsOf(first.requestId)).toEqual([]);
    expect(people.countOf(PERSON)).toBe(1);
    // Starting again is safe (once only) and starts what a failure may have left unstarted.
    expect(new Set(started)).toEqual(new Set([`workflow:${first.requestId}`]));
  });

  it('refuses the same key with other content and takes back its count and its claims', async () => {
    const first = await accepted(delivery('form-1', ['access']));
    requests.close(first.requestId);
    const outcome = await accept(delivery('form-1', ['erasure'], 'another body'));
    expect(outcome).toEqual({ accepted: false, keyReused: true });
    expect(requests.records.size).toBe(1);
    expect(people.countOf(PERSON)).toBe(1);
    expect(people.claims.get(PERSON)?.has('erasure')).toBe(false);
  });

  it('stores a request whose every right an open request holds as its duplicate: closed, linked, both audited, no workflow', async () => {
    const open = await accepted(delivery('form-1', ['access', 'erasure']));
    const repeat = await accepted(delivery('form-2', ['erasure']));
    expect(repeat).toMatchObject({ status: 'duplicate', duplicateOf: open.requestId, closedAt: '2026-06-15T08:00:00.000Z' });
    // A duplicate runs no workflow: the intake records its receipt itself.
    expect(requests.eventsOf(repeat.requestId)).toEqual(['received', 'duplicate_of']);
    expect(requests.eventsOf(open.requestId)).toEqual(['duplicate_received']);
    expect(started).toEqual([`workflow:${open.requestId}`]);
  });

  it('files a request as new when a right it asks for is held by no open request, and takes over a closed one’s', async () => {
    const first = await accepted(delivery('form-1', ['access']));
    const wider = await accepted(delivery('form-2', ['access', 'erasure']));
    expect(wider).toMatchObject({ status: 'awaiting_identity', duplicateOf: undefined });
    requests.close(first.requestId);
    const after = await accepted(delivery('form-3', ['access']));
    expect(after).toMatchObject({ status: 'awaiting_identity', duplicateOf: undefined });
    expect(await accepted(delivery('form-4', ['access']))).toMatchObject({ status: 'duplicate', duplicateOf: after.requestId });
  });

  it('refuses a new request over the address’s limit with the seconds until its window ends, storing nothing', async () => {
    for (let i = 0; i < PER_PERSON_LIMIT.max; i++) await accepted(delivery(`form-${i}`));
    vi.setSystemTime(new Date('2026-06-15T08:20:00Z'));
    const outcome = await accept(delivery('one-too-many'));
    expect(outcome).toEqual({ accepted: false, retryAfter: 40 * 60 });
    expect(requests.records.size).toBe(PER_PERSON_LIMIT.max);
    // A retry of a delivery already on record still gets its answer.
    expect(await accept(delivery('form-0'))).toMatchObject({ accepted: true });
  });

  it('files a key used more than a day ago as a new request under its next id', async () => {
    const first = await accepted(delivery('monthly-form'));
    vi.setSystemTime(new Date('2026-06-16T09:00:00Z'));
    const later = await accepted(delivery('monthly-form', ['access'], 'next month'));
    expect(later.requestId).not.toBe(first.requestId);
    expect(later.receiptDate).toBe('2026-06-16');
    expect(requests.records.size).toBe(2);
  });

  it('starts only the deadline watch of a request the channel holds for the team', async () => {
    const held = await accepted({ ...delivery('mail-1', []), startWorkflow: false });
    expect(started).toEqual([`watch:${held.requestId}`]);
    // No workflow records its receipt yet: the intake does, under the key the workflow's would take.
    expect(requests.events).toEqual([expect.objectContaining(receivedEvent(held))]);
    expect(await requests.recordOnce(held.requestId, receivedEvent(held), RECEIVED_ONCE)).toBe(false);
  });

  it('starts no workflow for a held request when another copy of its delivery would not be held (found by the mail fuzz)', async () => {
    // The same Message-ID twice: the first copy unreadable (held), the second readable.
    const mail = { objectKey: 'inbound/1', bytes: 10, flags: ['malformed'], held: true, attachments: [] } as unknown as MailFacts;
    const first: NewDelivery = {
      ...delivery('mail:<same@x>', []),
      draft: { types: [], locale: 'en', channel: 'email', mail, status: 'awaiting_triage', pendingStep: 'triage' },
      startWorkflow: false,
    };
    const held = await accepted(first);
    const repeat = await accepted({ ...first, draft: { types: [], locale: 'en', channel: 'email' }, startWorkflow: true });
    expect(repeat.requestId).toBe(held.requestId);
    expect(started).toEqual([`watch:${held.requestId}`, `watch:${held.requestId}`]);
  });
});

describe('statedDraft', () => {
  it('takes the request’s own facts and nothing else a body carries', () => {
    const body = { types: ['access' as const], locale: 'en' as const, channel: 'web_form', name: 'Ada', email: EMAIL, note: 'internal' };
    expect(statedDraft(body)).toEqual({ types: ['access'], locale: 'en', channel: 'web_form', name: 'Ada', receivedAt: undefined, details: undefined, accountId: undefined });
  });
});
