import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Reads the column-by-column table of ../shared/spec/SCHEMA.md at test time, so the parity test
// checks the database against the spec itself rather than against a copy that could drift.
// Notation (one table row per table, segments separated by ";"):
//   name[?] [TYPE] [AUTO_INCREMENT] [PK] [→ table [RULE]] [UNIQUE] [default X] [now|upd] [(a–b...)]
//   UNIQUE(a, b) | INDEX(a, b), INDEX(c) | Five rows: A, B, ...

export type Family = 'string' | 'text' | 'datetime' | 'int' | 'bigint' | 'decimal' | 'json' | 'enum';
export type DeleteRule = 'CASCADE' | 'RESTRICT' | 'SET NULL';

export interface SpecColumn {
  name: string;
  family: Family;
  /** VARCHAR length, or [precision, scale] for DECIMAL. */
  length?: number;
  precision?: [number, number];
  enumValues?: string[];
  nullable: boolean;
  /** Literal default as written ('INVITED', '10'), 'now' for CURRENT_TIMESTAMP(3), or null. */
  default: string | null;
  autoIncrement: boolean;
  range?: [number, number];
}

export interface SpecForeignKey {
  column: string;
  refTable: string;
  onDelete: DeleteRule;
}

export interface SpecTable {
  name: string;
  columns: SpecColumn[];
  primaryKey: string[];
  unique: string[][];
  indexes: string[][];
  foreignKeys: SpecForeignKey[];
  seedRows: string[];
}

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCHEMA_MD = path.resolve(repoRoot, '../shared/spec/SCHEMA.md');

// "status (GoalStatus)" in goal_updates names an enum instead of listing it; the only place the
// values are listed in SCHEMA.md is goals.status, so the name resolves there.
const NAMED_ENUMS: Record<string, [table: string, column: string]> = { GoalStatus: ['goals', 'status'] };

const list = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

interface Parsed {
  column: SpecColumn;
  pk: boolean;
  unique: boolean;
  fk?: SpecForeignKey;
  namedEnum?: string;
}

function parseType(name: string, rest: string): Omit<SpecColumn, 'name' | 'nullable' | 'default'> {
  const base = { autoIncrement: /\bAUTO_INCREMENT\b/.test(rest) };
  let m: RegExpExecArray | null;
  // "status (GoalStatus)": an enum named, not listed; parseSchemaMd fills in the values.
  if (/^\s*\([A-Z]\w+\)\s*\??\s*$/.test(rest)) return { ...base, family: 'enum', enumValues: [] };
  if ((m = /\bVARCHAR\((\d+)\)/.exec(rest))) return { ...base, family: 'string', length: Number(m[1]) };
  if ((m = /\bDECIMAL\((\d+),\s*(\d+)\)/.exec(rest))) {
    return { ...base, family: 'decimal', precision: [Number(m[1]), Number(m[2])] };
  }
  if ((m = /\bENUM\(([^)]*)\)/.exec(rest))) return { ...base, family: 'enum', enumValues: list(m[1]!) };
  if (/\bBIGINT\b/.test(rest)) return { ...base, family: 'bigint' };
  if (/\bINT\b/.test(rest)) return { ...base, family: 'int' };
  if (/\bTEXT\b/.test(rest)) return { ...base, family: 'text' };
  if (/\bJSON\b/.test(rest)) return { ...base, family: 'json' };
  if (/\bDATETIME\(3\)/.test(rest)) return { ...base, family: 'datetime' };
  // Untyped columns: "ids are UUID strings unless noted" (Prisma String = VARCHAR(191)); untyped
  // timestamps (lastLoginAt?, nextMeetingOn?, targetDate?) are Prisma DateTime = DATETIME(3).
  if (name === 'id' || name.endsWith('Id')) return { ...base, family: 'string', length: 191 };
  if (/(At|On|Date)$/.test(name) || /\b(now|upd)\b/.test(rest)) return { ...base, family: 'datetime' };
  throw new Error(`SCHEMA.md: cannot tell the type of column "${name}" from "${rest}"`);
}

