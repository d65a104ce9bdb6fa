import * as z from 'zod';
import { InvalidCursorError } from './errors.js';

/**
 * Where a connector resumes. `after` is the last sort key (DynamoDB) or the last key below
 * the account prefix (S3) already handled; it never holds the account id, because the
 * cursor travels through Step Functions state.
 */
export interface Position {
  /** Number of the part this invocation writes. */
  part: number;
  after?: string | number;
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
