/**
 * The option table of a local tool (`npm run bench`, `npm run soak`): one table feeds both
 * node's parseArgs and the tool's `--help`, so the help lists every option the parser takes,
 * with the default it applies.
 */
import { parseArgs } from 'node:util';

/** One option: what parseArgs needs, plus what `--help` says about it. */
export interface ToolOption {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  /** Applied when neither the option nor `env` is given. */
  readonly default?: string;
  /** An environment variable that, when set, replaces the default. */
  readonly env?: string;
  /** A placeholder for the value in the help, e.g. `<n>`; a string option without one shows `<value>`. */
  readonly value?: string;
  readonly description: string;
}

export type ToolOptions = Readonly<Record<string, ToolOption>>;

/** A tool: its npm script, what it does, its options. */
export interface Tool<T extends ToolOptions> {
  /** The npm script that runs it: `npm run <name> -- …`. */
  readonly name: string;
  readonly summary: string;
  readonly options: T;
}

/** The parsed values: a string for an option with a default, a list for a repeatable one, a flag (unset when absent) for a boolean. */
export type ToolValues<T extends ToolOptions> = {
  -readonly [K in keyof T]: T[K]['type'] extends 'boolean'
    ? boolean | undefined
    : T[K]['multiple'] extends true
      ? string[] | undefined
      : T[K]['default'] extends string
        ? string
        : string | undefined;
};

/** What a command line asks for: values to run with, the help to print, or a usage error (exit code 2). */
export type ToolArgs<T extends ToolOptions> =
  | { readonly kind: 'run'; readonly values: ToolValues<T> }
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'error'; readonly message: string };

const HELP: ToolOption = { type: 'boolean', description: 'print this help and exit' };

/** The default an option gets in this environment, if any. */
const defaultOf = (option: ToolOption, env: NodeJS.ProcessEnv) => (option.env ? env[option.env] : undefined) ?? option.default;

/** `--help`: the usage line, the summary and each option with its default (and the variable that replaces it). */
export function helpText<T extends ToolOptions>(tool: Tool<T>): string {
  const entries = Object.entries({ ...tool.options, help: HELP });
  const flag = (name: string, option: ToolOption) => (option.type === 'string' ? `--${name} ${option.value ?? '<value>'}` : `--${name}`);
  const width = Math.max(...entries.map(([name, option]) => flag(name, option).length));
  const lines = entries.map(([name, option]) => {
    const notes = [
      option.default !== undefined ? `default ${option.default}` : undefined,
      option.env ? `${option.env} overrides it` : undefined,
      option.multiple ? 'repeatable' : undefined,
    ].filter(Boolean);
    return `  ${flag(name, option).padEnd(width)}  ${option.description}${notes.length ? ` (${notes.join(', ')})` : ''}`;
  });
  return `Usage: npm run ${tool.name} -- [options]\n\n${tool.summary}\n\nOptions:\n${lines.join('\n')}\n`;
}

/** Reads the command line against the tool's table; never throws for what a person typed. */
export function readToolArgs<T extends ToolOptions>(tool: Tool<T>, args: readonly string[], env: NodeJS.ProcessEnv = process.env): ToolArgs<T> {
  const config = Object.fromEntries(
    Object.entries({ ...tool.options, help: HELP }).map(([name, option]) => {
      const fallback = defaultOf(option, env);
      return [name, { type: option.type, multiple: option.multiple ?? false, ...(fallback !== undefined ? { default: fallback } : {}) }];
    }),
  );
  try {
    const { values } = parseArgs({ args: [...args], options: config, strict: true, allowPositionals: false });
    if (values.help) return { kind: 'help', text: helpText(tool) };
    const { help: _help, ...rest } = values;
    return { kind: 'run', values: rest as ToolValues<T> };
  } catch (error) {
    if (!(error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS_')) throw error;
    // Node's first sentence names the option or argument; the rest is advice for another tool's users.
    const sentence = (error as Error).message.split('. ')[0]!;
    return { kind: 'error', message: sentence.charAt(0).toLowerCase() + sentence.slice(1) };
  }
}

/**
 * The values to run with; `--help` prints the help and exits 0, a usage error prints one
 * line on stderr and exits 2.
 */
export function toolArgs<T extends ToolOptions>(tool: Tool<T>, args = process.argv.slice(2)): ToolValues<T> {
  const read = readToolArgs(tool, args);
  if (read.kind === 'run') return read.values;
  if (read.kind === 'help') {
    process.stdout.write(read.text);
    process.exit(0);
  }
  return usageError(tool, read.message);
}

/** One line on stderr that says what is wrong and where the help is, then exit code 2. */
export function usageError(tool: Tool<ToolOptions>, message: string): never {
  process.stderr.write(`${tool.name}: ${message} (options: npm run ${tool.name} -- --help)\n`);
  process.exit(2);
}
