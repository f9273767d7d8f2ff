import { runWebShell } from '../../web/cli.ts';
import type { Verb } from '../verb.ts';

// `smms web`: the loopback browser shell over the same core (tests, and machines without Electron).

export const webVerb: Verb = {
  name: 'web',
  summary: 'Serve the app to a browser on this computer only (127.0.0.1)',
  usage: 'smms web [--db <url>] [--port <n>] [--static <dir>]',
  description: [
    'Starts the browser shell on 127.0.0.1 and prints the address with a one-time token. It never',
    'listens beyond this computer. The renderer must be built first (npm run build). Stop with Ctrl+C.',
  ].join('\n'),
  options: {
    db: { type: 'string', value: '<url>', help: 'Database URL (default: $SMMS_DATA_DIR or ./.smms-data).' },
    port: { type: 'string', value: '<n>', help: 'Port (default: any free port).' },
    static: { type: 'string', value: '<dir>', help: 'Built renderer folder (default out/renderer).' },
  },
  async run(values) {
    const argv: string[] = [];
    for (const k of ['db', 'port', 'static'] as const) {
      const v = values[k];
      if (typeof v === 'string') argv.push(`--${k}`, v);
    }
    return runWebShell(argv);
  },
};
