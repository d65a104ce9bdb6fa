import * as z from 'zod';
import { errorSchema, intakeAcceptedSchema, resendAcceptedSchema } from './responses.js';
import { CHANNELS, intakeBodySchema, MAX_BODY_BYTES } from './schema.js';
import { SIGNATURE_TOLERANCE_SECONDS } from './signature.js';

type Json = Record<string, unknown>;

/** A schema as OpenAPI 3.1 embeds it (JSON Schema 2020-12, without `$schema`). */
function component(schema: z.ZodType): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as Json;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (name: string, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});
const htmlPage = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
const error = (description: string) => jsonBody('Error', description);
/** Public routes: no credentials; what protects each is in its description. */
const PUBLIC: Json = { security: [] };
const THROTTLED = error('`throttled`: over the API\'s request rate; see Retry-After.');
/** AWS still failing after the SDK's own retries (functions/shared/http/handler.ts). */
const UNAVAILABLE = error('`service_unavailable`: a transient AWS fault outlasted the retries. Try again after Retry-After; an intake call repeated with the same Idempotency-Key gives one request.');

const SIGNATURE_HELP = `HMAC-SHA256 of \`<t>.<raw body>\` with a webhook secret, as \`t=<unix seconds>,v1=<hex>\`. Refused when \`t\` is more than ${SIGNATURE_TOLERANCE_SECONDS} seconds from now; any active secret is accepted (two during a rotation).`;

/**
 * The public API's OpenAPI 3.1 document, generated from the zod schemas the handlers
 * validate and answer with. `npm run openapi` writes it to docs/openapi.json and
 * `GET /v1/openapi.json` serves it; a test keeps the committed copy equal to this.
 */
