import { createHash } from 'node:crypto';
import { NORMALIZED_EMAIL_ATTRIBUTE, normalizeEmail, type StoreId } from '../../functions/core/inventory/index.js';
import { demoPng } from './png.js';
import type { DemoUser } from './users.js';

export type DemoItem = Record<string, unknown>;
export type DemoSizes = Record<StoreId, number>;

/** Small by default; the benchmark raises usage-logs and media. */
export const DEFAULT_SIZES: DemoSizes = {
  account: 1,
  'api-keys': 2,
  'usage-logs': 20,
  invoices: 3,
  'credit-balance': 1,
  generations: 5,
  media: 6,
  'security-events': 4,
  support: 3,
};

const DAY_MS = 86_400_000;
const PATHS = ['/v1/images/generations', '/v1/videos/generations', '/v1/models', '/v1/credits', '/v1/generations/{id}'];
const AGENTS = ['kiara-python/2.3.1', 'kiara-node/1.8.0', 'curl/8.5.0', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)'];
const DEVICES = ['MacBook Pro, Safari 17', 'Pixel 8, Chrome 126', 'Windows 11, Firefox 127'];
const PROMPTS: Record<DemoUser['locale'], string[]> = {
  en: ['A lighthouse at dusk in watercolour', 'Isometric city block, soft morning light', 'A fox reading a newspaper, 1920s style'],
  nl: ['Een molen bij zonsondergang in olieverf', 'Grachtenpand in de sneeuw, isometrisch', 'Een kat op een fiets door Utrecht'],
};

/** Deterministic numbers per (user, store), so demo data is the same on every run. */
function random(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const hex = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length);
const pick = <T>(rng: () => number, values: readonly T[]): T => values[Math.floor(rng() * values.length)] as T;
const pad = (n: number) => String(n).padStart(6, '0');
const ip = (rng: () => number) => `${pick(rng, ['192.0.2', '198.51.100', '203.0.113'])}.${1 + Math.floor(rng() * 250)}`;
const epochSeconds = (ms: number) => Math.floor(ms / 1000);

export const generationId = (user: DemoUser, index: number) => `gen_${hex(`${user.accountId}:${index}`, 16)}`;
const keyId = (user: DemoUser, index: number) => `key_${hex(`${user.accountId}:key:${index}`, 12)}`;

