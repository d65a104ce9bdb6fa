import type { Texts } from '../en/index.js';
import { CONTROLLER, SUPERVISORY_AUTHORITY, law } from '../../legal.js';
import { privacyLink, supervisoryLink } from '../../layout.js';

const cite = (reference: string) => law(reference, 'nl');

export const common: Texts['common'] = {
  footer: (requestId) => [[`${CONTROLLER.name}, privacyteam · `, privacyLink()], `Kenmerk van uw verzoek: ${requestId}`],
  reference: 'Kenmerk',
  subjectReference: 'kenmerk',
  replyIntro: (received, rights, then) => `Op ${received} hebben wij uw verzoek ontvangen (${rights}). ${then}`,
  buttonFallback: 'Werkt de knop niet? Kopieer dan dit adres naar uw browser:',
  remedies: {
    heading: 'Wat kunt u doen?',
    intro: 'Bent u het niet eens met dit besluit? Dan kunt u:',
    complaint: [
      `een klacht indienen bij de ${SUPERVISORY_AUTHORITY.name}, de Nederlandse toezichthouder (`,
      supervisoryLink(),
      `), of bij de toezichthouder in het EU-land waar u woont of werkt (${cite('Art. 77')});`,
    ],
    court: `zich tot de rechter wenden (${cite('Art. 79')}): op grond van artikel 35 van de Uitvoeringswet Algemene verordening gegevensbescherming (UAVG) kunt u de rechtbank verzoeken Kiara te bevelen uw verzoek alsnog toe te wijzen. Dat verzoekschrift dient u in binnen zes weken nadat u dit antwoord heeft ontvangen.`,
    replyFirst: (requestId) => [
      'U kunt ook eerst reageren via ',
      privacyLink(),
      `, onder vermelding van kenmerk ${requestId}. Geeft u ons nieuwe informatie, dan behandelen wij die als een nieuw verzoek.`,
    ],
  },
  informed: {
    heading: 'Wie wij hebben ingelicht',
    intro: (change) => `Wij hebben de verwerkers die persoonsgegevens van Kiara ontvangen, op de hoogte gebracht van ${change} (${cite('Art. 19')}):`,
  },
  timeZone: 'Nederlandse tijd',
  units: {
    item: ['item', 'items'],
    file: ['bestand', 'bestanden'],
    day: ['dag', 'dagen'],
  },
  daysLeft: {
    today: 'verloopt vandaag',
    left: (days) => `nog ${days}`,
    overdue: (days) => `${days} over tijd`,
  },
  status: {
    awaiting_identity: 'wacht op bevestiging van de identiteit',
    awaiting_triage: 'wacht op beoordeling van de inhoud door het privacyteam',
    resolving: 'account wordt opgezocht',
    awaiting_review: 'wacht op beoordeling',
    processing: 'in behandeling',
    awaiting_store_retry: 'wacht op een nieuwe poging bij een gegevensopslag',
    awaiting_step_retry: 'wacht op een nieuwe poging van een mislukte stap',
    responding: 'antwoord wordt verstuurd',
    completed: 'afgerond',
    completed_no_data: 'afgerond (geen gegevens gevonden)',
    rejected: 'afgewezen',
    closed_unverified: 'gesloten (identiteit niet bevestigd)',
    cancelled: 'ingetrokken',
    duplicate: 'gesloten (herhaalt een lopend verzoek)',
    dismissed: 'gesloten (geen verzoek over privacyrechten)',
  },
};
