import { openApiDocument } from '../core/intake/openapi.js';
import { httpHandler } from '../shared/http/handler.js';
import { json } from '../shared/http/response.js';
import { lambdaEntry } from '../shared/lambda-entry.js';

/** `GET /v1/openapi.json`: the API description, generated from the handlers' own schemas. */
export function createHandler(_env: Record<string, string>) {
  const document = openApiDocument();
  // Public and the same for everyone: caches may keep it for an hour.
  return httpHandler('openapi', async () => json(200, document, { 'cache-control': 'public, max-age=3600' }));
}

export const handler = lambdaEntry(createHandler);
