import type { Texts } from '../en/index.js';
import { law } from '../../legal.js';

const cite = (reference: string) => law(reference, 'nl');

export const rightsOutcome: Texts['rightsOutcome'] = {
  title: 'Wat wij met uw privacyverzoek hebben gedaan',
  intro: (received, rights) => `Op ${received} hebben wij uw verzoek ontvangen (${rights}). In dit bericht leest u wat wij hebben gedaan.`,
  whatWeDid: 'Wat wij hebben gedaan',
  withdrawConsent:
    'Kiara verwerkt geen persoonsgegevens op grond van uw toestemming: wij gebruiken uw gegevens uitsluitend op andere rechtsgronden, zoals de overeenkomst met u, wettelijke verplichtingen en gerechtvaardigde belangen. Er hoefde dus niets te worden gestaakt. Wij hebben de intrekking van uw toestemming vastgelegd; zij werkt onmiddellijk.',
  restriction: `Wij hebben de verwerking van uw gegevens beperkt: wij bewaren ze alleen nog en gebruiken ze nergens anders voor, behalve met uw toestemming of op een grond van ${cite('Art. 18(2)')}. Voordat wij de beperking opheffen, laten wij het u weten (${cite('Art. 18(3)')}).`,
  rectification: 'Wij hebben uw gegevens gecorrigeerd zoals hierboven onder "Wat wij hebben gedaan" is beschreven.',
  objectionGranted: `Wij hebben de verwerking van uw gegevens op grond van onze gerechtvaardigde belangen (${cite('Art. 6(1)(f)')}) gestaakt. Hierboven, onder "Wat wij hebben gedaan", staat welke verwerking is gestaakt.`,
  objectionPartial: `Wij hebben de verwerking van uw gegevens op grond van onze gerechtvaardigde belangen (${cite('Art. 6(1)(f)')}) gedeeltelijk gestaakt. Een deel zetten wij voort omdat wij dwingende gerechtvaardigde gronden hebben vastgelegd (${cite('Art. 21(1)')}); hierboven, onder "Wat wij hebben gedaan", staat welke verwerking is gestaakt, en ons besluit per recht vermeldt welke verwerking doorgaat en waarom.`,
  changed: 'Dit hebben wij in uw account gewijzigd:',
  correctedUnrepeated: (field) => `${field}: gecorrigeerd (om veiligheidsredenen herhalen wij het niet in dit bericht)`,
  values: { true: 'aan', false: 'uit', en: 'Engels', nl: 'Nederlands' },
  informedChange: 'de correctie',
  rest: (rights) => `Op de rest van uw verzoek (${rights}) antwoorden wij in een apart bericht.`,
  restricted: {
    heading: 'Wat is beperkt',
    covers: 'De beperking geldt voor alle gegevens van uw Kiara-account, in deze categorieën:',
    howMarked: 'Zo hebben wij dat vastgelegd:',
    accountMarked: 'Uw account heeft een markering van beperking, die de diensten van Kiara controleren voordat zij uw gegevens gebruiken.',
    filesMarked: (files) => `Ook elk van uw bestanden hebben wij als beperkt gemarkeerd (${files}).`,
    noFiles: 'Er waren geen bestanden van u om te markeren.',
    copyHeading: 'De kopie die wij bewaren',
    copyKept:
      'Een deel van uw gegevens wordt normaal gesproken automatisch verwijderd aan het einde van de bewaartermijn. Zodat die gegevens tijdens de beperking niet verloren gaan, bewaren wij er een versleutelde kopie van totdat wij de beperking opheffen:',
    heldStore: (store, count, kept) => `${store}: ${count} (normaal bewaard: ${kept})`,
    copyDeleted: 'Wanneer wij de beperking opheffen, verwijderen wij deze kopie; gegevens waarvan de bewaartermijn dan verstreken is, worden daarna niet langer bewaard.',
    noCopy: 'Wij bewaren geen gegevens van u die na een bewaartermijn automatisch worden verwijderd; een aparte kopie is daarom niet nodig.',
    informed: `Wij hebben de ontvangers van uw gegevens op de hoogte gebracht van de beperking (${cite('Art. 19')}):`,
    noneInformed: `Wij hebben geen ontvangers van uw gegevens op de hoogte gebracht van de beperking (${cite('Art. 19')}).`,
  },
};
