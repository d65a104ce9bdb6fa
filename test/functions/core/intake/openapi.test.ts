import { createConfig, lint } from '@redocly/openapi-core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gatewayModelSchema, openApiDocument } from '../../../../functions/core/intake/openapi.js';
import { intakeBodySchema } from '../../../../functions/core/intake/schema.js';
import { synthStack } from '../../../infra/synth.js';

describe('OpenAPI document', () => {
  const committed = readFileSync(new URL('../../../../docs/openapi.json', import.meta.url), 'utf8');

  it('is committed as generated from the schemas (run `npm run openapi`)', () => {
    expect(committed).toBe(`${JSON.stringify(openApiDocument(), null, 2)}\n`);
  });

  it('describes the intake body with every field the schema knows', () => {
    const body = (openApiDocument() as any).components.schemas.IntakeRequest;
    expect(Object.keys(body.properties).sort()).toEqual(Object.keys(intakeBodySchema.in.shape).sort());
    expect(body).toMatchObject({ required: ['email'], additionalProperties: false });
  });

  it('gives API Gateway the same structure in draft 4, leaving formats to the handler', () => {
    const model = gatewayModelSchema() as any;
    expect(model.$schema).toBeUndefined();
    expect(Object.keys(model.properties)).toEqual(Object.keys(intakeBodySchema.in.shape));
    expect(JSON.stringify(model)).not.toMatch(/"(pattern|format)"/);
    expect(model.properties.email).toMatchObject({ type: 'string', maxLength: 254 });
  });
});

/**
 * `redocly lint` with the recommended rules, through @redocly/openapi-core. Warnings that do
 * not apply are listed here by rule and place, each with its reason; anything else fails.
 */
const ACKNOWLEDGED_WARNINGS: Record<string, string> = {
  'info-license #/info': 'The API is not offered under a licence; the document names none rather than invent one.',
  'no-server-example.com #/servers/1/url': 'The second server is the local runtime of npm start, documented on purpose.',
  'operation-2xx-response #/paths/~1v1~1downloads~1{token}/get/responses': 'A download answers 302 to a fresh S3 link by design; there is no 2xx.',
};

describe('OpenAPI lint (Redocly, recommended rules)', () => {
  it('finds no error, and no warning other than those acknowledged', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lint({ ref: fileURLToPath(new URL('../../../../docs/openapi.json', import.meta.url)), config });
    const found = problems.map((problem) => `${problem.severity} ${problem.ruleId} ${problem.location[0]?.pointer}: ${problem.message}`);
    const unacknowledged = problems.filter(
      (problem) => problem.severity !== 'warn' || !ACKNOWLEDGED_WARNINGS[`${problem.ruleId} ${problem.location[0]?.pointer}`],
    );
    expect(unacknowledged.map((problem) => `${problem.severity} ${problem.ruleId} ${problem.location[0]?.pointer}: ${problem.message}`), found.join('\n')).toEqual([]);
  });
});

/** The route's path in the template: its resource's path parts up to the API's root. */
function routePath(resources: Record<string, any>, resourceRef: any): string {
  const parts: string[] = [];
  for (let ref = resourceRef; ref?.Ref; ref = resources[ref.Ref].Properties.ParentId) parts.unshift(resources[ref.Ref].Properties.PathPart);
  return `/${parts.join('/')}`;
}

describe('OpenAPI document and the deployed API', () => {
  const resources = synthStack().template.toJSON().Resources as Record<string, any>;
  const methods = Object.values(resources).filter((resource) => resource.Type === 'AWS::ApiGateway::Method' && resource.Properties.HttpMethod !== 'OPTIONS');
  const document = openApiDocument() as any;

  it('documents every public route of the API Gateway, each with security: []', () => {
    const publicRoutes = methods.filter((method) => method.Properties.AuthorizationType === 'NONE');
    expect(publicRoutes.length).toBeGreaterThan(0);
    for (const method of publicRoutes) {
      const route = `${method.Properties.HttpMethod} ${routePath(resources, method.Properties.ResourceId)}`;
      const operation = document.paths[routePath(resources, method.Properties.ResourceId)]?.[method.Properties.HttpMethod.toLowerCase()];
      expect(operation, `${route} is not in the OpenAPI document`).toBeDefined();
      // The intake is public too, but signed: its security names the webhook signature.
      if (route !== 'POST /v1/requests') expect(operation.security, route).toEqual([]);
    }
  });

  it('documents no admin route (they need a privacy-team session)', () => {
    expect(Object.keys(document.paths).filter((route) => route.startsWith('/admin'))).toEqual([]);
  });
});
