import * as z from 'zod';
import { listIndex, personIndex, requestKeys, restrictionIndex } from '../core/request/keys.js';
import { currentDeadlines, isOpen, type DsrRequestRecord, type RequestStatus, type RestrictionStatus } from '../core/request/model.js';
import { listCursor } from './list-cursor.js';
import {
  RequestNotFoundError,
  type AuditEvent,
  type MailClaim,
  type PendingStep,
  type RequestsPage,
  type RequestsRepo,
} from './ports/requests-repo.js';

interface MailMarker {
  state: 'sending' | 'sent';
  leaseUntil?: number;
  messageId?: string;
}

/**
 * The requests table in memory, for unit tests of use cases: the semantics of
 * `DynamoRequestsRepo` without a database. Conditional writes fail as DynamoDB's do (a
 * second create, a step decided twice, a guarded update once the guard is set, a mail
 * claim under a running lease); the list pages by due date with the same cursor, which
 * is returned whenever a page is full, as DynamoDB's LastEvaluatedKey is. What goes in
 * and comes out is copied, so a caller that changes an object changes nothing stored.
 */
export class InMemoryRequestsRepo implements RequestsRepo {
  private readonly requests = new Map<string, DsrRequestRecord>();
  private readonly events = new Map<string, AuditEvent[]>();
  /** The keys of the events recorded once (`recordOnce`). */
  private readonly onceKeys = new Set<string>();
  private readonly stepItems = new Map<string, Map<string, PendingStep>>();
  private readonly mails = new Map<string, Map<string, MailMarker>>();

  constructor(requests: DsrRequestRecord[] = []) {
    for (const request of requests) this.requests.set(request.requestId, structuredClone(request));
  }

  async create(request: DsrRequestRecord) {
    if (this.requests.has(request.requestId)) return false;
    this.requests.set(request.requestId, structuredClone(request));
    return true;
  }

  async find(requestId: string) {
    const request = this.requests.get(requestId);
    return request && structuredClone(request);
  }

  async get(requestId: string) {
    const request = await this.find(requestId);
    if (!request) throw new RequestNotFoundError(`Request ${requestId} not found`);
    return request;
  }

  async update(requestId: string, changes: Partial<DsrRequestRecord>, removes: (keyof DsrRequestRecord)[] = []) {
    // Unguarded, the write always happens.
    return this.write(requestId, changes, removes)!;
  }

  async updateUnlessSet(requestId: string, guard: keyof DsrRequestRecord, changes: Partial<DsrRequestRecord>) {
    return this.write(requestId, changes, [], guard);
  }

  /**
   * Reads, checks and writes the request without yielding in between, so concurrent calls
   * see each other's writes as DynamoDB's single-item writes do: only the changed
   * attributes are replaced, and a guarded write loses to one that set its guard first.
   */
  private write(requestId: string, changes: Partial<DsrRequestRecord>, removes: (keyof DsrRequestRecord)[], guard?: keyof DsrRequestRecord) {
    const current = this.requests.get(requestId);
    if (!current) throw new RequestNotFoundError(`Request ${requestId} not found`);
    if (guard && current[guard] !== undefined) return undefined;
    const next: DsrRequestRecord = { ...current, ...structuredClone(changes), updatedAt: new Date().toISOString() };
    for (const name of removes) delete next[name];
    this.requests.set(requestId, next);
    return structuredClone(next);
  }

  async setStatus(requestId: string, status: RequestStatus, extra: Partial<DsrRequestRecord> = {}) {
    return this.update(requestId, { status, ...extra });
  }

  async audit(requestId: string, event: Omit<AuditEvent, 'at'> & { at?: string }) {
    const trail = this.events.get(requestId) ?? [];
    trail.push(structuredClone({ ...event, at: event.at ?? new Date().toISOString() }));
    // Ordered by time, as the table's sort key orders them.
    trail.sort((a, b) => a.at.localeCompare(b.at));
    this.events.set(requestId, trail);
  }

  async recordOnce(requestId: string, event: AuditEvent, once: string) {
    const key = `${event.at}#${once}`;
    if (this.onceKeys.has(`${requestId} ${key}`)) return false;
    this.onceKeys.add(`${requestId} ${key}`);
    await this.audit(requestId, event);
    return true;
  }

  async auditTrail(requestId: string) {
    return structuredClone(this.events.get(requestId) ?? []);
  }

  async openStep(step: PendingStep) {
    const stored = this.stepsOf(step.requestId).get(step.stepKey);
    if (stored && stored.status !== 'pending') return structuredClone(stored);
    this.stepsOf(step.requestId).set(step.stepKey, structuredClone(step));
    return step;
  }

