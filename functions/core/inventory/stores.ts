import { PURPOSES, RECIPIENTS } from './recipients.js';
import type { StoreDefinition } from './types.js';

const DELETE = { action: 'delete' } as const;
const DYNAMODB = { kind: 'dynamodb', partitionKey: 'accountId', sortKey: 'sk' } as const;
const WHILE_ACTIVE = {
  description: {
    en: 'While the account is active; deleted or anonymised after closure',
    nl: 'Zolang het account actief is; verwijderd of geanonimiseerd na opheffing',
  },
};

/**
 * Kiara's stores as its privacy policy (§2-§6) describes them. Adding a store is one
 * entry here; the stack, the workflow's fan-out and the access package follow from it.
 */
export const STORES = [
  {
    id: 'account',
    title: { en: 'Account', nl: 'Account' },
    categories: {
      en: 'Email address you signed up with, basic account settings',
      nl: 'E-mailadres waarmee u zich aanmeldde, basisinstellingen van het account',
    },
    purposes: [PURPOSES.provideService, PURPOSES.statutoryDuties],
    retention: WHILE_ACTIVE,
    recipients: [RECIPIENTS.hosting, RECIPIENTS.email],
    source: 'provided',
    portable: true,
    location: { ...DYNAMODB, emailIndex: 'byEmail', normalizedEmailIndex: 'byEmailNormalized', rectifiableItem: 'profile' },
    erasure: DELETE,
    rectifiable: ['email', 'displayName', 'locale', 'marketingEmails'],
  },
  {
    id: 'api-keys',
    title: { en: 'API keys', nl: 'API-sleutels' },
    categories: {
      en: 'API key ids, names, creation and last-use times (keys are stored hashed)',
      nl: 'API-sleutel-id’s, namen, aanmaak- en laatste gebruikstijden (sleutels gehasht opgeslagen)',
    },
    purposes: [PURPOSES.provideService],
    retention: WHILE_ACTIVE,
    recipients: [RECIPIENTS.hosting],
    source: 'provided',
    portable: true,
    location: DYNAMODB,
    erasure: DELETE,
    rectifiable: ['name'],
  },
  {
    id: 'usage-logs',
    title: { en: 'API usage and request logs', nl: 'API-gebruik en logboeken van API-aanroepen' },
    categories: {
      en: 'Per call: method, path, response code, latency, API key id, IP address, user agent',
      nl: 'Per aanroep: methode, pad, responscode, latentie, API-sleutel-id, IP-adres, user agent',
    },
    purposes: [PURPOSES.provideService, PURPOSES.secureService],
    retention: {
      description: { en: 'Up to 30 days, then aged out', nl: 'Tot 30 dagen, daarna verwijderd' },
      days: 30,
    },
    recipients: [RECIPIENTS.hosting],
    source: 'observed',
    portable: true,
    location: { ...DYNAMODB, ttlAttribute: 'expiresAt' },
    erasure: DELETE,
    rectifiable: [],
    objectionStops: {
      en: 'Use of your request logs for reliability analysis',
      nl: 'Gebruik van de logboeken van uw API-aanroepen voor betrouwbaarheidsanalyse',
    },
  },
  {
    id: 'invoices',
    title: { en: 'Payment and invoice metadata', nl: 'Betaal- en factuurgegevens' },
    categories: {
      en: 'Invoice identifier and the credit amount applied to your balance',
      nl: 'Factuurnummer en het tegoedbedrag dat aan uw saldo is toegevoegd',
    },
    purposes: [PURPOSES.provideService, PURPOSES.statutoryDuties],
    retention: {
      description: {
        en: 'Seven years, as Dutch accounting and tax law requires',
        nl: 'Zeven jaar, zoals de Nederlandse boekhoud- en belastingwetgeving vereist',
      },
      days: 7 * 365,
    },
    recipients: [RECIPIENTS.hosting, RECIPIENTS.payments],
    source: 'payment_processor',
    portable: false,
    location: DYNAMODB,
    erasure: {
      action: 'retain',
      exemption: 'Art. 17(3)(b) GDPR',
      reason: {
        en: 'Kept for the seven-year retention period of Dutch tax law (art. 52 AWR), counted from the end of the financial year of the invoice, and used only for that',
        nl: 'Bewaard gedurende de fiscale bewaartermijn van zeven jaar (artikel 52 AWR), gerekend vanaf het einde van het boekjaar van de factuur, en uitsluitend daarvoor gebruikt',
      },
      retainYears: 7,
      dateAttribute: 'issuedAt',
      countFrom: 'end_of_financial_year',
    },
    rectifiable: [],
  },
  {
    id: 'credit-balance',
    title: { en: 'Credit balance', nl: 'Tegoedsaldo' },
    categories: { en: 'Your current credit balance', nl: 'Uw huidige tegoedsaldo' },
    purposes: [PURPOSES.provideService],
    retention: WHILE_ACTIVE,
    recipients: [RECIPIENTS.hosting],
    source: 'derived',
    portable: false,
    location: DYNAMODB,
    erasure: DELETE,
    rectifiable: [],
  },
  {
    id: 'generations',
    title: { en: 'Prompts and generation metadata', nl: 'Prompts en generatiemetadata' },
    categories: {
      en: 'The prompts you submitted and the metadata of each generation',
      nl: 'De prompts die u indiende en de metadata van elke generatie',
    },
    purposes: [PURPOSES.provideService],
    retention: {
      description: { en: 'Up to 90 days', nl: 'Tot 90 dagen' },
      days: 90,
    },
    recipients: [RECIPIENTS.hosting, RECIPIENTS.aiCompute],
    source: 'provided',
    portable: true,
    location: { ...DYNAMODB, ttlAttribute: 'expiresAt' },
    erasure: DELETE,
    rectifiable: [],
  },
  {
    id: 'media',
    title: { en: 'Uploaded inputs and generated assets', nl: 'Geüploade invoer en gegenereerde bestanden' },
    categories: {
      en: 'Images and files you uploaded as inputs, and the assets generated for you',
      nl: 'Afbeeldingen en bestanden die u als invoer heeft geüpload, en de bestanden die voor u zijn gegenereerd',
    },
    purposes: [PURPOSES.provideService],
    retention: {
      description: {
        en: 'Up to 90 days on object storage (asset lifecycle)',
        nl: 'Ten hoogste 90 dagen in de objectopslag, waarna de bestanden automatisch worden verwijderd',
      },
      days: 90,
    },
    recipients: [RECIPIENTS.hosting, RECIPIENTS.aiCompute],
    source: 'provided',
    portable: true,
    location: { kind: 's3', keyPrefix: 'accounts/', expireAfterDays: 90 },
    erasure: DELETE,
    rectifiable: [],
  },
  {
    id: 'security-events',
    title: { en: 'Security and device data', nl: 'Beveiligings- en apparaatgegevens' },
    categories: {
      en: 'IP addresses and device/browser information of sign-ins and security events',
      nl: 'IP-adressen en apparaat-/browsergegevens van aanmeldingen en beveiligingsgebeurtenissen',
    },
    purposes: [PURPOSES.secureService],
    retention: {
      description: { en: 'Up to 30 days, then aged out', nl: 'Tot 30 dagen, daarna verwijderd' },
      days: 30,
    },
    recipients: [RECIPIENTS.hosting],
    source: 'observed',
    portable: false,
    location: { ...DYNAMODB, ttlAttribute: 'expiresAt' },
    erasure: DELETE,
    rectifiable: [],
    objectionStops: {
      en: 'Use of your device data for abuse and fraud analysis beyond securing your own sign-ins',
      nl: 'Gebruik van uw apparaatgegevens voor misbruik- en fraudeanalyse buiten de beveiliging van uw eigen aanmeldingen',
    },
  },
  {
    id: 'support',
    title: { en: 'Support communications', nl: 'Supportcommunicatie' },
    categories: {
      en: 'The content of support requests and other messages you sent us',
      nl: 'De inhoud van supportverzoeken en andere berichten die u ons stuurde',
    },
    purposes: [PURPOSES.provideService],
    retention: {
      description: {
        en: 'As long as needed to handle the request and a reasonable period thereafter',
        nl: 'Zolang nodig om het verzoek af te handelen en een redelijke periode daarna',
      },
    },
    recipients: [RECIPIENTS.hosting, RECIPIENTS.email],
    source: 'provided',
    portable: true,
    location: DYNAMODB,
    erasure: DELETE,
    rectifiable: [],
  },
] as const satisfies readonly StoreDefinition[];

export type StoreId = (typeof STORES)[number]['id'];

export function storeById(id: string): StoreDefinition {
  const store = STORES.find((candidate) => candidate.id === id);
  if (!store) throw new Error(`Unknown store "${id}"`);
  return store;
}
