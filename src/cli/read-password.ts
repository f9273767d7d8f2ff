import { CliError } from './verb.ts';

/**
 * The account password: $SMMS_PASSWORD (scripts), else a prompt on the terminal with echo off.
 * Never a command-line option, so it stays out of shell history and process listings.
 */
export async function readPassword(verb: string): Promise<string> {
  const fromEnv = process.env.SMMS_PASSWORD;
  if (fromEnv) return fromEnv;
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    throw new CliError(`smms ${verb}: set SMMS_PASSWORD, or run in a terminal to be asked for the password.`);
  }
  process.stderr.write('Password: ');
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(typed);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new CliError(`smms ${verb}: cancelled.`));
          return;
        }
        typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
      }
    };
    const finish = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}