  async findStep(requestId: string, stepKey: string) {
    const step = this.stepsOf(requestId).get(stepKey);
    return step && structuredClone(step);
  }

  async steps(requestId: string) {
    return [...this.stepsOf(requestId).values()].sort((a, b) => a.stepKey.localeCompare(b.stepKey)).map((step) => structuredClone(step));
  }

  async pendingSteps(requestId: string) {
    return (await this.steps(requestId)).filter((step) => step.status === 'pending');
  }

  async resolveStep(requestId: string, stepKey: string, decision: string, resolvedBy: string) {
    const step = this.stepsOf(requestId).get(stepKey);
    if (step?.status !== 'pending') return undefined;
    const resolved: PendingStep = { ...step, status: 'resolved', decision, resolvedBy, resolvedAt: new Date().toISOString() };
    this.stepsOf(requestId).set(stepKey, resolved);
    return structuredClone(resolved);
  }

  async claimMail(requestId: string, kind: string, leaseMs: number): Promise<MailClaim> {
    const marker = this.mailsOf(requestId).get(kind);
    const now = Date.now();
    if (!marker || (marker.state === 'sending' && marker.leaseUntil! < now)) {
      this.mailsOf(requestId).set(kind, { state: 'sending', leaseUntil: now + leaseMs });
      return 'claimed';
    }
    return marker.state === 'sending' ? 'held' : 'sent';
  }

  async markMailSent(requestId: string, kind: string, messageId?: string) {
    this.mailsOf(requestId).set(kind, { state: 'sent', messageId });
  }

  async requestOfSentMail(messageIds: readonly string[]) {
    for (const messageId of messageIds) {
      for (const [requestId, markers] of this.mails) {
        if ([...markers.values()].some((marker) => marker.messageId === messageId)) return requestId;
      }
    }
    return undefined;
  }

  async releaseMail(requestId: string, kind: string) {
    this.mailsOf(requestId).delete(kind);
  }

  async sentMails(requestId: string) {
    return [...this.mailsOf(requestId).entries()]
      .filter(([, marker]) => marker.state !== 'sending')
      .map(([kind]) => kind)
      .sort();
  }

  async earlierRequestsOf(request: Pick<DsrRequestRecord, 'contactEmail' | 'receivedAt' | 'requestId'>) {
    const partition = personIndex.partition(request.contactEmail);
    const own = personIndex.sort(request.receivedAt, request.requestId);
    return [...this.requests.values()]
      .map((item) => ({ item, sort: personIndex.sort(item.receivedAt, item.requestId) }))
      .filter(({ item, sort }) => personIndex.partition(item.contactEmail) === partition && sort < own)
      .sort((a, b) => b.sort.localeCompare(a.sort))
      .map(({ item }) => structuredClone({ requestId: item.requestId, subject: item.subject }));
  }

  async restrictions(status: RestrictionStatus) {
    return [...this.requests.values()]
      .filter((item) => item.restriction?.status === status)
      .sort((a, b) => restrictionIndex.sort(a.restriction!.since, a.requestId).localeCompare(restrictionIndex.sort(b.restriction!.since, b.requestId)))
      .map((item) => structuredClone(item));
  }

  async list(open: boolean, limit = 50, cursor?: string): Promise<RequestsPage> {
    const after = cursor ? z.decode(listCursor, cursor).listSk : '';
    const due = [...this.requests.values()]
      .filter((item) => isOpen(item.status) === open)
      .map((item) => ({ item, listSk: listIndex.sort(currentDeadlines(item).legal, item.requestId) }))
      .filter(({ listSk }) => listSk > after)
      .sort((a, b) => a.listSk.localeCompare(b.listSk))
      .slice(0, limit);
    const last = due.length === limit ? due.at(-1) : undefined;
    return {
      items: due.map(({ item }) => structuredClone(item)),
      cursor: last
        ? z.encode(listCursor, { pk: requestKeys.pk(last.item.requestId), sk: requestKeys.meta, listPk: listIndex.partition(open), listSk: last.listSk })
        : undefined,
    };
  }

  private stepsOf(requestId: string) {
    return partitionOf(this.stepItems, requestId);
  }

  private mailsOf(requestId: string) {
    return partitionOf(this.mails, requestId);
  }
}

/** A request's items of one kind, created empty on first use. */
function partitionOf<T>(items: Map<string, Map<string, T>>, requestId: string): Map<string, T> {
  let partition = items.get(requestId);
  if (!partition) items.set(requestId, (partition = new Map()));
  return partition;
}
