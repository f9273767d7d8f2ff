import { friendlyMessage } from './errors.ts';
import { parseVerbArgs, processIo, verbHelp, type Io, type Verb } from './verb.ts';
import { VERBS } from './verbs/index.ts';
import { packageVersion } from '../core/package-root.ts';

function topHelp(): string {
  const width = Math.max(...VERBS.map((v) => v.name.length)) + 2;
  return [
    `smms ${packageVersion()} — command line for SMMS Desktop (Student Mentoring Management System)`,
    '',
    'Usage: smms <verb> [options]',
    '',
    'Verbs:',
    ...VERBS.map((v) => `  ${v.name.padEnd(width)} ${v.summary}`),
    '',
    'Options:',
    '  -h, --help      Show this help; smms <verb> --help explains a verb.',
    '  -v, --version   Print the version.',
    '',
    'Database URLs: sqlite:<file>  or  mysql://user:password@host:3306/database',
  ].join('\n');
}

/** `smms <argv>`: runs one verb and returns the process exit code (0 ok, 1 failed). */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.err(topHelp());
    return 1;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const verb = VERBS.find((v) => v.name === rest[0]);
    io.out(verb ? verbHelp(verb) : topHelp());
    return 0;
  }
  if (first === '--version' || first === '-v' || first === 'version') {
    io.out(packageVersion());
    return 0;
  }
  const verb = VERBS.find((v) => v.name === first);
  if (!verb) {
    io.err(`smms: unknown verb "${first}". Verbs: ${VERBS.map((v) => v.name).join(', ')}. See smms --help.`);
    return 1;
  }
  return runVerb(verb, rest, io);
}

async function runVerb(verb: Verb, args: string[], io: Io): Promise<number> {
  try {
    const { values, positionals } = parseVerbArgs(verb, args);
    if (values.help) {
      io.out(verbHelp(verb));
      return 0;
    }
    return await verb.run(values, io, positionals);
  } catch (err) {
    const message = friendlyMessage(err);
    if (message !== null) {
      io.err(message);
      return 1;
    }
    // A bug, not a user mistake: say so, and keep the stack for whoever asks for it.
    io.err(`smms ${verb.name}: unexpected error: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.SMMS_DEBUG) io.err(err instanceof Error ? (err.stack ?? '') : '');
    else io.err('Run again with SMMS_DEBUG=1 to see the details.');
    return 1;
  }
}
