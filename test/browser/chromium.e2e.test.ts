import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bundledLibraries, findChromium, type ChromiumBinary } from './chromium.js';

const dir = mkdtempSync(path.join(tmpdir(), 'chromium-lookup-'));
/** A file at `name`, executable or not. */
function file(name: string, executable: boolean): string {
  const at = path.join(dir, name);
  writeFileSync(at, '#!/bin/sh\n');
  chmodSync(at, executable ? 0o755 : 0o644);
  return at;
}

/** Launches the binary with the given environment and renders a page in it. */
async function renders(binary: ChromiumBinary, env: Record<string, string | undefined>) {
  const browser = await chromium.launch({ executablePath: binary.path, env, headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.setContent('<h1>Kiara</h1>');
    return await page.textContent('h1');
  } finally {
    await browser.close();
  }
}

describe('the browser test finds a Chromium without a system one', () => {
  it('takes CHROMIUM_PATH first, and refuses one that is not executable', async () => {
    const chosen = file('chosen', true);
    expect(await findChromium({ CHROMIUM_PATH: chosen, SYSTEM_CHROMIUM_PATH: file('system', true) })).toEqual({
      path: chosen,
      source: 'CHROMIUM_PATH',
      env: {},
    });
    await expect(findChromium({ CHROMIUM_PATH: file('not-executable', false) })).rejects.toThrow(/not an executable file/);
  });

  it('then the system Chromium when it is executable', async () => {
    const system = file('system-ok', true);
    expect(await findChromium({ SYSTEM_CHROMIUM_PATH: system })).toEqual({ path: system, source: 'system', env: {} });
  });

  it('else the @sparticuz/chromium package’s binary, which launches and renders a page', async () => {
    for (const system of [path.join(dir, 'absent'), file('system-not-executable', false)]) {
      const found = await findChromium({ SYSTEM_CHROMIUM_PATH: system });
      expect(found.source).toBe('@sparticuz/chromium');
      expect(await renders(found, { ...process.env, ...found.env })).toBe('Kiara');
    }
  });

  it('runs on the libraries the package bundles, for a system without NSS', async () => {
    const found = await findChromium({ SYSTEM_CHROMIUM_PATH: path.join(dir, 'absent') });
    const libraries = bundledLibraries();
    const env = { ...process.env, LD_LIBRARY_PATH: libraries };
    const resolved = execFileSync('ldd', [found.path], { encoding: 'utf8', env });
    for (const library of ['libnss3.so', 'libnspr4.so', 'libexpat.so.1']) {
      expect(resolved).toContain(`${library} => ${path.join(libraries, library)}`);
    }
    expect(await renders(found, env)).toBe('Kiara');
  });
});
