import { STORES } from './stores.js';
import type { StoreDefinition } from './types.js';

function erasureText(store: StoreDefinition): string {
  return store.erasure.action === 'delete'
    ? 'deleted'
    : `kept ${store.erasure.retainYears} years (${store.erasure.exemption})`;
}

function locationText(store: StoreDefinition): string {
  return store.location.kind === 'dynamodb'
    ? `DynamoDB, key \`accountId\`${store.location.ttlAttribute ? ', TTL' : ''}`
    : `S3 \`${store.location.keyPrefix}{accountId}/\``;
}

/** The README's table of stores, generated from the inventory (`npm run docs` writes it). */
export function inventoryMarkdown(stores: readonly StoreDefinition[] = STORES): string {
  const rows = stores.map((store) =>
    [
      `\`${store.id}\``,
      store.categories.en,
      store.purposes.map((p) => p.legalBasis.article).join(', '),
      store.retention.description.en,
      store.recipients.map((r) => r.category.en).join('; '),
      locationText(store),
      store.portable ? 'yes' : 'no',
      erasureText(store),
    ].join(' | '),
  );
  return [
    '| store | data | legal basis | retention | recipients | where / key | portable | erasure |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}
