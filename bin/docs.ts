/** Regenerates the generated parts of README.md (the store inventory table). */
import { readFileSync, writeFileSync } from 'node:fs';
import { inventoryMarkdown } from '../functions/core/inventory/markdown.js';
import { replaceGeneratedBlock } from '../lib/docs/generated-block.js';

const path = new URL('../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = replaceGeneratedBlock(before, 'inventory', inventoryMarkdown());
writeFileSync(path, after);
console.log(after === before ? 'README.md is up to date' : 'README.md: store inventory table updated');