function parseColumn(segment: string): Parsed {
  const m = /^(\w+)(\?)?\s*(.*)$/.exec(segment);
  if (!m) throw new Error(`SCHEMA.md: unreadable column "${segment}"`);
  const [, name, optional, rest] = m as unknown as [string, string, string | undefined, string];
  const fkMatch = /→\s*(\w+)(.*)$/.exec(rest);
  const own = fkMatch ? rest.slice(0, fkMatch.index) : rest;
  const defaultMatch = /\bdefault\s+(\S+)/.exec(rest);
  // SCHEMA.md writes "createdAt now" once and plain "createdAt" afterwards; Prisma's createdAt is
  // @default(now()) everywhere (COMMON.md: createdAt defaults to now), so every createdAt expects it.
  const isNow = /\bnow\b/.test(own) || name === 'createdAt';
  const range = /\((\d+)\s*[–-]\s*(\d+)/.exec(own);
  const column: SpecColumn = {
    name,
    ...parseType(name, own),
    // "?" follows the name (lastLoginAt?) or the type (address TEXT?).
    nullable: optional === '?' || own.includes('?'),
    default: defaultMatch ? defaultMatch[1]! : isNow ? 'now' : null,
    ...(range ? { range: [Number(range[1]), Number(range[2])] as [number, number] } : {}),
  };
  const named = /^\(([A-Z]\w+)\)\??$/.exec(own.trim());
  const parsed: Parsed = { column, pk: /\bPK\b/.test(own), unique: /\bUNIQUE\b/.test(own) };
  if (named) parsed.namedEnum = named[1];
  if (fkMatch) {
    // The rule may sit in a parenthetical ("(RESTRICT per the ER doc's rule...)"); none → RESTRICT.
    const rule = /\b(CASCADE|RESTRICT|SET NULL)\b/.exec(fkMatch[2]!);
    parsed.fk = { column: name, refTable: fkMatch[1]!, onDelete: (rule?.[1] as DeleteRule) ?? 'RESTRICT' };
  }
  return parsed;
}

function parseTable(name: string, cell: string): SpecTable & { named: [string, string][] } {
  const table: SpecTable & { named: [string, string][] } = {
    name,
    columns: [],
    primaryKey: [],
    unique: [],
    indexes: [],
    foreignKeys: [],
    seedRows: [],
    named: [],
  };
  // roles ends "createdAt. Five rows: ..." with a full stop, not a semicolon.
  for (const segment of cell.split(/;|\.\s+(?=\w+ rows:)/).map((s) => s.trim())) {
    if (/^(UNIQUE|INDEX)\(/.test(segment)) {
      for (const m of segment.matchAll(/(UNIQUE|INDEX)\(([^)]*)\)/g)) {
        (m[1] === 'UNIQUE' ? table.unique : table.indexes).push(list(m[2]!));
      }
    } else if (/^\w+ rows:/.test(segment)) {
      table.seedRows = list(segment.slice(segment.indexOf(':') + 1));
    } else {
      const p = parseColumn(segment);
      table.columns.push(p.column);
      if (p.pk) table.primaryKey.push(p.column.name);
      if (p.unique) table.unique.push([p.column.name]);
      if (p.fk) table.foreignKeys.push(p.fk);
      if (p.namedEnum) table.named.push([p.column.name, p.namedEnum]);
    }
  }
  return table;
}

export function parseSchemaMd(markdown: string): SpecTable[] {
  const rows = markdown
    .split('\n')
    .map((line) => /^\|\s*([a-z_]+)\s*\|\s*(.+?)\s*\|\s*$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && m[1] !== 'table');
  const tables = rows.map((m) => parseTable(m[1]!, m[2]!));
  for (const t of tables) {
    for (const [column, enumName] of t.named) {
      const [srcTable, srcColumn] = NAMED_ENUMS[enumName] ?? [];
      const source = tables.find((x) => x.name === srcTable)?.columns.find((c) => c.name === srcColumn);
      if (!source?.enumValues) throw new Error(`SCHEMA.md: unknown enum ${enumName} on ${t.name}.${column}`);
      const col = t.columns.find((c) => c.name === column)!;
      Object.assign(col, { family: 'enum', enumValues: source.enumValues });
    }
  }
  return tables.map(({ named: _named, ...t }) => t);
}

export function loadSpecSchema(file: string = SCHEMA_MD): SpecTable[] {
  return parseSchemaMd(readFileSync(file, 'utf8'));
}
