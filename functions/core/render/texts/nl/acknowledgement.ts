import type { Texts } from '../en/index.js';
import { law } from '../../legal.js';
import { privacyLink } from '../../layout.js';

const cite = (reference: string) => law(reference, 'nl');

export const acknowledgement: Texts['acknowledgement'] = {
  subject: (reference) => `Uw privacyverzoek is ontvangen (${reference})`,
  title: 'Wij hebben uw privacyverzoek ontvangen',
  received: (date) => `Op ${date} hebben wij uw verzoek ontvangen om de volgende rechten uit de AVG uit te oefenen:`,
  receivedEmail: (date) =>
    `Op ${date} hebben wij uw e-mail aan ons privacyadres ontvangen. Ons privacyteam leest uw bericht om vast te stellen welke rechten uit de AVG u wilt uitoefenen.`,
  receivedOn: 'Ontvangen op',
  replyBy: 'Wij reageren uiterlijk op',
  confirm: {
    heading: 'Bevestig uw e-mailadres',
    why: (expires) =>
      `Voordat wij iets doen, moeten wij zeker weten dat het verzoek afkomstig is van degene die dit e-mailadres beheert. Zo voorkomen wij dat iemand anders uw gegevens ontvangt of laat wissen. Bevestig uw e-mailadres uiterlijk ${expires}.`,
    button: 'Mijn e-mailadres bevestigen',
    page: 'De link opent een pagina met één knop. Uw verzoek is pas bevestigd wanneer u op die knop drukt.',
  },
  confirmedByTeam: 'Ons privacyteam heeft uw identiteit al vastgesteld. Wij hoeven uw identiteit daarom niet verder te controleren.',
  confirmedByLink: 'U heeft uw e-mailadres al bevestigd. Wij hoeven uw identiteit daarom niet verder te controleren.',
  confirmedByDashboard:
    'U heeft dit verzoek ingediend terwijl u was ingelogd in uw Kiara-dashboard. Wij hoeven uw identiteit daarom niet verder te controleren.',
  next: {
    heading: 'Wat gebeurt er nu?',
    search: (afterConfirmation) =>
      `${afterConfirmation ? 'Na uw bevestiging zoeken wij' : 'Wij zoeken'} het Kiara-account dat bij dit e-mailadres hoort en doorzoeken wij al onze systemen op uw persoonsgegevens.`,
    deadline: (deadline) =>
      `Wij reageren uiterlijk op ${deadline}. Blijkt uw verzoek complex, dan kunnen wij deze termijn met ten hoogste twee maanden verlengen (${cite('Art. 12(3)')}). Dat laten wij u dan binnen een maand na ontvangst van uw verzoek weten, met de redenen.`,
    withdrawal:
      'Het intrekken van uw toestemming werkt onmiddellijk. Kiara verwerkt op dit moment geen persoonsgegevens op basis van toestemming; dat bevestigen wij in ons antwoord.',
    unconfirmed: (expires) =>
      `Heeft u uw e-mailadres niet uiterlijk ${expires} bevestigd, dan sluiten wij het verzoek zonder er iets mee te doen. U kunt het daarna opnieuw indienen.`,
  },
  notYouUnconfirmed: 'Heeft u dit verzoek niet ingediend? Dan hoeft u niets te doen: zonder bevestiging gebeurt er niets.',
  notYouConfirmed: ['Heeft u dit verzoek niet ingediend? Laat het ons dan direct weten via ', privacyLink(), '.'],
};
