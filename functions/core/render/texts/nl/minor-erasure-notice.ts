import type { Texts } from '../en/index.js';
import { privacyLink } from '../../layout.js';

export const minorErasureNotice: Texts['minorErasureNotice'] = {
  subject: (reference) => `We hebben uw Kiara-account verwijderd (${reference})`,
  title: 'We hebben uw Kiara-account verwijderd',
  why: 'We hebben vernomen dat dit account van iemand onder de 18 jaar is. Kiara is niet bedoeld voor mensen onder de 18, en ons privacybeleid zegt dat we hun gegevens verwijderen zodra we dat weten. Daarom hebben we uw account en de gegevens die erbij horen verwijderd.',
  deletedHeading: 'Wat we hebben verwijderd',
  nothingFound: 'We hebben geen gegevens gevonden.',
  keptHeading: 'Wat we moesten bewaren',
  kept: (store, until) => `${store}: de wet verplicht ons die te bewaren tot uiterlijk ${until}.`,
  question: ['Bent u 18 jaar of ouder, of heeft u een vraag? Mail ons via ', privacyLink(), '.'],
};
