import * as z from 'zod';
import { defineFunction, variable } from '../../shared/contract.js';

/** The workflow's Restrict step (Art. 18): marks the subject's data and keeps the hold until lifted. */
export const restrictContract = defineFunction({
  entry: 'workflow/restrict',
  environment: z.object({
    REQUESTS_TABLE: variable.text(),
    /** Kiara's account table: the restriction attribute goes on the account's items. */
    ACCOUNT_TABLE: variable.text(),
    /** Kiara's media bucket: the restriction tag goes on the account's objects. */
    MEDIA_BUCKET: variable.text(),
    /** The export bucket: the hold moves from work/ to restricted/. */
    EXPORT_BUCKET: variable.text(),
    /** Objects per invocation: media tagged, then files of the hold copied; the workflow calls the step again while more are left. */
    MEDIA_PAGE_SIZE: variable.count(),
  }),
});

/** The step's input from the state machine: ids, and where the work resumes ('' = the start). */
export interface RestrictEvent {
  requestId: string;
  cursor: string;
}

/** What the workflow loops on: another invocation from `cursor` until `done`. */
export interface RestrictResult {
  cursor: string;
  done: boolean;
}
