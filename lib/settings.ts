import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';

/** A context value as the CDK gives it: a string from `-c key=value`, any JSON value from cdk.json. */
export type ContextLookup = (key: string) => unknown;

/** A setting that cannot be used, with what to do about it. */
export class SettingError extends Error {
  override readonly name = 'SettingError';
}

/**
 * A setting that is a JSON object, from one of three places: an object in cdk.json's
 * `context`, JSON text on the command line (`-c key='{"…"}'`, on one line: the CDK CLI cuts a
 * value at its first newline), or a file (`-c keyFile=path`, relative to the directory the
 * CDK runs in).
 */
export function jsonSetting(context: ContextLookup, key: string): unknown {
  const inline = context(key);
  const file = context(`${key}File`);
  if (inline !== undefined && file !== undefined) {
    throw new SettingError(`${key} and ${key}File are both set: give one of them.`);
  }
  if (file !== undefined) {
    if (typeof file !== 'string' || file.trim() === '') throw new SettingError(`${key}File must be the path of a JSON file.`);
    let text: string;
    try {
      text = readFileSync(path.resolve(file), 'utf8');
    } catch (error) {
      throw new SettingError(`${key}File: cannot read ${path.resolve(file)} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
    }
    return parseJson(text, `${key}File ${file}`, key);
  }
  if (inline === undefined || typeof inline === 'object') return inline;
  if (typeof inline !== 'string') throw new SettingError(`${key} must be a JSON object, not ${JSON.stringify(inline)}.`);
  return parseJson(inline, key, key);
}

function parseJson(text: string, where: string, key: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SettingError(
      `${where} is not valid JSON (${(error as Error).message}). ` +
        `The CDK CLI passes -c ${key}=… only up to its first line break: put the JSON in a file and pass -c ${key}File=<path>, or write it as an object in cdk.json.`,
    );
  }
}

const name = z.string().trim().min(1);

/** Kiara's existing stores: one table name per DynamoDB store id, and the media bucket. */
export const EXISTING_STORES = z.strictObject({
  tables: z.record(z.string(), name),
  mediaBucket: name,
});

export type ExistingStores = z.infer<typeof EXISTING_STORES>;

/** `existingStores` checked for its shape (which stores it must name, the stack checks). */
export function existingStoresSetting(context: ContextLookup): ExistingStores | undefined {
  const value = jsonSetting(context, 'existingStores');
  if (value === undefined) return undefined;
  const parsed = EXISTING_STORES.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`).join('; ');
    throw new SettingError(`existingStores must look like {"tables": {"<store id>": "<table name>", …}, "mediaBucket": "<bucket name>"}: ${issues}.`);
  }
  return parsed.data;
}
