import * as z from 'zod';
import { defineFunction, variable } from '../shared/contract.js';

/** The access package's download link (functions/downloads). */
export const downloadsContract = defineFunction({
  entry: 'downloads',
  environment: z.object({
    REQUESTS_TABLE: variable.text(),
    /** The bucket of the access packages, which the link's visit presigns a GET of. */
    EXPORT_BUCKET: variable.text(),
  }),
});
