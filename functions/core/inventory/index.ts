export * from './types.js';
export * from './recipients.js';
export * from './stores.js';
export * from './art19.js';
export * from './email.js';
export * from './recipient-names.js';
export * from './rectification.js';
