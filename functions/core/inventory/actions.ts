/** What a store connector does for a request: export the person's data, or erase it. */
export const STORE_ACTIONS = ['collect', 'erase'] as const;
export type StoreAction = (typeof STORE_ACTIONS)[number];
