/**
 * Records which of plc-kit's SQL statements (run from src/, not a test's own setup or checks) a
 * server test process runs, when PLC_TEST_SQL_DIR names a folder:
 * scripts/test.js runs most HTTP-level server files on PGlite only, and checks with these records
 * that every statement the PGlite pass ran also ran in the PostgreSQL pass (see its header).
 * Statements are kept in a normal form so that the same statement matches whatever its schema,
 * its literal numbers or the length of its parameter lists.
 */
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Db, Queryable } from '../../src/server/db.js';

const dir = process.env['PLC_TEST_SQL_DIR'] || undefined;
const seen = new Set<string>();

/** The normal form of a statement: one line, schema names, numbers and placeholder lists made generic. */
export function normalStatement(sql: string): string {
  return sql
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\bplc_[a-z0-9_]*\b/g, 'plc_…')
    .replace(/\$\d+/g, '$')
    .replace(/\b\d+\b/g, '0')
    .replace(/\$(?:\s*,\s*\$)+/g, '$…')
    .replace(/\((?:\$…|\$)(?:\s*::\s*\w+)?\)(?:\s*,\s*\((?:\$…|\$)(?:\s*::\s*\w+)?\))+/g, '($…)…');
}

if (dir) {
  process.on('exit', () => {
    // Named after the test file (or child server) that ran them, for the check's message; a test
    // file run from its bundle (scripts/test-bundles.js: x.test.ts -> x.test.js) by its own name.
    const file = basename(process.argv[1] ?? 'node').replace(/\.test\.js$/, '.test.ts');
    if (seen.size) writeFileSync(join(dir, `${file}.${process.pid}.sql.txt`), [...seen].join('\n') + '\n');
  });
}

/** Per statement text: whether plc-kit's own code runs it (src/), not a test's own setup or check. */
const fromSource = new Map<string, boolean>();
const SOURCE_FRAME = /[/\\]src[/\\][^\n]*\.ts:\d+/;

const recording = (q: Queryable): Queryable => ({
  query: (sql, params) => {
    let ours = fromSource.get(sql);
    if (ours === undefined) {
      ours = SOURCE_FRAME.test(new Error().stack ?? '');
      fromSource.set(sql, ours);
    }
    if (ours) seen.add(normalStatement(sql));
    return q.query(sql, params);
  },
});

/** `db` itself, or with PLC_TEST_SQL_DIR set, `db` recording every statement run through it. */
export function recordingStatements(db: Db): Db {
  if (!dir) return db;
  return {
    kind: db.kind,
    schema: db.schema,
    replica: db.replica,
    query: recording(db).query,
    transaction: (fn) => db.transaction((tx) => fn(recording(tx))),
    close: () => db.close(),
  };
}
