import type { Right, StoreDefinition } from '../../inventory/types.js';
import { SUPERVISORY_AUTHORITY, CONTROLLER } from '../legal.js';
import type { Locale, Localized } from '../types.js';

/** Art. 15(1)(g): where a store's data came from. */
export const SOURCES: Record<StoreDefinition['source'], Localized> = {
  provided: {
    en: 'Provided by you, for example when you signed up or used the Service',
    nl: 'Door u verstrekt, bijvoorbeeld bij uw aanmelding of uw gebruik van de Dienst',
  },
  observed: {
    en: "Recorded by Kiara's systems while you used the Service",
    nl: 'Vastgelegd door de systemen van Kiara tijdens uw gebruik van de Dienst',
  },
  derived: {
    en: 'Derived by Kiara from other data in your account',
    nl: 'Door Kiara afgeleid uit andere gegevens in uw account',
  },
  payment_processor: {
    en: 'Received from our payment processor when you paid',
    nl: 'Ontvangen van onze betaalverwerker toen u betaalde',
  },
};

/** The rights the README lists besides access (Art. 15(1)(e), policy §7). */
export const OTHER_RIGHTS: ReadonlyArray<{ right: Right; description: Localized }> = [
  {
    right: 'rectification',
    description: { en: 'have inaccurate or incomplete data corrected', nl: 'onjuiste of onvolledige gegevens laten corrigeren' },
  },
  {
    right: 'erasure',
    description: {
      en: 'have your data erased, except where the law requires us to keep it',
      nl: 'uw gegevens laten wissen, behalve waar de wet ons verplicht ze te bewaren',
    },
  },
  {
    right: 'restriction',
    description: {
      en: 'have the processing of your data restricted, for example while a dispute about its accuracy is being resolved',
      nl: 'de verwerking van uw gegevens laten beperken, bijvoorbeeld zolang een geschil over de juistheid ervan loopt',
    },
  },
  {
    right: 'objection',
    description: {
      en: 'object to processing based on our legitimate interests',
      nl: 'bezwaar maken tegen verwerking op grond van ons gerechtvaardigd belang',
    },
  },
  {
    right: 'portability',
    description: {
      en: 'receive the data you provided in a structured, commonly used and machine-readable format, or have it sent to another organisation where technically feasible',
      nl: 'de gegevens die u heeft verstrekt ontvangen in een gestructureerde, gangbare en machineleesbare vorm, of ze laten doorsturen naar een andere organisatie waar dat technisch mogelijk is',
    },
  },
  {
    right: 'withdraw_consent',
    description: {
      en: 'withdraw consent at any time, without affecting earlier processing; Kiara currently does not process personal data on the basis of consent',
      nl: 'toestemming op elk moment intrekken, zonder dat dit gevolgen heeft voor eerdere verwerking; Kiara verwerkt op dit moment geen persoonsgegevens op basis van toestemming',
    },
  },
];

