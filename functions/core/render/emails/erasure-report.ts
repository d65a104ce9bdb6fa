import type { Localized, Recipient } from '../../inventory/types.js';
import { DECISION_GROUNDS, type RightDecisions } from '../../request/decisions.js';
import { formatDate } from '../dates.js';
import { RenderInputError } from '../errors.js';
import { law } from '../legal.js';
import { decisionBlocks, type ReviewedRights } from '../decisions.js';
import { renderEmail, type Block } from '../layout.js';
import { resolveStore, storeCount, type Inventory } from '../stores.js';
import { textsFor } from '../texts/index.js';
import type { IsoDate, RenderedEmail, StoreCount, SubjectEmailBase } from '../types.js';
import { informedBlocks, remedyBlocks, subjectFooter, subjectReference } from './common.js';
import { erasureRemainsBlocks, type ErasureRemains } from './erasure-remains.js';

export interface KeptData extends StoreCount {
  /** The latest date until which any of the kept items is kept. */
  keptUntil: IsoDate;
  /** The Art. 17(3) exemption; defaults to the store's erasure rule in the inventory. */
  exemption?: string;
  /** Why it is kept; defaults to the store's erasure rule in the inventory. */
  reason?: Localized;
}

/** A store the review kept out of the erasure as a whole (a partial grant's `keep`). */
export interface KeptOnDecision {
  storeId: string;
  /** The provision of the decision's exception, e.g. "Art. 17(3)(e)". */
  exemption: string;
  /** The facts the decision rests on, as the team wrote them. */
  reason: string;
  /** Until when the team expects the exception to apply. */
  keptUntil: IsoDate;
}

/** The stores a partial erasure decision keeps, as the report lists them. */
export function keptOnDecision(decisions: RightDecisions | undefined): KeptOnDecision[] {
  const entry = decisions?.erasure;
  if (entry?.decision !== 'partial' || !entry.keep || !entry.ground || !entry.until) return [];
  const { ground, until } = entry;
  return entry.keep.map((storeId) => ({ storeId, exemption: DECISION_GROUNDS[ground].article, reason: entry.facts?.trim() ?? '', keptUntil: until }));
}

/** The exception a store is kept under, and why: the kept data's own, else the store's erasure rule in the inventory. */
export function keptException(entry: Pick<KeptData, 'storeId' | 'exemption' | 'reason'>, inventory?: Inventory): { exemption: string; reason: Localized } {
  const store = resolveStore(entry.storeId, inventory);
  const rule = store.erasure.action === 'retain' ? store.erasure : undefined;
  const exemption = entry.exemption ?? rule?.exemption;
  const reason = entry.reason ?? rule?.reason;
  if (!exemption || !reason) {
    throw new RenderInputError(`Store "${store.id}" has no retention exemption: pass one with the kept data`);
  }
  return { exemption, reason };
}

export interface ErasureReportInput extends SubjectEmailBase {
  /** What was erased, per store. */
  erased: readonly StoreCount[];
  /** What was kept under an exemption, per store. */
  kept: readonly KeptData[];
  /** The stores the review's partial grant kept out of the erasure; omitted = none. */
  keptOnDecision?: readonly KeptOnDecision[];
  /** The recipients told of the erasure (Art. 19); omitted or empty = no such sentence. */
  notifiedRecipients?: readonly Pick<Recipient, 'name' | 'category'>[];
  /** Deleted earlier packages, request records and backups; omitted = no such section. */
  remains?: ErasureRemains;
  inventory?: Inventory;
  /** The review's decision on every right, when this reply is the one that carries it. */
  review?: ReviewedRights;
}

/** What was erased, what was kept (exception, reason, until when) and who was told. */
export function erasureReport(input: ErasureReportInput): RenderedEmail {
  const { locale, requestId } = input;
  const t = textsFor(locale).erasureReport;
  const erased = input.erased.map((entry) => {
    const store = resolveStore(entry.storeId, input.inventory);
    return [store.title[locale], storeCount(store, entry.itemCount, locale)] as const;
  });
  const kept: (readonly [string, string, string, string])[] = input.kept.map((entry) => {
    const store = resolveStore(entry.storeId, input.inventory);
    const { exemption, reason } = keptException(entry, input.inventory);
    return [store.title[locale], storeCount(store, entry.itemCount, locale), `${law(exemption, locale)}: ${reason[locale]}`, formatDate(entry.keptUntil, locale)] as const;
  });
  for (const entry of input.keptOnDecision ?? []) {
    kept.push([
      resolveStore(entry.storeId, input.inventory).title[locale],
      t.allData,
      `${law(entry.exemption, locale)}: ${entry.reason}`,
      formatDate(entry.keptUntil, locale),
    ] as const);
  }
  const recipients = input.notifiedRecipients ?? [];

  const blocks: Block[] = [
    { kind: 'paragraph', text: t.intro },
    { kind: 'heading', text: t.erasedHeading },
    erased.length > 0
      ? { kind: 'table', caption: t.erasedCaption, head: t.erasedHead, rows: erased }
      : { kind: 'paragraph', text: t.nothingErased },
    { kind: 'heading', text: t.keptHeading },
  ];
  if (kept.length > 0) {
    blocks.push(
      { kind: 'table', caption: t.keptCaption, head: t.keptHead, rows: kept },
      { kind: 'paragraph', text: t.keptPurpose },
    );
  } else {
    blocks.push({ kind: 'paragraph', text: t.nothingKept });
  }
  blocks.push(...informedBlocks(recipients, t.informedChange, locale));
  blocks.push({ kind: 'paragraph', text: t.record });
  if (input.remains) blocks.push(...erasureRemainsBlocks(input.remains, locale));
  const decisions = input.review ? decisionBlocks(input.review, locale) : [];
  blocks.push(...decisions);
  // Keeping data under an exemption is a partial refusal: name the remedies (Art. 12(4)).
  if (kept.length > 0 || decisions.length > 0) blocks.push(...remedyBlocks(requestId, locale));

  return renderEmail({
    locale,
    subject: t.subject(subjectReference(requestId, locale)),
    title: t.title,
    blocks,
    footer: subjectFooter(requestId, locale),
  });
}
