import { createHash, randomBytes } from 'node:crypto';

/** A random 256-bit token for links; only its hash is ever stored. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Whether a path segment can be a link token at all (newToken's 32 bytes as base64url):
 * anything else is refused before it costs a DynamoDB read.
 */
export const isLinkToken = (value: string) => /^[A-Za-z0-9_-]{43}$/.test(value);

/** Whether a path segment can be a request id at all (newRequestId's shape, bounded). */
export const isRequestId = (value: string) => /^dsr_[a-z0-9]{1,64}$/.test(value);

/** A request id: sortable by time, unguessable. */
export function newRequestId(now = Date.now()): string {
  return `dsr_${now.toString(36)}${randomBytes(10).toString('hex')}`;
}
