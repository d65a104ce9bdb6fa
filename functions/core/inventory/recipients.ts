import type { LegalBasis, Purpose, Recipient } from './types.js';

/**
 * Names that are obviously fictitious, for the demo stack and the local runtime. A
 * deployment on Kiara's own stores (`existingStores`) must name these recipients in the
 * `recipientNames` setting, or the synth fails (`missingRecipientNames`).
 */
export const DEMO_RECIPIENT_NAMES: Readonly<Record<string, string>> = {
  payments: 'Demo Payments B.V.',
  'ai-compute': 'Demo AI Compute B.V.',
};

/**
 * Kiara's processors (policy §4). The policy discloses categories; Art. 15(1)(c) answers
 * name the recipients: the hosting and email provider are the AWS entity this stack runs
 * on; the others carry demo names here, and a deployment names them in `recipientNames`.
 */
export const RECIPIENTS = {
  hosting: {
    id: 'hosting',
    category: { en: 'Cloud hosting & CDN', nl: 'Cloudhosting & CDN' },
    name: 'Amazon Web Services EMEA SARL',
  },
  payments: {
    id: 'payments',
    category: { en: 'Payment processor', nl: 'Betaalverwerker' },
    name: DEMO_RECIPIENT_NAMES.payments!,
  },
  aiCompute: {
    id: 'ai-compute',
    category: { en: 'AI compute providers', nl: 'Aanbieders van rekenkracht voor AI-modellen' },
    name: DEMO_RECIPIENT_NAMES['ai-compute']!,
  },
  email: {
    id: 'email',
    category: { en: 'Email / communications provider', nl: 'Aanbieder van e-mail- en communicatiediensten' },
    name: 'Amazon Web Services EMEA SARL (Amazon SES)',
  },
} satisfies Record<string, Recipient>;

const CONTRACT: LegalBasis = {
  article: 'Art. 6(1)(b)',
  label: { en: 'Performance of a contract', nl: 'Uitvoering van een overeenkomst' },
};
const LEGITIMATE_INTERESTS: LegalBasis = {
  article: 'Art. 6(1)(f)',
  label: { en: 'Legitimate interests', nl: 'Gerechtvaardigd belang' },
};
const LEGAL_OBLIGATION: LegalBasis = {
  article: 'Art. 6(1)(c)',
  label: { en: 'Legal obligation', nl: 'Wettelijke verplichting' },
};

/** The purposes of the policy's §3 table. */
export const PURPOSES = {
  provideService: {
    description: {
      en: 'Provide the Service: accounts, API keys, generations, credits and support',
      nl: 'De Dienst leveren: accounts, API-sleutels, generaties, tegoed en support',
    },
    legalBasis: CONTRACT,
  },
  secureService: {
    description: {
      en: 'Secure the Service, prevent abuse and fraud, keep request logs, improve reliability',
      nl: 'De Dienst beveiligen, misbruik en fraude voorkomen, logboeken van API-aanroepen bijhouden, betrouwbaarheid verbeteren',
    },
    legalBasis: LEGITIMATE_INTERESTS,
  },
  statutoryDuties: {
    description: {
      en: 'Comply with accounting, tax (VAT/BTW) and other statutory duties',
      nl: 'Voldoen aan boekhoudkundige, fiscale (btw) en andere wettelijke plichten',
    },
    legalBasis: LEGAL_OBLIGATION,
  },
} satisfies Record<string, Purpose>;
