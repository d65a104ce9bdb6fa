import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface EmulatorEndpoints {
  dynamodb: string;
  s3: string;
  ses: string;
}

export interface Emulators {
  endpoints: EmulatorEndpoints;
  stop(): Promise<void>;
}

export interface EmulatorOptions {
  /** Port of the SES emulator and its mailbox page (people open it); 0 = any free port. */
  sesPort?: number;
  log: (line: string) => void;
}

const ENTRY = fileURLToPath(new URL('./emulator-process.mjs', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

/**
 * Starts dynalite (in memory), s3rver (on a temporary folder) and aws-ses-v2-local in one
 * child process and waits for their ports. `stop()` ends the child and removes the folder.
 */
export async function startEmulators(options: EmulatorOptions): Promise<Emulators> {
  const s3Directory = await mkdtemp(path.join(tmpdir(), 'dsr-s3-'));
  const config = { sesPort: options.sesPort ?? 0, s3Directory };
  const child = fork(ENTRY, [JSON.stringify(config)], {
    execPath: process.execPath,
    // Only this flag: the parent's own flags (a test runner's loaders) do not apply here.
    execArgv: ['--openssl-legacy-provider'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      output.push(line);
      options.log(`[emulators] ${line}`);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  // 'close' comes after 'exit' once the child's output pipes are closed too.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await closed;
    clearTimeout(timer);
    await rm(s3Directory, { recursive: true, force: true });
  };

  try {
    const ports = await new Promise<{ dynamodb: number; s3: number; ses: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the emulators did not start within 30 s')), START_TIMEOUT_MS);
      child.once('message', (message: { type: string; ports: { dynamodb: number; s3: number; ses: number } }) => {
        clearTimeout(timer);
        resolve(message.ports);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the emulator process exited (${code ?? signal}) before it was ready:\n${output.join('\n')}`));
      });
    });
    const url = (port: number) => `http://127.0.0.1:${port}`;
    return { endpoints: { dynamodb: url(ports.dynamodb), s3: url(ports.s3), ses: url(ports.ses) }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
