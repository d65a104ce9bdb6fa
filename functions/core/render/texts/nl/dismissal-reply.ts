import type { Texts } from '../en/index.js';

export const dismissalReply: Texts['dismissalReply'] = {
  subject: (reference) => `Uw e-mail aan ons privacyadres (${reference})`,
  title: 'Uw e-mail aan ons privacyadres',
  notARequest: (received) =>
    `We hebben uw e-mail van ${received} gelezen. Daarin vraagt u niet om een van uw rechten uit de AVG uit te oefenen, dus behandelen we deze niet als privacyverzoek.`,
  ifYouDo:
    'Wilt u toch een van uw privacyrechten uitoefenen, zoals inzage in of verwijdering van uw gegevens? Antwoord dan op deze e-mail en zeg welk recht u bedoelt.',
};
