// Applies prisma/migrations to an SQLite file over better-sqlite3 and records
// them in `_prisma_migrations` exactly as `prisma migrate deploy` does (same
// table, same columns, checksum = sha256 of migration.sql), so a machine that
// has Prisma's schema engine can take over the same database.
// Plain JS: the setup script runs it before any TypeScript is compiled.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

// The DDL the schema engine uses for SQLite.
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export function checksumOf(sql) {
  return createHash('sha256').update(sql).digest('hex');
}

/** Migration folders (`<timestamp>_<name>/migration.sql`) in the order Prisma applies them. */
export function listMigrations(migrationsDir) {
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir)
    .filter((name) => statSync(path.join(migrationsDir, name)).isDirectory())
    .filter((name) => existsSync(path.join(migrationsDir, name, 'migration.sql')))
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: checksumOf(sql) };
    });
}

/** WAL lets readers go on while a writer writes; foreign keys make cascades real. */
export function configureConnection(db) {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/**
 * Applies every pending migration. Returns the names applied (empty when the
 * database was up to date). Throws, naming the migration, when one fails or
 * when an earlier failure is still recorded (as `migrate deploy` refuses to).
 */
export function applyMigrations(databaseFile, migrationsDir) {
  mkdirSync(path.dirname(databaseFile), { recursive: true });
  const db = new Database(databaseFile, { timeout: 10_000 });
  try {
    configureConnection(db);
    // Prisma's table-redefinition scripts turn foreign keys off around a
    // DROP/RENAME; that pragma is ignored inside a transaction, so this
    // connection runs migrations with them off and checks them before commit.
    db.pragma('foreign_keys = OFF');
    db.exec(MIGRATIONS_TABLE);
    const migrations = listMigrations(migrationsDir);
    const applied = [];
    // IMMEDIATE takes the write lock up front: two setup runs at once cannot both apply.
    db.exec('BEGIN IMMEDIATE');
    let current = null;
    try {
      const rows = db
        .prepare('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"')
        .all();
      const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
      if (failed) {
        throw new Error(
          `Migration ${failed.migration_name} failed earlier and is still marked as failed in _prisma_migrations; fix the database, then delete or mark that row rolled back`,
        );
      }
      const done = new Map(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => [r.migration_name, r]));
      const insert = db.prepare(
        'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)',
      );
      for (const m of migrations) {
        const row = done.get(m.name);
        if (row) {
          if (row.checksum !== m.checksum) {
            console.warn(`[db] migration ${m.name} was edited after it was applied (checksum differs); not re-applying it`);
          }
          continue;
        }
        current = m;
        const startedAt = Date.now();
        db.exec(m.sql);
        const violations = db.pragma('foreign_key_check');
        if (violations.length > 0) {
          throw new Error(`leaves ${violations.length} foreign key violation(s), first in table ${violations[0].table}`);
        }
        // Timestamps as the schema engine writes them for SQLite: unix milliseconds.
        insert.run(randomUUID(), m.checksum, Date.now(), m.name, startedAt);
        applied.push(m.name);
      }
      db.exec('COMMIT');
      return applied;
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      if (current) {
        const message = e instanceof Error ? e.message : String(e);
        // Rolled back for real, so recorded as rolled back: fixing the SQL and rerunning retries it.
        db.prepare(
          'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, NULL, ?, ?, ?, ?, 0)',
        ).run(randomUUID(), current.checksum, current.name, message, Date.now(), Date.now());
        throw new Error(`Migration ${current.name} failed and was rolled back: ${message}`);
      }
      throw e;
    }
  } finally {
    db.close();
  }
}
