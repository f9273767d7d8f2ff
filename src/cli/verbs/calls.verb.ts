import { CONTRACT } from '../../shared/contract/index.ts';
import type { Verb } from '../verb.ts';

// `smms calls`: the contract as a table, so scripts and support staff can see every call and who may
// make it without reading the source.

export const callsVerb: Verb = {
  name: 'calls',
  summary: 'List every call of the app contract with the roles that may make it',
  usage: 'smms calls [--json]',
  description: 'Prints each call name (feature:verb), whether it changes data, its roles and a summary.',
  options: { json: { type: 'boolean', help: 'Print JSON instead of a table.' } },
  async run(values, io) {
    const rows = Object.entries(CONTRACT).map(([name, def]) => ({
      name,
      write: def.write,
      roles: def.roles === 'PUBLIC' ? ['PUBLIC'] : [...def.roles],
      summary: def.summary,
    }));
    if (values.json) {
      io.out(JSON.stringify(rows, null, 2));
      return 0;
    }
    const width = Math.max(...rows.map((r) => r.name.length)) + 2;
    for (const r of rows) {
      io.out(`${r.name.padEnd(width)}${r.write ? 'write' : 'read '}  ${r.roles.join(', ')}`);
      io.out(`${''.padEnd(width)}       ${r.summary}`);
    }
    return 0;
  },
};
