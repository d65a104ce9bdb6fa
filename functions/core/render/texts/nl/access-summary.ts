import type { Texts } from '../en/index.js';
import { CONTROLLER, SUPERVISORY_AUTHORITY } from '../../legal.js';

const contact = CONTROLLER.privacyEmail;
const ap = `${SUPERVISORY_AUTHORITY.name} (${SUPERVISORY_AUTHORITY.domain})`;

export const accessSummary: Texts['accessSummary'] = {
  title: 'Uw persoonsgegevens bij Kiara: toelichting',
  intro: (date) =>
    `Dit pakket bevat een kopie van de persoonsgegevens die ${CONTROLLER.name} over u heeft, samengesteld op ${date}. Dit document geeft de informatie waarop u volgens artikel 15 lid 1 AVG recht heeft.`,
  portabilityIntro: (date) =>
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
  formats: (media) =>
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
    'Naast deze verwerkers verstrekken wij persoonsgegevens alleen als de wet dat vereist, of om de rechten, veiligheid en beveiliging van de Dienst en zijn gebruikers te beschermen. Kiara verkoopt geen persoonsgegevens.',
  transfersHeading: 'Doorgifte buiten de EER (artikel 15 lid 2 AVG)',
  transfers: `Sommige van onze verwerkers kunnen gegevens buiten de Europese Economische Ruimte (EER) verwerken. In dat geval zorgen wij voor passende waarborgen volgens de AVG: in de eerste plaats de door de Europese Commissie vastgestelde standaardcontractbepalingen, waar nodig met aanvullende maatregelen, of een adequaatheidsbesluit (artikelen 45 en 46 AVG). Meer informatie over deze waarborgen kunt u opvragen via ${contact}.`,
  rightsHeading: 'Uw rechten (artikel 15 lid 1, onder e, AVG)',
  rightsIntro: 'Onder de voorwaarden van de AVG heeft u ook deze rechten:',
  rightsHow: `Om een van deze rechten uit te oefenen, stuurt u een e-mail naar ${contact}. Dat is gratis, tenzij een verzoek kennelijk ongegrond of buitensporig is.`,
  complaintHeading: 'Recht om een klacht in te dienen (artikel 15 lid 1, onder f, AVG)',
  complaint: `Vindt u dat wij niet rechtmatig met uw persoonsgegevens omgaan? Dan heeft u het recht een klacht in te dienen bij de Nederlandse toezichthouder, de ${ap}, of bij de toezichthouder in het EU-land waar u woont of werkt (artikel 77 AVG). Wij stellen het op prijs als u ons eerst de kans geeft uw zorgen weg te nemen.`,
  automatedHeading: 'Geautomatiseerde besluitvorming (artikel 15 lid 1, onder h, AVG)',
  automated:
    'Kiara neemt geen besluiten over u die uitsluitend op geautomatiseerde verwerking berusten en die rechtsgevolgen hebben of u anderszins in aanmerkelijke mate treffen (artikel 22 AVG). Wij gebruiken wel geautomatiseerde systemen voor moderatie, het opsporen van misbruik en het begrenzen van het aantal API-aanroepen per gebruiker. Als zo’n systeem activiteit signaleert, beoordeelt een medewerker ingrijpende handhavingsbesluiten.',
  noStores: 'Wij hebben geen gegevens gevonden om in dit pakket op te nemen.',
  sources: {
    provided: 'Door u verstrekt, bijvoorbeeld bij uw aanmelding of uw gebruik van de Dienst',
    observed: 'Vastgelegd door de systemen van Kiara tijdens uw gebruik van de Dienst',
    derived: 'Door Kiara afgeleid uit andere gegevens in uw account',
    payment_processor: 'Ontvangen van onze betaalverwerker toen u betaalde',
  },
  otherRights: {
    rectification: 'onjuiste of onvolledige gegevens laten corrigeren',
    erasure: 'uw gegevens laten wissen, behalve waar de wet ons verplicht ze te bewaren',
    restriction: 'de verwerking van uw gegevens laten beperken, bijvoorbeeld zolang een geschil over de juistheid ervan loopt',
    objection: 'bezwaar maken tegen verwerking op grond van ons gerechtvaardigd belang',
    portability:
      'de gegevens die u heeft verstrekt ontvangen in een gestructureerde, gangbare en machineleesbare vorm, of ze laten doorsturen naar een andere organisatie waar dat technisch mogelijk is',
    withdraw_consent:
      'toestemming op elk moment intrekken, zonder dat dit gevolgen heeft voor eerdere verwerking; Kiara verwerkt op dit moment geen persoonsgegevens op basis van toestemming',
  },
  requestRecords: {
    title: 'Dossiers van uw privacyverzoeken',
    categories: 'Per verzoek: het e-mailadres waarvan het kwam, de rechten die u uitoefende, de data, onze besluiten en de genomen stappen',
    purpose: 'Om uw verzoeken af te handelen en te kunnen aantonen dat wij dat deden zoals de AVG voorschrijft (artikel 5 lid 2, 12 en 24 AVG)',
    source: 'Door u verstrekt bij het indienen van het verzoek, en door ons vastgelegd tijdens de afhandeling',
    received: 'Ontvangen',
    closed: 'Afgesloten',
    keptUntil: 'Bewaard tot',
    open: 'nog in behandeling',
    retention: (years) => `${years} jaar na de afsluiting van het verzoek; daarna wordt het dossier in zijn geheel verwijderd`,
  },
  agedOut: {
    heading: 'Gegevens die vóór het verzamelen kunnen zijn verlopen',
    intro:
      'Tussen de ontvangst van uw verzoek en het moment waarop wij uw gegevens voor dit verzoek veiligstelden, bereikten deze gegevens het einde van hun bewaartermijn. Volgens ons bewaarbeleid kunnen ze in die tijd zijn verwijderd; dan staan ze niet in dit pakket:',
    window: (from, to, days) => `vastgelegd tussen ${from} en ${to} (bewaartermijn ${days})`,
    after: 'Vanaf dat moment hebben wij niets meer laten verlopen: wat wij toen hadden, staat in dit pakket.',
  },
};
