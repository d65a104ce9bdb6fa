import * as z from 'zod';

/**
 * A position in the list index: the LastEvaluatedKey of a `byDueDate` query, which holds
 * the table's keys and the index's keys, all strings.
 */
const listPosition = z.strictObject({
  pk: z.string().min(1).max(2048),
  sk: z.string().min(1).max(1024),
  listPk: z.string().min(1).max(2048),
  listSk: z.string().min(1).max(1024),
});

export type ListPosition = z.output<typeof listPosition>;

/**
 * The queue's `cursor` as clients see it: the position as base64url JSON. Decoding checks
 * every step (base64url, JSON, the key's shape), so a cursor that was not ours is refused
 * before it reaches DynamoDB.
 */
export const listCursor = z.codec(z.base64url().max(8192), listPosition, {
  decode: (text, ctx) => {
    try {
      return JSON.parse(Buffer.from(text, 'base64url').toString());
    } catch {
      ctx.issues.push({ code: 'invalid_format', format: 'json', input: text });
      return z.NEVER;
    }
  },
  encode: (position) => Buffer.from(JSON.stringify(position)).toString('base64url'),
});
