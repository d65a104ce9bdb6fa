/**
 * Types of the data inventory: Kiara's record of processing, the one source of truth
 * from which the stack builds its per-store Lambdas, the workflow plans its fan-out,
 * the access package explains itself (Art. 15(1)) and the README's store table is made.
 */

/** The languages every text a person receives is written in. */
export const LOCALES = ['en', 'nl'] as const;
export type Locale = (typeof LOCALES)[number];
export type Localized = Record<Locale, string>;

/** The rights of GDPR Art. 15-21 and 7(3) that Kiara's policy promises. */
export const RIGHTS = [
  'access',
  'portability',
  'erasure',
  'rectification',
  'restriction',
  'objection',
  'withdraw_consent',
] as const;
export type Right = (typeof RIGHTS)[number];

export interface LegalBasis {
  /** e.g. "Art. 6(1)(b)". */
  article: string;
  label: Localized;
}

export interface Purpose {
  description: Localized;
  legalBasis: LegalBasis;
}

/** A processor (Art. 4(9) recipient) that receives data of a store; named for Art. 15(1)(c). */
export interface Recipient {
  id: string;
  category: Localized;
  /** The named recipient. Deployments set their own processors in `recipients.ts`. */
  name: string;
}

export interface Retention {
  description: Localized;
  /** Fixed period where the policy states one; absent = while the account is active. */
  days?: number;
}

/** Where a person's data sits and how a connector finds it. */
export type StoreLocation =
  | {
      kind: 'dynamodb';
      /** Partition key attribute holding the Kiara account id. */
      partitionKey: 'accountId';
      /** Sort key attribute; every demo table has one so a person's items page in order. */
      sortKey: 'sk';
      /** Attribute with an epoch-seconds expiry where the store ages data out (TTL). */
      ttlAttribute?: string;
      /** GSI on `email` that resolves a verified email address to the account (account store only). */
      emailIndex?: string;
      /**
       * GSI on `emailNormalized` (the address trimmed and lower-cased, see `normalizeEmail`),
       * which finds an account whatever the case of its stored `email` (account store only).
       */
      normalizedEmailIndex?: string;
      /**
       * Sort key of the one item of an account whose `rectifiable` attributes a correction
       * writes (the account's profile); absent = corrections here are done by hand.
       */
      rectifiableItem?: string;
    }
  | {
      kind: 's3';
      /** Objects of one account live under `${keyPrefix}{accountId}/`. */
      keyPrefix: string;
      /** Lifecycle expiry of the objects, in days. */
      expireAfterDays?: number;
    };

/** What erasure (Art. 17) does in a store. */
export type ErasureRule =
  | { action: 'delete' }
  | {
      action: 'retain';
      /** The Art. 17(3) exemption that applies. */
      exemption: string;
      reason: Localized;
      /** Kept until this many years after the date in `dateAttribute` of each item. */
      retainYears: number;
      dateAttribute: string;
      /**
       * Where the years count from: the item's date, or the end of the financial year it
       * falls in (art. 52 AWR: invoices; Kiara's financial year is the calendar year).
       * @default 'item_date'
       */
      countFrom?: 'item_date' | 'end_of_financial_year';
    };

export interface StoreDefinition {
  /** Stable id: names the Lambda, the state machine branch and the export files. */
  id: string;
  title: Localized;
  /** Personal data categories held (policy §2). */
  categories: Localized;
  purposes: Purpose[];
  retention: Retention;
  recipients: Recipient[];
  /** Art. 15(1)(g): where the data came from. */
  /** Where the data came from (Art. 15(1)(g)); `payment_processor`: received from it (policy §4). */
  source: 'provided' | 'observed' | 'derived' | 'payment_processor';
  /** Art. 20 covers data the person provided or that was observed. */
  portable: boolean;
  location: StoreLocation;
  erasure: ErasureRule;
  /** Attributes a rectification (Art. 16) may change; empty = nothing rectifiable here. */
  rectifiable: string[];
  /** Processing under Art. 6(1)(f) that an objection (Art. 21) stops. */
  objectionStops?: Localized;
}
