/** Regenerates docs/openapi.json from the intake schemas (a test keeps the committed copy fresh). */
import { readFileSync, writeFileSync } from 'node:fs';
import { openApiDocument } from '../functions/core/intake/openapi.js';

const path = new URL('../docs/openapi.json', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = `${JSON.stringify(openApiDocument(), null, 2)}\n`;
writeFileSync(path, after);
console.log(after === before ? 'docs/openapi.json is up to date' : 'docs/openapi.json updated');