export function openApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kiara data-subject requests',
      version: '1.0.0',
      description:
        'File a GDPR data-subject request (the signed intake webhook) and confirm the requester’s email address. No response reveals whether an email address belongs to a Kiara account.',
    },
    servers: [
      {
        url: 'https://{restApiId}.execute-api.{region}.amazonaws.com/{stage}',
        description: 'A deployment on AWS: the stack output ApiUrl gives the whole URL.',
        variables: {
          restApiId: { default: 'restApiId', description: 'The REST API id, the first label of the ApiUrl output.' },
          region: { default: 'eu-west-1', description: 'The region the stack is deployed to.' },
          stage: { default: 'prod', description: 'The API stage.' },
        },
      },
      {
        url: 'http://localhost:{port}',
        description: 'The local runtime (npm start).',
        variables: { port: { default: '3000', description: 'PORT of npm start.' } },
      },
    ],
    paths: {
      '/v1/requests': {
        post: {
          operationId: 'fileRequest',
          summary: 'File a data-subject request',
          description: `Channels: ${CHANNELS.join(', ')}. At most ${MAX_BODY_BYTES} bytes. Nothing is stored and no workflow starts unless the answer is 202.`,
          security: [{ webhookSignature: [] }],
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description:
                'Repeats with the same key and body (without a key: the same body) within 24 hours get the first answer; the same key with another body is refused (422).',
              schema: { type: 'string', minLength: 1, maxLength: 255 },
            },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: ref('IntakeRequest') } } },
          responses: {
            '202': jsonBody('IntakeAccepted', 'Accepted: the request is on record and its workflow runs.'),
            '400': error('`invalid_json`, `validation_failed` (with `fields[]`), `invalid_idempotency_key`.'),
            '401': error('`missing_signature`, `malformed_signature`, `signature_expired`, `invalid_signature`.'),
            '413': error('`payload_too_large`.'),
            '415': error('`unsupported_media_type`: send application/json.'),
            '422': error('`idempotency_key_reused`: the key was used with another body within 24 hours; nothing is stored.'),
            '429': error('`throttled` (API limits) or `rate_limited` (too many new requests for one address); see Retry-After.'),
            '503': UNAVAILABLE,
          },
        },
      },
      '/v1/requests/{requestId}/resend-verification': {
        post: {
          operationId: 'resendVerification',
          summary: 'Email a new identity link to the address the request was filed with',
          description: 'Public: the answer is the same whatever the id, and the link goes only to the address the request was filed with.',
          ...PUBLIC,
          parameters: [{ name: 'requestId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '202': jsonBody('ResendAccepted', 'The same answer whatever the id; at most 3 links a day are sent.'),
            '429': THROTTLED,
            '503': UNAVAILABLE,
          },
        },
      },
      '/v1/verify/{token}': {
        parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          operationId: 'showVerification',
          summary: 'The identity link’s page; opening it confirms nothing',
          description: 'Public: the random token from the acknowledgement email is the credential.',
          ...PUBLIC,
          responses: {
            '200': htmlPage('A page with one button, whose POST confirms.'),
            '404': htmlPage('Unknown link.'),
            '409': htmlPage('Already confirmed.'),
            '410': htmlPage('Expired.'),
            '429': htmlPage('Locked after too many failed attempts; see Retry-After.'),
            '503': UNAVAILABLE,
          },
        },
        post: {
          operationId: 'confirmVerification',
          summary: 'Confirm the email address, once',
          description: 'Public: the random token from the acknowledgement email is the credential.',
          ...PUBLIC,
          responses: {
            '200': htmlPage('Confirmed.'),
            '403': error('`origin_mismatch`: a browser sent it from a page other than the identity page (its `Origin` is not the API’s); nothing is confirmed.'),
            '404': htmlPage('Unknown link.'),
            '409': htmlPage('Already confirmed.'),
            '410': htmlPage('Expired.'),
            '429': htmlPage('Locked after too many failed attempts; see Retry-After.'),
            '503': UNAVAILABLE,
          },
        },
      },
      '/v1/downloads/{token}': {
        get: {
          operationId: 'downloadPackage',
          summary: 'The download link of an access reply',
          description:
            'Public: the random token from the reply email is the credential. Each visit redirects to a fresh, short-lived S3 link to the ZIP package, so the emailed link never carries AWS credentials.',
          ...PUBLIC,
          parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '302': {
              description: 'Redirect to the package.',
              headers: { Location: { description: 'A presigned S3 URL of the ZIP package.', schema: { type: 'string', format: 'uri' } } },
            },
            '410': htmlPage('Unknown or expired link: a page that says what to do.'),
            '429': THROTTLED,
            '503': UNAVAILABLE,
          },
        },
      },
      '/v1/openapi.json': {
        get: {
          operationId: 'openApi',
          summary: 'This document',
          ...PUBLIC,
          responses: {
            '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } },
            '429': THROTTLED,
            '503': UNAVAILABLE,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        webhookSignature: { type: 'apiKey', in: 'header', name: 'X-Dsr-Signature', description: SIGNATURE_HELP },
      },
      schemas: {
        IntakeRequest: component(intakeBodySchema),
        IntakeAccepted: component(intakeAcceptedSchema),
        ResendAccepted: component(resendAcceptedSchema),
        Error: component(errorSchema),
      },
    },
  };
}

/**
 * The intake body as an API Gateway model (JSON Schema draft 4), from the same schema.
 * `pattern` and `format` are left to the handler: API Gateway's validator implements
 * them with other regular-expression rules, and must never refuse what the handler takes.
 */
export function gatewayModelSchema(): Json {
  const dropped = new Set(['pattern', 'format', 'examples', '$schema']);
  const strip = (schema: unknown): unknown => {
    if (Array.isArray(schema)) return schema.map(strip);
    if (typeof schema !== 'object' || schema === null) return schema;
    return Object.fromEntries(
      Object.entries(schema)
        .filter(([key]) => !dropped.has(key))
        // Under `properties` the keys are field names, not keywords: keep them all.
        .map(([key, inner]) => [
          key,
          key === 'properties'
            ? Object.fromEntries(Object.entries(inner as Json).map(([name, field]) => [name, strip(field)]))
            : strip(inner),
        ]),
    );
  };
  return strip(z.toJSONSchema(intakeBodySchema, { io: 'input', target: 'draft-04' })) as Json;
}
