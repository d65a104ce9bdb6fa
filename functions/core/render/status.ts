import type { RequestStatus } from '../request/model.js';
import type { Locale, Localized } from './types.js';

const STATUS: Record<RequestStatus, Localized> = {
  awaiting_identity: { en: 'awaiting identity confirmation', nl: 'wacht op bevestiging van de identiteit' },
  awaiting_triage: { en: 'awaiting triage by the privacy team', nl: 'wacht op beoordeling van de inhoud door het privacyteam' },
  resolving: { en: 'looking up the account', nl: 'account wordt opgezocht' },
  awaiting_review: { en: 'awaiting review', nl: 'wacht op beoordeling' },
  processing: { en: 'processing', nl: 'in behandeling' },
  awaiting_store_retry: { en: 'waiting for a store retry', nl: 'wacht op een nieuwe poging bij een gegevensopslag' },
  awaiting_step_retry: { en: 'waiting for a retry of a failed step', nl: 'wacht op een nieuwe poging van een mislukte stap' },
  responding: { en: 'sending the reply', nl: 'antwoord wordt verstuurd' },
  completed: { en: 'completed', nl: 'afgerond' },
  completed_no_data: { en: 'completed (no data found)', nl: 'afgerond (geen gegevens gevonden)' },
  rejected: { en: 'rejected', nl: 'afgewezen' },
  closed_unverified: { en: 'closed (identity not confirmed)', nl: 'gesloten (identiteit niet bevestigd)' },
  cancelled: { en: 'cancelled', nl: 'geannuleerd' },
  duplicate: { en: 'closed (repeats an open request)', nl: 'gesloten (herhaalt een lopend verzoek)' },
  dismissed: { en: 'closed (no rights request)', nl: 'gesloten (geen verzoek over privacyrechten)' },
};

export function statusLabel(status: RequestStatus, locale: Locale): string {
  return STATUS[status]?.[locale] ?? status;
}
