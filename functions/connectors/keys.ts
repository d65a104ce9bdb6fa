/** Key layout of the export bucket: work files of the connectors, then the package. */
export const exportKeys = {
  work: (requestId: string) => `work/${requestId}/`,
  /**
   * One JSON Lines part per connector invocation, named by the invocation too: the part's
   * progress record names the one that counts, and a given-up run's upload lands beside it.
   */
  part: (requestId: string, storeId: string, part: number, invocation: string) =>
    `work/${requestId}/${storeId}/part-${String(part).padStart(5, '0')}-${invocation}.jsonl`,
  /** Copy of an object store file; `relativeKey` is its key below the account prefix. */
  file: (requestId: string, storeId: string, relativeKey: string) => `work/${requestId}/${storeId}/files/${relativeKey}`,
  package: (requestId: string) => `packages/${requestId}/kiara-data-${requestId}.zip`,
};
