import { PutObjectCommand } from '@aws-sdk/client-s3';
import { STORES, type StoreId } from '../../functions/core/inventory/index.js';
import { batchWrite } from '../../functions/connectors/batch-write.js';
import { forEachLimit } from '../../functions/connectors/pool.js';
import { s3Client } from '../../functions/shared/aws-clients.js';
import { DEFAULT_SIZES, demoItems, demoObjects, type DemoSizes } from './items.js';
import { DEMO_USERS, type DemoUser } from './users.js';

export interface SeedOptions {
  /** Table name of every DynamoDB store, by store id. */
  tables: Partial<Record<StoreId, string>>;
  /** The media bucket. */
  bucket: string;
  users?: readonly DemoUser[];
  /** Items (or objects) per user and store; unset stores keep `DEFAULT_SIZES`. */
  sizes?: Partial<DemoSizes>;
  /** Seed only these stores (e.g. to refill one after an erase). Default: all. */
  only?: readonly StoreId[];
  /** Reference time of the generated dates. Default: now. */
  now?: Date;
  /** BatchWriteItem calls in flight. Default 8. */
  writeConcurrency?: number;
  /** PutObject calls in flight. Default 16. */
  uploadConcurrency?: number;
  onProgress?: (event: { user: string; storeId: StoreId; count: number }) => void;
}

/** Writes each user's demo data into every store of the inventory. Returns counts by store. */
export async function seedDemoData(options: SeedOptions): Promise<Record<StoreId, number>> {
  const sizes = { ...DEFAULT_SIZES, ...options.sizes };
  const now = options.now ?? new Date();
  const counts = Object.fromEntries(STORES.map((store) => [store.id, 0])) as Record<StoreId, number>;
  for (const user of options.users ?? DEMO_USERS) {
    for (const store of STORES) {
      if (options.only && !options.only.includes(store.id)) continue;
      let count: number;
      if (store.location.kind === 's3') {
        count = 0;
        await forEachLimit(demoObjects(user, sizes[store.id]), options.uploadConcurrency ?? 16, async (object) => {
          await s3Client().send(
            new PutObjectCommand({ Bucket: options.bucket, Key: object.key, Body: object.body, ContentType: object.contentType }),
          );
          count += 1;
        });
      } else {
        const table = options.tables[store.id];
        if (!table) throw new Error(`seedDemoData: no table for store "${store.id}"`);
        const puts = (function* () {
          for (const Item of demoItems(store.id, user, sizes[store.id], now)) yield { PutRequest: { Item } };
        })();
        count = await batchWrite(table, puts, { concurrency: options.writeConcurrency ?? 8 });
      }
      counts[store.id] += count;
      options.onProgress?.({ user: user.accountId, storeId: store.id, count });
    }
  }
  return counts;
}
