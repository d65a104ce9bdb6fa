import type { Texts } from '../en/index.js';
import { privacyLink } from '../../layout.js';

export const minorErasureNotice: Texts['minorErasureNotice'] = {
  subject: (reference) => `Wij hebben uw Kiara-account verwijderd (${reference})`,
  title: 'Wij hebben uw Kiara-account verwijderd',
  why: 'Wij hebben vernomen dat dit account van iemand onder de 18 jaar is. Kiara is niet bedoeld voor mensen onder de 18. Volgens ons privacybeleid verwijderen wij hun gegevens zodra wij dat weten. Daarom hebben wij uw account en de gegevens die erbij horen verwijderd.',
  deletedHeading: 'Wat wij hebben verwijderd',
  nothingFound: 'Wij hebben geen gegevens gevonden.',
  keptHeading: 'Wat wij moesten bewaren',
  kept: (store, until, exception, reason) => `${store}, tot en met ${until} (uitzondering: ${exception}). ${reason}`,
  afterDate: 'Na die datum is de uitzondering niet meer van toepassing; u kunt ons dan verzoeken ook deze gegevens te verwijderen.',
  question: ['Bent u 18 jaar of ouder, of heeft u een vraag? Neem dan contact met ons op via ', privacyLink(), '.'],
};
