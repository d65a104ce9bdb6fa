import { checkCount, formatNumber } from '../numbers.js';
import { resolveStore, type Inventory } from '../stores.js';
import { textsFor } from '../texts/index.js';
import type { RenderedEmail, TeamEmailBase } from '../types.js';
import { renderTeamEmail, requestFact, shownErrorName } from './common.js';

export interface StoreFailureInput extends TeamEmailBase {
  storeId: string;
  /** The error's name or code (e.g. "ThrottlingException"), not its message. */
  errorName: string;
  /** How many times the step was tried before it stopped. */
  attempts: number;
  inventory?: Inventory;
}

/** A store step failed after its retries and waits for the privacy team. */
export function storeFailure(input: StoreFailureInput): RenderedEmail {
  const { locale, requestId } = input;
  const t = textsFor(locale).team.storeFailure;
  const store = resolveStore(input.storeId, input.inventory).title[locale];
  const errorName = shownErrorName(input.errorName);
  return renderTeamEmail(input, {
    subject: t.subject(requestId, store),
    title: t.title,
    blocks: [
      {
        kind: 'facts',
        rows: [
          requestFact(requestId, locale),
          [t.store, store],
          [t.error, errorName],
          // The label names the unit: "Attempts: 4".
          [t.attempts, formatNumber(checkCount(input.attempts, 'attempts'), locale)],
        ],
      },
      { kind: 'paragraph', text: t.waits },
    ],
  });
}
