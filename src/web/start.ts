import { runWebShell } from './cli.ts';

process.exitCode = await runWebShell(process.argv.slice(2));
