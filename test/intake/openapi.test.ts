import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gatewayModelSchema, openApiDocument } from '../../functions/core/intake/openapi.js';
import { intakeBodySchema } from '../../functions/core/intake/schema.js';

describe('OpenAPI document', () => {
  const committed = readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8');

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
