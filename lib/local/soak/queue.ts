/** An admin API read as the soak makes it: a path under `/admin`, the answer's JSON body. */
export type AdminRead = (path: string) => Promise<{ body: any }>;

export interface OpenItem {
  requestId: string;
  pendingStep: string | null;
}

/**
 * The open queue's requests, page after page until the last: the queue answers at most
 * 200 a page, and a long soak has more open at once.
 */
export async function openRequests(read: AdminRead): Promise<OpenItem[]> {
  const items: OpenItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(`/requests?status=open&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.body.items);
    cursor = page.body.cursor ?? undefined;
  } while (cursor);
  return items;
}
