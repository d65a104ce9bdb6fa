import type { Texts } from '../en/index.js';
import { law } from '../../legal.js';
import { privacyLink } from '../../layout.js';

const cite = (reference: string) => law(reference, 'nl');

export const acknowledgement: Texts['acknowledgement'] = {
  subject: (reference) => `Uw privacyverzoek is ontvangen (${reference})`,
  title: 'We hebben uw privacyverzoek ontvangen',
  received: (date) => `Op ${date} hebben we uw verzoek ontvangen om de volgende rechten uit de AVG uit te oefenen:`,
  receivedEmail: (date) =>
    `Op ${date} hebben we uw e-mail aan ons privacyadres ontvangen. Ons privacyteam leest uw bericht om vast te stellen welke rechten uit de AVG u wilt uitoefenen.`,
  receivedOn: 'Ontvangen op',
  replyBy: 'Wij reageren uiterlijk op',
  confirm: {
    heading: 'Bevestig uw e-mailadres',
    why: (expires) =>
      `Voordat we iets doen, moeten we zeker weten dat het verzoek afkomstig is van degene die dit e-mailadres beheert. Zo voorkomen we dat iemand anders uw gegevens ontvangt of laat verwijderen. Bevestig uw e-mailadres uiterlijk ${expires}.`,
    button: 'Mijn e-mailadres bevestigen',
    page: 'De link opent een pagina met één knop. Uw verzoek is pas bevestigd wanneer u op die knop drukt.',
  },
  confirmedByTeam: 'Ons privacyteam heeft uw identiteit al vastgesteld. We hoeven uw identiteit daarom niet verder te controleren.',
  confirmedByDashboard:
    'U heeft dit verzoek ingediend terwijl u was ingelogd in uw Kiara-dashboard. We hoeven uw identiteit daarom niet verder te controleren.',
  next: {
    heading: 'Wat gebeurt er nu?',
    search: (afterConfirmation) =>
      `${afterConfirmation ? 'Na uw bevestiging zoeken we' : 'We zoeken'} het Kiara-account dat bij dit e-mailadres hoort en doorzoeken we al onze systemen op uw persoonsgegevens.`,
    deadline: (deadline) =>
      `We reageren uiterlijk op ${deadline}. Blijkt uw verzoek complex, dan kunnen we deze termijn met maximaal twee maanden verlengen (${cite('Art. 12(3)')}). Dat laten we u dan binnen een maand na ontvangst van uw verzoek weten, met de redenen.`,
    withdrawal:
      'Het intrekken van toestemming gaat direct in. Kiara verwerkt op dit moment geen persoonsgegevens op basis van toestemming; dat bevestigen we in ons antwoord.',
    unconfirmed: (expires) =>
      `Bevestigt u niet vóór ${expires}, dan sluiten we het verzoek zonder er iets mee te doen. U kunt het daarna gewoon opnieuw indienen.`,
  },
  notYouUnconfirmed: 'Heeft u dit verzoek niet ingediend? Dan hoeft u niets te doen: zonder bevestiging gebeurt er niets.',
  notYouConfirmed: ['Heeft u dit verzoek niet ingediend? Laat het ons dan direct weten via ', privacyLink(), '.'],
};
