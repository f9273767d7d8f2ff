import { parseArgs } from 'node:util';

/** Where a verb writes: results to `out` (stdout), progress and problems to `err` (stderr). */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const processIo: Io = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Placeholder shown in help: --db <url>. */
  value?: string;
  help: string;
}

export type ParsedValues = Record<string, string | boolean | undefined>;

/**
 * One `smms` verb. Adding a verb = one file under verbs/ exporting a Verb, plus one line in
 * verbs/index.ts; main.ts gives every verb --help and the same error handling.
 */
export interface Verb {
  name: string;
  /** One line for `smms --help`. */
  summary: string;
  usage: string;
  /** Paragraphs shown by `smms <verb> --help`. */
  description: string;
  options: Record<string, OptionSpec>;
  examples?: string[];
  /** Names of positional arguments (e.g. the call name of `smms call <name>`); none by default. */
  positionals?: string[];
  run(values: ParsedValues, io: Io, positionals: string[]): Promise<number>;
}

/** A mistake in what the user typed or configured: printed as-is, exit code 1, no stack trace. */
export class CliError extends Error {
  override name = 'CliError';
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', help: 'Show this help.' };

export function parseVerbArgs(verb: Verb, args: string[]): { values: ParsedValues; positionals: string[] } {
  const options = Object.fromEntries(
    Object.entries({ ...verb.options, help: HELP }).map(([name, o]) => [
      name,
      o.short ? { type: o.type, short: o.short } : { type: o.type },
    ]),
  );
  try {
    const allowPositionals = (verb.positionals?.length ?? 0) > 0;
    const parsed = parseArgs({ args, options, strict: true, allowPositionals });
    if (parsed.positionals.length > (verb.positionals?.length ?? 0)) {
      throw Object.assign(new Error(`'${parsed.positionals.at(-1)}'`), {
        code: 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL',
      });
    }
    return { values: parsed.values as ParsedValues, positionals: parsed.positionals };
  } catch (err) {
    throw new CliError(`smms ${verb.name}: ${argsProblem(err)}. See smms ${verb.name} --help.`);
  }
}

function argsProblem(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(e.message ?? '')?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `option ${quoted} needs a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted}"`;
    default:
      return e.message ?? String(err);
  }
}

export function verbHelp(verb: Verb): string {
  const rows = Object.entries({ ...verb.options, help: HELP }).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` ${o.value}` : ''}`;
    return `  ${flag.padEnd(30)} ${o.help}`;
  });
  const examples = verb.examples?.length ? ['', 'Examples:', ...verb.examples.map((e) => `  ${e}`)] : [];
  return [`Usage: ${verb.usage}`, '', verb.description, '', 'Options:', ...rows, ...examples].join('\n');
}

/** Thousands separators in the international style (the lakh style would surprise some readers). */
export const num = (n: number): string => n.toLocaleString('en-US');
