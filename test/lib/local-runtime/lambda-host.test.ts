import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { invokingFunction, LambdaHost } from '../../../lib/local-runtime/lambda-host.js';
import { fixtureFunction } from './helpers.js';

const rootDir = fileURLToPath(new URL('../../..', import.meta.url));

const fn = (logicalId: string) => fixtureFunction(logicalId, 'whoami');

describe('invokingFunction()', () => {
  it('names the function a handler runs for, across awaits, timers and callbacks, and nothing outside', async () => {
    const host = new LambdaHost([fn('First'), fn('Second')], { rootDir, envOverrides: {} });
    expect(invokingFunction()).toBeUndefined();
    // Interleaved: the first waits longer, so the second runs and finishes inside it.
    const [first, second] = await Promise.all([host.invoke('First', { delayMs: 30 }), host.invoke('local-Second', { delayMs: 0 })]);
    expect(first).toEqual({ created: 'First', atStart: 'First', afterTimer: 'First', inCallback: 'First' });
    expect(second).toEqual({ created: 'Second', atStart: 'Second', afterTimer: 'Second', inCallback: 'Second' });
    expect(invokingFunction()).toBeUndefined();
  });
});
