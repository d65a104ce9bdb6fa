import { checkCount, formatCount } from '../numbers.js';
import { resolveStore, type Inventory } from '../stores.js';
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
  const nl = locale === 'nl';
  const store = resolveStore(input.storeId, input.inventory).title[locale];
  const errorName = shownErrorName(input.errorName);
  return renderTeamEmail(input, {
    subject: nl ? `[DSR] Stap mislukt: ${store} voor ${requestId}` : `[DSR] Store step failed: ${store} for ${requestId}`,
    title: nl ? 'Een stap bij een gegevensopslag is mislukt' : 'A store step failed',
    blocks: [
      {
        kind: 'facts',
        rows: [
          requestFact(requestId, locale),
          [nl ? 'Gegevensopslag' : 'Store', store],
          [nl ? 'Fout' : 'Error', errorName],
          [nl ? 'Pogingen' : 'Attempts', formatCount(checkCount(input.attempts, 'attempts'), 'attempt', locale)],
        ],
      },
      {
        kind: 'paragraph',
        text: nl
          ? 'De workflow probeert het niet meer automatisch en wacht op u: probeer de stap opnieuw of handel hem af in de console. De termijn loopt door.'
          : 'The workflow has stopped retrying and waits for you: retry the step or resolve it in the console. The deadline keeps running.',
      },
    ],
  });
}
