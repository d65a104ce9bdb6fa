import { describe, expect, it } from 'vitest';
import { openRequests } from '../../../../lib/local/soak/queue.js';

/** An admin queue of `count` open requests that answers pages of at most `pageSize`, with an opaque cursor. */
function queueOf(count: number, pageSize: number) {
  const items = Array.from({ length: count }, (_, i) => ({ requestId: `dsr_${i}`, pendingStep: i % 2 ? 'review' : null }));
  const reads: string[] = [];
  const read = async (path: string) => {
    reads.push(path);
    const url = new URL(path, 'http://admin');
    const limit = Math.min(Number(url.searchParams.get('limit') ?? pageSize), pageSize);
    const start = url.searchParams.has('cursor') ? Number(Buffer.from(url.searchParams.get('cursor')!, 'base64url').toString()) : 0;
    const end = start + limit;
    const cursor = end < count ? Buffer.from(String(end)).toString('base64url') : undefined;
    return { body: { items: items.slice(start, end), cursor } };
  };
  return { items, reads, read };
}

describe('the soak’s reads of the admin queue', () => {
  it('follows the cursor to the last page: every open request, each once', async () => {
    const queue = queueOf(450, 200);
    expect(await openRequests(queue.read)).toEqual(queue.items);
    expect(queue.reads).toHaveLength(3);
    expect(queue.reads.every((path) => path.startsWith('/requests?status=open'))).toBe(true);
  });

  it('reads one page when the queue fits in one', async () => {
    const queue = queueOf(3, 200);
    expect(await openRequests(queue.read)).toEqual(queue.items);
    expect(queue.reads).toHaveLength(1);
  });
});
