/**
 * Reads the two role tables of docs/privacy.md, so the privacy tests take their expectations from
 * the contract itself and not from what the server happens to answer: a cell changed on the page
 * changes what the tests demand.
 */
import { readFileSync } from 'node:fs';

/** The roles of the contract, in the order of its columns. */
export const CONTRACT_ROLES = [
  'teacher',
  'member',
  'lead',
  'coach',
  'observer',
  'observed',
  'line-manager',
  'cpd-leader',
  'admin',
  'service',
  'other-trust',
  'student',
] as const;

export type ContractRole = (typeof CONTRACT_ROLES)[number];

/** A cell: `yes`, `no`, or `self` (only the part about themselves). */
export type Cell = 'yes' | 'no' | 'self';

/** One table: row name -> role -> cell. */
export type ContractTable = Map<string, Record<ContractRole, Cell>>;

/** Parses the Markdown table that follows `<!-- marker ... -->` in the page. */
function parseTable(page: string, marker: string): ContractTable {
  const start = page.indexOf(`<!-- ${marker}`);
  if (start < 0) throw new Error(`docs/privacy.md has no table marked ${marker}`);
  const lines = page.slice(start).split('\n').slice(1);
  const rows = lines.slice(0, lines.findIndex((line, i) => i > 0 && !line.startsWith('|')));
  const cells = (line: string) => line.split('|').slice(1, -1).map((c) => c.trim());
  const header = cells(rows[0]!);
  const roles = header.slice(1);
  if (roles.join(',') !== CONTRACT_ROLES.join(',')) throw new Error(`${marker}: the columns are ${roles.join(', ')}, expected ${CONTRACT_ROLES.join(', ')}`);
  const table: ContractTable = new Map();
  for (const line of rows.slice(2)) {
    const [name, ...values] = cells(line);
    const row = {} as Record<ContractRole, Cell>;
    values.forEach((value, i) => {
      if (value !== 'yes' && value !== 'no' && value !== 'self') throw new Error(`${marker}: "${value}" in row ${name} is not yes, no or self`);
      row[CONTRACT_ROLES[i]!] = value;
    });
    table.set(name!, row);
  }
  return table;
}

/** The contract's "who may read what" and "who may write and share what" tables. */
export function readPrivacyContract(path = new URL('../../docs/privacy.md', import.meta.url)): { read: ContractTable; write: ContractTable } {
  const page = readFileSync(path, 'utf8');
  return { read: parseTable(page, 'privacy-read-table'), write: parseTable(page, 'privacy-write-table') };
}
