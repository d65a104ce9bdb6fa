import type { Texts } from '../en/index.js';

export const dismissalReply: Texts['dismissalReply'] = {
  subject: (reference) => `Uw e-mail aan ons privacyadres (${reference})`,
  title: 'Uw e-mail aan ons privacyadres',
  notARequest: (received) =>
    `Wij hebben uw e-mail van ${received} gelezen. Daarin vraagt u niet om een van uw rechten uit de AVG uit te oefenen. Wij behandelen uw e-mail daarom niet als privacyverzoek.`,
  ifYouDo:
    'Wilt u toch een van uw privacyrechten uitoefenen, zoals inzage in uw gegevens of het wissen ervan? Antwoord dan op deze e-mail en vermeld welk recht u bedoelt.',
};
