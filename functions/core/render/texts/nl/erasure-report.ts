import type { Texts } from '../en/index.js';
import { law } from '../../legal.js';

const cite = (reference: string) => law(reference, 'nl');

export const erasureReport: Texts['erasureReport'] = {
  subject: (reference) => `Uw gegevens zijn gewist (${reference})`,
  title: 'Wij hebben uw persoonsgegevens gewist',
  intro: `Wij hebben uw verzoek om gegevenswissing (${cite('Art. 17')}) uitgevoerd. Hieronder leest u wat wij hebben gewist, wat wij moeten bewaren en waarom.`,
  erasedHeading: 'Wat wij hebben gewist',
  erasedCaption: 'Gewiste gegevens',
  erasedHead: ['Gegevens', 'Gewist'],
  nothingErased: 'Wij hebben geen gegevens gevonden om te wissen.',
  keptHeading: 'Wat wij hebben bewaard, en waarom',
  keptCaption: 'Bewaarde gegevens',
  keptHead: ['Gegevens', 'Aantal', 'Uitzondering en reden', 'Bewaard tot en met'],
  allData: 'alle gegevens',
  keptPurpose:
    'Wij gebruiken de bewaarde gegevens uitsluitend voor dit doel. Na de genoemde datum is de uitzondering niet meer van toepassing; u kunt ons dan opnieuw verzoeken de gegevens te wissen.',
  nothingKept: 'Afgezien van de registratie van dit verzoek hebben wij geen persoonsgegevens van u bewaard.',
  informedChange: 'het wissen',
  record: `Wij bewaren een registratie van hoe wij uw verzoek hebben afgehandeld, omdat wij dat volgens de AVG moeten kunnen aantonen (${cite('Art. 5(2)')}). Daarin staat geen kopie van uw gegevens.`,
  remains: {
    heading: 'Wat er verder overblijft, en tot wanneer',
    earlierCopies: (count, one) =>
      `Eerdere kopieën: wij hebben ook ${count} ${one ? 'eerdere kopie' : 'eerdere kopieën'} van uw gegevens verwijderd, die wij op uw eerdere verzoek${one ? '' : 'en'} om inzage of overdracht voor u hadden klaargezet. De downloadlinks daarvan werken niet meer.`,
    records: (years) =>
      `Dossiers van uw verzoeken: het dossier van dit verzoek en van uw eerdere verzoeken bewaren wij ${years} jaar na de afsluiting van elk verzoek, omdat wij moeten kunnen aantonen dat wij ze volgens de AVG hebben afgehandeld (${cite('Art. 5(2)')} en ${cite('Art. 12')}). Daarna verwijderen wij ze.`,
    backups: (until, days) =>
      `Back-ups: de gewiste gegevens blijven tot en met ${until} (${days} dagen) herstelbaar uit de back-ups van onze databases (point-in-time recovery). Daarna zijn ze definitief verdwenen.`,
  },
};
