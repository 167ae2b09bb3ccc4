// Applies prisma/migrations-postgresql to a PostgreSQL database and records
// them in `_prisma_migrations` as `prisma migrate deploy` does for PostgreSQL
// (same table and columns, checksum = sha256 of migration.sql), so Prisma's
// own CLI can take over the database. Several app instances may start at
// once: a session advisory lock (Prisma's own key, so `migrate deploy` and
// this runner exclude each other too) lets one apply while the others wait,
// then find nothing left to do. Each migration runs in its own transaction
// (PostgreSQL's DDL is transactional), so a failure leaves nothing half done.
// Plain JS: the setup script runs it before any TypeScript is compiled.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { listMigrations } from './migrate.mjs';
import { postgresConnection, redactedUrl } from './database-url.mjs';

// The DDL the schema engine uses for PostgreSQL.
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** The advisory lock key Prisma's schema engine takes around migrations. */
export const MIGRATION_LOCK_KEY = 72707369;

/**
 * Applies every pending migration. Returns the names applied (empty when the
 * database was up to date). Throws, naming the migration, when one fails or
 * when an earlier failure is still recorded (as `migrate deploy` refuses to).
 */
export async function applyPostgresMigrations(url, migrationsDir) {
  const { connectionString, schema, options } = postgresConnection(url);
  const client = new pg.Client({ connectionString, options, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(`cannot reach PostgreSQL at ${redactedUrl(url)}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(MIGRATIONS_TABLE);
      const { rows } = await client.query('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"');
      const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
      if (failed) {
        throw new Error(
          `Migration ${failed.migration_name} failed earlier and is still marked as failed in _prisma_migrations; fix the database, then delete or mark that row rolled back`,
        );
      }
      const done = new Map(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => [r.migration_name, r]));
      const applied = [];
      for (const m of listMigrations(migrationsDir)) {
        const row = done.get(m.name);
        if (row) {
          if (row.checksum !== m.checksum) {
            console.warn(`[db] migration ${m.name} was edited after it was applied (checksum differs); not re-applying it`);
          }
          continue;
        }
        const startedAt = new Date();
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query(
            'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)',
            [randomUUID(), m.checksum, m.name, startedAt],
          );
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK');
          const message = e instanceof Error ? e.message : String(e);
          // Rolled back for real, so recorded as rolled back: fixing the SQL and rerunning retries it.
          await client.query(
            'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES ($1, $2, NULL, $3, $4, now(), $5, 0)',
            [randomUUID(), m.checksum, m.name, message, startedAt],
          );
          throw new Error(`Migration ${m.name} failed and was rolled back: ${message}`);
        }
        applied.push(m.name);
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}
