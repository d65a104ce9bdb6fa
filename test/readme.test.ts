import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inventoryMarkdown } from '../functions/core/inventory/markdown.js';
import { replaceGeneratedBlock } from '../lib/docs/generated-block.js';

describe('README', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

  it('starts with the two commands a newcomer runs', () => {
    const head = readme.slice(0, 1500);
    expect(head).toContain('npm ci && npm start');
    expect(head).toContain('npm ci && npm test');
  });

  it('shows the store table generated from the current inventory (run `npm run docs`)', () => {
    expect(replaceGeneratedBlock(readme, 'inventory', inventoryMarkdown())).toBe(readme);
  });

  it('names only tests and folders of test/ that exist (they moved when the sources did)', () => {
    const named = [...new Set(readme.match(/\btest\/[\w./-]*[\w/]/g))];
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((path) => !existsSync(new URL(`../${path}`, import.meta.url)))).toEqual([]);
  });
});