export function texts(locale: Locale) {
  const contact = CONTROLLER.privacyEmail;
  const ap = `${SUPERVISORY_AUTHORITY.name} (${SUPERVISORY_AUTHORITY.domain})`;
  return locale === 'nl'
    ? {
        title: 'Uw persoonsgegevens bij Kiara: toelichting',
        intro: (date: string) =>
          `Dit pakket bevat een kopie van de persoonsgegevens die ${CONTROLLER.name} over u heeft, samengesteld op ${date}. Dit document geeft de informatie waarop u volgens artikel 15 lid 1 AVG recht heeft.`,
        portabilityIntro: (date: string) =>
          `Dit pakket bevat de persoonsgegevens die u aan ${CONTROLLER.name} heeft verstrekt en de gegevens die zijn vastgelegd bij uw gebruik van de Dienst, samengesteld op ${date}, zodat u ze kunt meenemen naar een andere dienst (artikel 20 AVG). Het is geen kopie van alle gegevens die wij over u hebben: die kunt u opvragen met een verzoek om inzage (artikel 15 AVG). Dit document licht de gegevens per onderdeel toe.`,
        portabilityNote:
          'Omdat u om dataportabiliteit heeft gevraagd (artikel 20 AVG), bevat het pakket de gegevens die u zelf heeft verstrekt en de gegevens die zijn vastgelegd bij uw gebruik van de Dienst, in een gestructureerde, gangbare en machineleesbare vorm (JSON en CSV, en media in hun oorspronkelijke formaat).',
        reference: 'Kenmerk',
        createdOn: 'Samengesteld op',
        rightsInvoked: 'Uw verzoek',
        controllerHeading: 'Wie is verantwoordelijk voor uw gegevens?',
        controller: `${CONTROLLER.name} (${CONTROLLER.country.nl}) is de verwerkingsverantwoordelijke. Voor al uw vragen over privacy kunt u terecht bij ons privacyteam: ${contact}.`,
        contentsHeading: 'Wat zit er in dit pakket?',
        contentsCaption: 'Onderdelen van dit pakket',
        contentsHead: ['Gegevens', 'Aantal', 'Bestanden'],
        formats: (media: boolean) =>
          `Elk onderdeel staat in de map data/ als JSON-bestand en als CSV-bestand; beide zijn machineleesbaar.${media ? ' Geüploade en gegenereerde bestanden staan in hun oorspronkelijke formaat in de map media/.' : ''} Een samenvatting van dit document staat in summary.json.`,
        perStoreHeading: 'Per onderdeel: welke gegevens, waarom, wie ze ontvangt, hoe lang en waar ze vandaan komen',
        categories: 'Categorieën persoonsgegevens (artikel 15 lid 1, onder b, AVG)',
        purposes: 'Doeleinden en rechtsgrond (artikel 15 lid 1, onder a, AVG)',
        recipients: 'Ontvangers (artikel 15 lid 1, onder c, AVG)',
        retention: 'Bewaartermijn (artikel 15 lid 1, onder d, AVG)',
        source: 'Herkomst (artikel 15 lid 1, onder g, AVG)',
        files: 'Bestanden in dit pakket',
        count: 'Aantal',
        otherDisclosures:
          'Naast deze verwerkers verstrekken we persoonsgegevens alleen als de wet dat vereist, of om de rechten, veiligheid en beveiliging van de Dienst en zijn gebruikers te beschermen. Kiara verkoopt geen persoonsgegevens.',
        transfersHeading: 'Doorgifte buiten de EER (artikel 15 lid 2 AVG)',
        transfers: `Sommige van onze verwerkers kunnen gegevens buiten de Europese Economische Ruimte (EER) verwerken. In dat geval zorgen we voor passende waarborgen volgens de AVG: in de eerste plaats de door de Europese Commissie vastgestelde standaardcontractbepalingen, waar nodig met aanvullende maatregelen, of een adequaatheidsbesluit (artikelen 45 en 46 AVG). Meer informatie over deze waarborgen kunt u opvragen via ${contact}.`,
        rightsHeading: 'Uw rechten (artikel 15 lid 1, onder e, AVG)',
        rightsIntro: 'Onder de voorwaarden van de AVG heeft u ook deze rechten:',
        rightsHow: `Om een van deze rechten uit te oefenen, stuurt u een e-mail naar ${contact}. Dat is gratis, tenzij een verzoek kennelijk ongegrond of buitensporig is.`,
        complaintHeading: 'Recht om een klacht in te dienen (artikel 15 lid 1, onder f, AVG)',
        complaint: `Vindt u dat wij niet rechtmatig met uw persoonsgegevens omgaan? Dan heeft u het recht een klacht in te dienen bij de Nederlandse toezichthouder, de ${ap}, of bij de toezichthouder in het EU-land waar u woont of werkt (artikel 77 AVG). We stellen het op prijs als u ons eerst de kans geeft uw zorgen weg te nemen.`,
        automatedHeading: 'Geautomatiseerde besluitvorming (artikel 15 lid 1, onder h, AVG)',
        automated:
          'Kiara neemt geen besluiten over u die uitsluitend op geautomatiseerde verwerking berusten en die rechtsgevolgen hebben of u anderszins in aanmerkelijke mate treffen (artikel 22 AVG). We gebruiken wel geautomatiseerde systemen voor moderatie, het opsporen van misbruik en het begrenzen van het aantal verzoeken per gebruiker. Als zo’n systeem activiteit signaleert, beoordeelt een medewerker ingrijpende handhavingsbesluiten.',
        noStores: 'We hebben geen gegevens gevonden om in dit pakket op te nemen.',
      }
    : {
        title: 'Your personal data at Kiara: explanation',
        intro: (date: string) =>
          `This package contains a copy of the personal data ${CONTROLLER.name} holds about you, put together on ${date}. This document gives the information you are entitled to under Art. 15(1) GDPR.`,
        portabilityIntro: (date: string) =>
          `This package contains the personal data you provided to ${CONTROLLER.name} and the data recorded while you used the Service, put together on ${date}, so that you can take it to another service (Art. 20 GDPR). It is not a copy of all the data we hold about you: you can ask for that with an access request (Art. 15 GDPR). This document explains the data part by part.`,
        portabilityNote:
          'Because you asked for data portability (Art. 20 GDPR), the package contains the data you provided and the data recorded while you used the Service, in a structured, commonly used and machine-readable format (JSON and CSV, and media in their original format).',
        reference: 'Reference',
        createdOn: 'Put together on',
        rightsInvoked: 'Your request',
        controllerHeading: 'Who is responsible for your data',
        controller: `${CONTROLLER.name} (${CONTROLLER.country.en}) is the controller. Our privacy team handles all data-protection questions: ${contact}.`,
        contentsHeading: 'What this package contains',
        contentsCaption: 'Parts of this package',
        contentsHead: ['Data', 'Number', 'Files'],
        formats: (media: boolean) =>
          `Each part is in the data/ folder as a JSON file and as a CSV file; both are machine-readable.${media ? ' Uploaded and generated files are in the media/ folder, in their original format.' : ''} A summary of this document is in summary.json.`,
        perStoreHeading: 'For each part: what, why, who receives it, how long, and where it comes from',
        categories: 'Categories of personal data (Art. 15(1)(b) GDPR)',
        purposes: 'Purposes and legal basis (Art. 15(1)(a) GDPR)',
        recipients: 'Recipients (Art. 15(1)(c) GDPR)',
        retention: 'Retention period (Art. 15(1)(d) GDPR)',
        source: 'Source (Art. 15(1)(g) GDPR)',
        files: 'Files in this package',
        count: 'Number',
        otherDisclosures:
          'Apart from these processors, we disclose personal data only where the law requires it, or to protect the rights, safety and security of the Service and its users. Kiara does not sell personal data.',
        transfersHeading: 'Transfers outside the EEA (Art. 15(2) GDPR)',
        transfers: `Some of our processors may process data outside the European Economic Area (EEA). Where that happens, we rely on appropriate safeguards under the GDPR: principally the European Commission's Standard Contractual Clauses (SCCs), with supplementary measures where appropriate, or an adequacy decision (Art. 45 and 46 GDPR). You can ask for more information about these safeguards at ${contact}.`,
        rightsHeading: 'Your rights (Art. 15(1)(e) GDPR)',
        rightsIntro: 'Subject to the conditions of the GDPR, you also have these rights:',
        rightsHow: `To exercise any of these rights, email ${contact}. This is free of charge unless a request is manifestly unfounded or excessive.`,
        complaintHeading: 'Right to lodge a complaint (Art. 15(1)(f) GDPR)',
        complaint: `If you believe we have not handled your personal data lawfully, you have the right to lodge a complaint with the Dutch data protection authority, the ${ap}, or with the supervisory authority in the EU country where you live or work (Art. 77 GDPR). We would appreciate the chance to address your concerns first.`,
        automatedHeading: 'Automated decision-making (Art. 15(1)(h) GDPR)',
        automated:
          'Kiara does not make decisions about you based solely on automated processing that produce legal effects concerning you or similarly significantly affect you (Art. 22 GDPR). We do use automated systems for moderation, abuse detection and rate limiting. Where such a system flags activity, material enforcement decisions are reviewed by a person.',
        noStores: 'We found no data to include in this package.',
      };
}