/** `count` items of one DynamoDB store for one user, generated lazily. */
export function* demoItems(storeId: StoreId, user: DemoUser, count: number, now: Date): Generator<DemoItem> {
  const rng = random(`${user.accountId}:${storeId}`);
  const base = { accountId: user.accountId };
  const t = now.getTime();
  for (let i = 0; i < count; i++) {
    switch (storeId) {
      case 'account':
        yield {
          ...base,
          sk: 'profile',
          email: user.email,
          [NORMALIZED_EMAIL_ATTRIBUTE]: normalizeEmail(user.email),
          displayName: user.displayName,
          locale: user.locale,
          marketingEmails: false,
          plan: 'pro',
          createdAt: user.createdAt,
        };
        return;
      case 'credit-balance':
        yield {
          ...base,
          sk: 'balance',
          credits: 1000 + Math.floor(rng() * 9000),
          updatedAt: new Date(t - DAY_MS).toISOString(),
        };
        return;
      case 'api-keys': {
        const id = keyId(user, i);
        yield {
          ...base,
          sk: `key#${id}`,
          keyId: id,
          name: pick(rng, ['Production', 'Staging', 'Laptop']),
          keyPrefix: `kia_live_${hex(id, 4)}`,
          keyHash: hex(`secret:${id}`, 64),
          createdAt: new Date(t - (90 - i) * DAY_MS).toISOString(),
          lastUsedAt: new Date(t - i * 3_600_000).toISOString(),
        };
        break;
      }
      case 'usage-logs': {
        // Spread evenly over the 30 days the store keeps them.
        const at = t - Math.floor((i * 30 * DAY_MS) / count);
        yield {
          ...base,
          sk: `log#${new Date(at).toISOString()}#${pad(i)}`,
          method: i % 3 ? 'POST' : 'GET',
          path: pick(rng, PATHS),
          status: pick(rng, [200, 200, 200, 201, 400, 402, 429, 500]),
          latencyMs: 40 + Math.floor(rng() * 4000),
          keyId: keyId(user, i % 2),
          ip: ip(rng),
          userAgent: pick(rng, AGENTS),
          at: new Date(at).toISOString(),
          expiresAt: epochSeconds(at + 30 * DAY_MS),
        };
        break;
      }
      case 'invoices': {
        const issued = new Date(t - i * 30 * DAY_MS).toISOString().slice(0, 10);
        const credits = pick(rng, [1000, 5000, 10000]);
        yield {
          ...base,
          sk: `inv#${issued}#${pad(i)}`,
          invoiceId: `INV-${issued.slice(0, 4)}-${hex(`${user.accountId}:inv:${i}`, 6).toUpperCase()}`,
          issuedAt: issued,
          creditAmount: credits,
          amountCents: credits,
          currency: 'EUR',
        };
        break;
      }
      case 'generations': {
        const id = generationId(user, i);
        const at = t - i * 3 * DAY_MS;
        yield {
          ...base,
          sk: `gen#${id}`,
          generationId: id,
          prompt: pick(rng, PROMPTS[user.locale]),
          model: pick(rng, ['kiara-image-2', 'kiara-video-1']),
          status: 'succeeded',
          inputKey: `accounts/${user.accountId}/${id}/input.png`,
          outputKey: `accounts/${user.accountId}/${id}/output.png`,
          createdAt: new Date(at).toISOString(),
          expiresAt: epochSeconds(at + 90 * DAY_MS),
        };
        break;
      }
      case 'security-events': {
        const at = t - i * 5 * DAY_MS;
        yield {
          ...base,
          sk: `sec#${new Date(at).toISOString()}#${pad(i)}`,
          type: pick(rng, ['sign_in', 'sign_in', 'new_device', 'password_changed']),
          ip: ip(rng),
          userAgent: pick(rng, AGENTS),
          device: pick(rng, DEVICES),
          at: new Date(at).toISOString(),
          expiresAt: epochSeconds(at + 30 * DAY_MS),
        };
        break;
      }
      case 'support': {
        const at = new Date(t - i * 7 * DAY_MS).toISOString();
        const inbound = i % 2 === 0;
        yield {
          ...base,
          sk: `msg#${at}#${pad(i)}`,
          ticketId: `T-${hex(`${user.accountId}:t:${Math.floor(i / 2)}`, 6)}`,
          direction: inbound ? 'inbound' : 'outbound',
          subject: user.locale === 'nl' ? 'Vraag over mijn tegoed' : 'Question about my credits',
          body: inbound
            ? `Hi, ${user.displayName} here: my last generation failed but used credits.`
            : 'Thanks, we refunded the credits of that generation.',
          at,
        };
        break;
      }
      case 'media':
        throw new Error('media is an object store: use demoObjects');
    }
  }
}

export interface DemoObject {
  key: string;
  body: Buffer;
  contentType: string;
}

/**
 * `count` media objects: an input and an output per generation, each generation its own
 * prefix (as Kiara stores them; one flat prefix would also make s3rver's deletes crawl).
 */
export function* demoObjects(user: DemoUser, count: number): Generator<DemoObject> {
  for (let i = 0; i < count; i++) {
    const id = generationId(user, Math.floor(i / 2));
    const name = i % 2 === 0 ? 'input.png' : 'output.png';
    yield {
      key: `accounts/${user.accountId}/${id}/${name}`,
      body: demoPng(i, `Kiara demo ${id} ${name}`),
      contentType: 'image/png',
    };
  }
}
