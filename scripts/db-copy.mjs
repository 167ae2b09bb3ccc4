// Copies an SQLite database's architectures, runs, epochs and weights (in their 1 MiB chunks) into
// PostgreSQL (npm run db:copy -- --from file:data/cnn-studio.db --to postgresql://…).
//
// - Both databases are migrated first (as the app would at start), so their
//   columns agree.
// - One PostgreSQL transaction: it copies everything or nothing.
// - Safe to rerun: rows are upserted by primary key, so a second run adds
//   nothing twice and brings rows changed in the source up to date.
// - Rows are read one at a time (weights in chunks of 1 MiB), never all at once.
// - At the end the row count of every copied table must match the source's;
//   otherwise it fails naming the table and both counts.
// Rate-limit counters (they expire within a minute) and the migration table
// (each database keeps its own) are not copied.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { databaseFileFromUrl } from '../lib/db/database-file.mjs';
import { databaseEngine, postgresConnection, redactedUrl } from '../lib/db/database-url.mjs';
import { applyMigrations } from '../lib/db/migrate.mjs';
import { applyPostgresMigrations } from '../lib/db/migrate-pg.mjs';

/** In foreign-key order; Architecture.forkedFromId (a self reference) is filled in after all architectures are in. */
export const COPIED_TABLES = [
  { table: 'Architecture', key: ['id'] },
  { table: 'Run', key: ['id'] },
  { table: 'RunEpoch', key: ['runId', 'epoch'] },
  { table: 'RunWeights', key: ['runId'] },
  // Only the chunks the run's weights point at: an upload cut off by a crash
  // may have left a chunk set behind, which is not copied (nor counted).
  {
    table: 'RunWeightChunk',
    key: ['runId', 'chunkSetId', 'index'],
    current: `EXISTS (SELECT 1 FROM "RunWeights" w WHERE w."runId" = "RunWeightChunk"."runId" AND w."chunkSetId" = "RunWeightChunk"."chunkSetId")`,
  },
];

const q = (name) => `"${name.replace(/"/g, '""')}"`;

// SQLite keeps DateTime as ISO text (Prisma), 'YYYY-MM-DD HH:MM:SS' (SQL
// CURRENT_TIMESTAMP, UTC) or unix milliseconds; PostgreSQL's timestamp(3)
// holds UTC wall time, so it gets an ISO string without a zone.
function toTimestamp(value, where) {
  if (value === null) return null;
  const date =
    typeof value === 'number' || typeof value === 'bigint'
      ? new Date(Number(value))
      : /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(value)
        ? new Date(`${value.replace(' ', 'T')}Z`)
        : new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`${where}: ${JSON.stringify(String(value).slice(0, 60))} is not a date`);
  return date.toISOString().replace('Z', '');
}

/**
 * Copies `from` (SQLite URL) into `to` (PostgreSQL URL). Returns the counts per
 * table: { Architecture: { source, target }, … }. Throws, naming the problem,
 * on a wrong URL, a failed migration or counts that differ.
 */
