import type { Texts } from '../en/index.js';
import { law } from '../../legal.js';

const cite = (reference: string) => law(reference, 'nl');

export const rights: Texts['rights'] = {
  names: {
    access: 'Recht op inzage',
    portability: 'Recht op dataportabiliteit',
    erasure: 'Recht op gegevenswissing',
    rectification: 'Recht op rectificatie',
    restriction: 'Recht op beperking van de verwerking',
    objection: 'Recht van bezwaar',
    withdraw_consent: 'Recht om toestemming in te trekken',
  },
};

export const decisions: Texts['decisions'] = {
  heading: 'Ons besluit per recht',
  names: {
    grant: 'toegewezen',
    partial: 'gedeeltelijk toegewezen',
    refuse: 'afgewezen',
  },
  grounds: {
    manifestly_unfounded: (provision) => `Het verzoek is kennelijk ongegrond (${provision}).`,
    excessive: (provision) => `Het verzoek is buitensporig, met name vanwege het repetitieve karakter ervan (${provision}).`,
    identity_not_confirmed: (provision) =>
      `Wij konden niet vaststellen dat het verzoek afkomstig is van degene op wie de gegevens betrekking hebben, en de gegevens waarover wij beschikken stellen ons niet in staat u te identificeren (${provision} en artikel 12 lid 2 AVG). Verstrekt u ons aanvullende gegevens waarmee wij u kunnen identificeren, dan behandelen wij uw verzoek alsnog.`,
    other: (provision) => `Wij geven om de hieronder vermelde redenen geen gevolg aan dit deel van het verzoek (${provision}).`,
    freedom_of_expression: (provision) =>
      `Het bewaren van de gegevens is noodzakelijk voor de uitoefening van het recht op vrijheid van meningsuiting en informatie (uitzondering van ${provision}).`,
    legal_obligation: (provision) => `Wij zijn wettelijk verplicht de gegevens te bewaren (uitzondering van ${provision}).`,
    public_health: (provision) =>
      `Het bewaren van de gegevens is noodzakelijk om redenen van algemeen belang op het gebied van de volksgezondheid (uitzondering van ${provision}).`,
    archiving_research: (provision) =>
      `Het bewaren van de gegevens is noodzakelijk met het oog op archivering in het algemeen belang, wetenschappelijk of historisch onderzoek of statistische doeleinden (uitzondering van ${provision}).`,
    legal_claims: (provision) =>
      `Het bewaren van de gegevens is noodzakelijk voor de instelling, uitoefening of onderbouwing van een rechtsvordering (uitzondering van ${provision}).`,
    rights_of_others: (provision) => `Het verstrekken van deze gegevens zou afbreuk doen aan de rechten en vrijheden van anderen (${provision}).`,
    compelling_grounds: (provision) =>
      `Wij hebben dwingende gerechtvaardigde gronden voor de verwerking die zwaarder wegen dan uw belangen, rechten en vrijheden, of de verwerking is nodig voor de instelling, uitoefening of onderbouwing van een rechtsvordering (${provision}).`,
  },
  rightDecision: (right, article, decision) => `${right} (${article}): ${decision}.`,
  facts: (facts) => `De feiten waarop wij dit besluit baseren: ${facts}`,
  late: {
    refusalDeadline: 'Termijn voor een weigering',
    decidedOn: 'Datum van ons besluit',
    apology: `Wij hadden u binnen een maand na ontvangst van uw verzoek moeten laten weten wat wij weigeren en waarom (${cite('Art. 12(4)')}). Dit besluit bereikt u na die termijn; wij bieden u daarvoor onze excuses aan.`,
  },
  leftOut: (stores) => `Wat wij niet verstrekken: ${stores}.`,
  kept: (stores) => `Wat wij bewaren: ${stores}.`,
  keptUntil: (until) =>
    `Wij verwachten dat deze uitzondering van toepassing blijft tot en met ${until}. Wij gebruiken deze gegevens uitsluitend voor dit doel. Na die datum kunt u ons opnieuw verzoeken ze te wissen.`,
};
