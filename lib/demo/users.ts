import type { Locale } from '../../functions/core/inventory/index.js';

export interface DemoUser {
  accountId: string;
  /** As the person typed it at sign-up; the account store also keeps it normalised. */
  email: string;
  displayName: string;
  locale: Locale;
  /** When the account was opened. */
  createdAt: string;
}

/** Fixed demo people for the local runtime, the tests and the benchmark. */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    accountId: 'acct_01j9ada7c3f9',
    email: 'ada@example.com',
    displayName: 'Ada Lovelace',
    locale: 'en',
    createdAt: '2024-03-11T09:14:00.000Z',
  },
  {
    accountId: 'acct_01j9bram4d1c',
    email: 'bram@example.nl',
    displayName: 'Bram de Vries',
    locale: 'nl',
    createdAt: '2024-08-02T16:40:00.000Z',
  },
];