export async function copyDatabase({ from, to, log = () => undefined, root = process.cwd() }) {
  if (databaseEngine(from) !== 'sqlite') throw new Error(`--from ${JSON.stringify(redactedUrl(from))}: expected an SQLite file URL like file:data/cnn-studio.db`);
  if (databaseEngine(to) !== 'postgresql') throw new Error(`--to ${JSON.stringify(redactedUrl(to))}: expected a PostgreSQL URL like postgresql://user:password@host:5432/db`);
  const file = databaseFileFromUrl(from, root);
  applyMigrations(file, path.join(root, 'prisma', 'migrations'));
  await applyPostgresMigrations(to, path.join(root, 'prisma', 'migrations-postgresql'));

  const source = new Database(file, { readonly: true, fileMustExist: true });
  const { connectionString, schema, options } = postgresConnection(to);
  const target = new pg.Client({ connectionString, options });
  await target.connect();
  const counts = {};
  try {
    await target.query('BEGIN');
    for (const { table, key, current } of COPIED_TABLES) {
      const { rows: cols } = await target.query(
        'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
        [schema, table],
      );
      const targetType = new Map(cols.map((c) => [c.column_name, c.data_type]));
      const columns = source
        .prepare(`SELECT name FROM pragma_table_info(?)`)
        .all(table)
        .map((c) => c.name)
        .filter((c) => targetType.has(c));
      const deferred = table === 'Architecture' ? 'forkedFromId' : null;
      const insertCols = columns.map((c) => (c === deferred ? null : c)).filter(Boolean);
      const updates = insertCols.filter((c) => !key.includes(c)).map((c) => `${q(c)} = EXCLUDED.${q(c)}`);
      const sql = `INSERT INTO ${q(table)} (${insertCols.map(q).join(', ')}) VALUES (${insertCols.map((_, i) => `$${i + 1}`).join(', ')})
        ON CONFLICT (${key.map(q).join(', ')}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`;
      let copied = 0;
      const where = current ? ` WHERE ${current}` : '';
      for (const row of source.prepare(`SELECT ${columns.map(q).join(', ')} FROM ${q(table)}${where}`).iterate()) {
        const where = `${table} ${key.map((k) => row[k]).join('/')}`;
        const values = insertCols.map((c) => {
          const type = targetType.get(c);
          if (type === 'boolean') return row[c] === null ? null : Boolean(Number(row[c]));
          if (type?.startsWith('timestamp')) return toTimestamp(row[c], `${where}.${c}`);
          return row[c];
        });
        await target.query({ name: `copy-${table}`, text: sql, values });
        copied++;
      }
      if (deferred) {
        for (const row of source.prepare(`SELECT "id", ${q(deferred)} FROM ${q(table)} WHERE ${q(deferred)} IS NOT NULL`).iterate()) {
          await target.query({ name: 'copy-forks', text: `UPDATE ${q(table)} SET ${q(deferred)} = $2 WHERE "id" = $1`, values: [row.id, row[deferred]] });
        }
      }
      if (current) {
        // Weights replaced in the source since an earlier copy point at a new chunk set: drop the old one.
        const { rowCount } = await target.query(`DELETE FROM ${q(table)} WHERE NOT ${current}`);
        if (rowCount) log(`[db:copy] ${table}: ${rowCount} row(s) of replaced weights dropped`);
      }
      log(`[db:copy] ${table}: ${copied} row(s)`);
    }
    for (const { table, current } of COPIED_TABLES) {
      const where = current ? ` WHERE ${current}` : '';
      const sourceCount = Number(source.prepare(`SELECT COUNT(*) AS n FROM ${q(table)}${where}`).get().n);
      const { rows } = await target.query(`SELECT COUNT(*) AS n FROM ${q(table)}`);
      counts[table] = { source: sourceCount, target: Number(rows[0].n) };
    }
    const wrong = Object.entries(counts).filter(([, c]) => c.source !== c.target);
    if (wrong.length > 0) {
      throw new Error(
        `counts differ after the copy, so nothing was committed: ${wrong.map(([t, c]) => `${t} has ${c.source} row(s) in the source but ${c.target} in the target`).join('; ')} (the target holds rows the source does not: copy into an empty database)`,
      );
    }
    await target.query('COMMIT');
    return counts;
  } catch (e) {
    await target.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    source.close();
    await target.end();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
  if (!values.from || !values.to) {
    console.error('usage: npm run db:copy -- --from file:data/cnn-studio.db --to postgresql://user:password@host:5432/db');
    process.exit(2);
  }
  try {
    const counts = await copyDatabase({ from: values.from, to: values.to, log: (line) => console.log(line) });
    console.log(`[db:copy] done, counts match: ${Object.entries(counts).map(([t, c]) => `${t} ${c.target}`).join(', ')}`);
  } catch (e) {
    console.error(`[db:copy] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
