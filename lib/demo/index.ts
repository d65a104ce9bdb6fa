export * from './users.js';
export * from './items.js';
export * from './seed.js';
export * from './stores.js';
