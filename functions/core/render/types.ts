import type { Locale, Localized } from '../inventory/types.js';

export type { Locale, Localized };

/** A calendar date `YYYY-MM-DD` (an Amsterdam date such as a deadline); shown unshifted. */
export type IsoDate = string;
/** An instant with `Z` or an offset, e.g. `2026-06-14T22:15:00Z`; shown in Amsterdam time. */
export type IsoInstant = string;

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Every email to the data subject names its request and is in the request's language. */
export interface SubjectEmailBase {
  requestId: string;
  locale: Locale;
}

/**
 * Fields that would identify the data subject. Privacy-team emails carry only the request
 * id, types, dates and a console link, so their inputs refuse these names at compile time
 * (passing a whole request record fails to type-check); the renderers also read only their
 * own fields and remove anything that looks like an email address from what they show.
 */
export interface NoSubjectIdentity {
  email?: never;
  contactEmail?: never;
  requesterEmail?: never;
  subjectEmail?: never;
  accountEmail?: never;
  name?: never;
  displayName?: never;
  subject?: never;
  accountId?: never;
}

export interface TeamEmailBase extends NoSubjectIdentity {
  requestId: string;
  /** The privacy team's language. */
  locale: Locale;
  /** Link to the request in the privacy console. */
  consoleUrl: string;
}

/** Items found (or erased) in one store of the inventory. */
export interface StoreCount {
  storeId: string;
  itemCount: number;
}
