import { createHash, randomBytes } from 'node:crypto';

/** A random 256-bit token for links; only its hash is ever stored. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A request id: sortable by time, unguessable. */
export function newRequestId(now = Date.now()): string {
  return `dsr_${now.toString(36)}${randomBytes(10).toString('hex')}`;
}
