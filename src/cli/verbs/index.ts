import type { Verb } from '../verb.ts';
import { demoVerb } from './demo.verb.ts';
import { migrateVerb } from './migrate.verb.ts';

/** Every `smms` verb, in the order `smms --help` lists them. */
export const VERBS: readonly Verb[] = [migrateVerb, demoVerb];
