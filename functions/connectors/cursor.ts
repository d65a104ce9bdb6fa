import * as z from 'zod';
import { InvalidCursorError } from './errors.js';

/** A DynamoDB sort key value, or an S3 key below the account prefix. */
export type SortKey = string | number;

/**
 * Where a connector resumes. `after` is the last sort key (DynamoDB) or the last key below
 * the account prefix (S3) already handled; it never holds the account id, because the
 * cursor travels through Step Functions state.
 */
export interface Position {
  /** Number of the part this invocation writes. */
  part: number;
  after?: SortKey;
}

const schema = z.object({
  part: z.number().int().min(0),
  after: z.union([z.string(), z.number()]).optional(),
});

export const START: Position = { part: 0 };

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): Position {
  if (!cursor) return START;
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidCursorError('Cursor is not one this connector wrote');
  }
}

/**
 * Whether `key` comes after `through` in the store's order: numbers by value, strings by
 * their UTF-8 bytes (as DynamoDB and S3 order keys; UTF-16 order differs above U+FFFF).
 * Every key comes after none.
 */
export function sortsAfter(key: SortKey, through: SortKey | undefined): boolean {
  if (through === undefined) return true;
  if (typeof key === 'number' && typeof through === 'number') return key > through;
  return Buffer.compare(Buffer.from(String(key)), Buffer.from(String(through))) > 0;
}
