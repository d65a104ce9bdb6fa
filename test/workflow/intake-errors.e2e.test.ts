import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPayload } from '../../functions/core/intake/signature.js';
import { documentClient } from '../../functions/shared/aws-clients.js';
import { client, onLocalStack, startEmbedded, type DsrTarget } from './target.js';

let target: DsrTarget;
beforeAll(async () => {
  target = await startEmbedded({ seed: false });
});
afterAll(async () => target?.stop());

const post = (raw: string, headers: Record<string, string>) =>
  client(target).call('/v1/requests', { method: 'POST', headers, body: raw });
const signed = (raw: string, secret = target.webhookSecret, at = Math.floor(Date.now() / 1000)) => ({
  'content-type': 'application/json',
  'x-dsr-signature': signPayload(secret, raw, at),
});

async function nothingStored() {
  const { Items } = await documentClient().send(new ScanCommand({ TableName: target.local!.resources.requestsTable }));
  expect(Items ?? []).toEqual([]);
  const { executions } = target.local!.runtime.stepFunctions.listExecutions({
    stateMachineArn: target.local!.resources.workflowArn,
  });
  expect(executions).toHaveLength(0);
}

// Embedded only: "stores nothing" is checked on a fresh, empty requests table.
describe.skipIf(onLocalStack)('intake refuses bad deliveries with a specific code and stores nothing', () => {
  const good = JSON.stringify({ type: 'access', email: 'ada@example.com' });

  it.each([
    ['no signature', good, { 'content-type': 'application/json' }, 401, 'missing_signature'],
    ['a wrong secret', good, () => signed(good, 'not-the-secret'), 401, 'invalid_signature'],
    ['an expired signature', good, () => signed(good, undefined, Math.floor(Date.now() / 1000) - 600), 401, 'signature_expired'],
    ['a wrong content type', good, () => ({ ...signed(good), 'content-type': 'text/plain' }), 415, 'unsupported_media_type'],
    ['bad JSON', '{"type":', () => signed('{"type":'), 400, 'invalid_json'],
    ['an unknown type', '{"type":"nope","email":"a@b.nl"}', () => signed('{"type":"nope","email":"a@b.nl"}'), 400, 'validation_failed'],
    ['a bad email', '{"type":"access","email":"x"}', () => signed('{"type":"access","email":"x"}'), 400, 'validation_failed'],
  ])('%s', async (_why, raw, headers, status, code) => {
    const response = await post(raw, typeof headers === 'function' ? headers() : headers);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    await nothingStored();
  });

  it('a body over 64 KB', async () => {
    const raw = JSON.stringify({ type: 'access', email: 'ada@example.com', details: 'x'.repeat(70_000) });
    const response = await post(raw, signed(raw));
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
    await nothingStored();
  });

  it('names each invalid field', async () => {
    const raw = JSON.stringify({ type: 'nope', email: 'x', locale: 'de' });
    const response = await post(raw, signed(raw));
    expect(response.body.error.fields.map((f: any) => [f.path, f.code])).toEqual(
      expect.arrayContaining([['type', 'unknown_value'], ['email', 'invalid_email'], ['locale', 'unknown_value']]),
    );
  });
});
