import * as z from 'zod';
import { defineFunction } from '../shared/contract.js';

/** The public API's description, `GET /v1/openapi.json` (functions/openapi): it reads no environment. */
export const openApiContract = defineFunction({ entry: 'openapi', environment: z.object({}) });
