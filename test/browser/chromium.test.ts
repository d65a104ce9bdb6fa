import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findChromium } from './chromium.js';

const dir = mkdtempSync(path.join(tmpdir(), 'chromium-lookup-'));
/** A file at `name`, executable or not. */
function file(name: string, executable: boolean): string {
  const at = path.join(dir, name);
  writeFileSync(at, '#!/bin/sh\n');
  chmodSync(at, executable ? 0o755 : 0o644);
  return at;
}

describe('the browser test finds a Chromium without a system one', () => {
  it('takes CHROMIUM_PATH first, and refuses one that is not executable', async () => {
    const chosen = file('chosen', true);
    expect(await findChromium({ CHROMIUM_PATH: chosen, SYSTEM_CHROMIUM_PATH: file('system', true) })).toEqual({
      path: chosen,
      source: 'CHROMIUM_PATH',
    });
    await expect(findChromium({ CHROMIUM_PATH: file('not-executable', false) })).rejects.toThrow(/not an executable file/);
  });

  it('then the system Chromium when it is executable', async () => {
    const system = file('system-ok', true);
    expect(await findChromium({ SYSTEM_CHROMIUM_PATH: system })).toEqual({ path: system, source: 'system' });
  });

  it('else the @sparticuz/chromium package’s binary, which launches and renders a page', async () => {
    for (const system of [path.join(dir, 'absent'), file('system-not-executable', false)]) {
      const found = await findChromium({ SYSTEM_CHROMIUM_PATH: system });
      expect(found.source).toBe('@sparticuz/chromium');
      const browser = await chromium.launch({ executablePath: found.path, headless: true, args: ['--no-sandbox'] });
      try {
        const page = await browser.newPage();
        await page.setContent('<h1>Kiara</h1>');
        expect(await page.textContent('h1')).toBe('Kiara');
      } finally {
        await browser.close();
      }
    }
  });
});
