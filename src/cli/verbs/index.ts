import type { Verb } from '../verb.ts';
import { backupVerb } from './backup.verb.ts';
import { callVerb } from './call.verb.ts';
import { callsVerb } from './calls.verb.ts';
import { demoVerb } from './demo.verb.ts';
import { doctorVerb } from './doctor.verb.ts';
import { grantsVerb } from './grants.verb.ts';
import { importVerb } from './import.verb.ts';
import { migrateVerb } from './migrate.verb.ts';
import { reportVerb } from './report.verb.ts';
import { restoreVerb } from './restore.verb.ts';
import { syncVerb } from './sync.verb.ts';
import { webVerb } from './web.verb.ts';

/** Every `smms` verb, in the order `smms --help` lists them. */
export const VERBS: readonly Verb[] = [
  migrateVerb,
  demoVerb,
  importVerb,
  callsVerb,
  callVerb,
  reportVerb,
  syncVerb,
  backupVerb,
  restoreVerb,
  doctorVerb,
  grantsVerb,
  webVerb,
];
