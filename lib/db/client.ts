// The one Prisma client of the process. DATABASE_URL picks the engine
// (lib/db/env.ts): SQLite over better-sqlite3, or PostgreSQL over node-postgres
// through @prisma/adapter-pg. Prisma allows one provider per schema, so each
// engine has its own generated client (lib/db/generated, lib/db/generated-pg)
// from schemas with the same models; repositories see one type, `Db`. The
// first use applies any pending migration, so a server or test started on a
// fresh database works without a separate step. Whatever differs between the
// engines at runtime is in this file: the repositories' raw SQL is standard SQL
// that both run (the same tests check it on both).
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PrismaClient } from './generated/client';
import { PrismaClient as PrismaClientPg } from './generated-pg/client';
import { dbEnv, type DbEnv } from './env';
import { applyMigrations, configureConnection } from './migrate.mjs';
import { applyPostgresMigrations } from './migrate-pg.mjs';
import { postgresConnection } from './database-url.mjs';
import { gatedAdapterFactory, SqliteGate } from './sqlite-gate';

/**
 * The client type repositories use. Both generated clients have the same
 * models, fields and methods (the schemas differ only in their datasource),
 * so the PostgreSQL one is used through this type too.
 */
type Db = InstanceType<typeof PrismaClient>;
export type DatabaseEngine = DbEnv['engine'];

/**
 * Run weights' 1 MiB chunks go through the driver, not Prisma: Prisma's query
 * path keeps several transient copies of every Bytes value it passes, which
 * made the server's memory grow by over 100 MiB during one 60 MiB upload
 * (scripts/measure-weights.mjs). Plain statements on the RunWeightChunk table,
 * on a connection (SQLite) or a small pool (PostgreSQL) of their own; the
 * swap of a run's chunk set stays a Prisma transaction (lib/db/runs.ts).
 */
export interface WeightChunkStore {
  put(runId: string, chunkSetId: string, index: number, data: Uint8Array): Promise<void>;
  get(runId: string, chunkSetId: string, index: number): Promise<Uint8Array | null>;
  close(): Promise<void>;
}

const INSERT_CHUNK = 'INSERT INTO "RunWeightChunk" ("runId", "chunkSetId", "index", "data") VALUES ($1, $2, $3, $4)';
const SELECT_CHUNK = 'SELECT "data" FROM "RunWeightChunk" WHERE "runId" = $1 AND "chunkSetId" = $2 AND "index" = $3';

function sqliteChunkStore(databaseFile: string, gate: SqliteGate): WeightChunkStore {
  const sqlite = new Database(databaseFile, { timeout: 5000 });
  configureConnection(sqlite);
  const insert = sqlite.prepare(INSERT_CHUNK.replace(/\$\d/g, '?'));
  const select = sqlite.prepare<[string, string, number], Buffer>(SELECT_CHUNK.replace(/\$\d/g, '?')).pluck();
  return {
    // Not while the app's connection has a transaction open: this connection
    // would wait for its lock on the thread that transaction needs (sqlite-gate.ts).
    put: async (runId, chunkSetId, index, data) => {
      await gate.run(() => insert.run(runId, chunkSetId, index, data));
    },
    get: async (runId, chunkSetId, index) => select.get(runId, chunkSetId, index) ?? null,
    close: async () => {
      sqlite.close();
    },
  };
}

function postgresChunkStore(databaseUrl: string): WeightChunkStore {
  const { connectionString, options } = postgresConnection(databaseUrl);
  // Uploads and downloads of weights are rare and each uses one connection at a time.
  const pool = new pg.Pool({ connectionString, options, max: 2, connectionTimeoutMillis: 10_000 });
  return {
    put: async (runId, chunkSetId, index, data) => {
      await pool.query(INSERT_CHUNK, [runId, chunkSetId, index, Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
    },
    get: async (runId, chunkSetId, index) => {
      const { rows } = await pool.query<{ data: Buffer }>(SELECT_CHUNK, [runId, chunkSetId, index]);
      return rows[0]?.data ?? null;
    },
    close: () => pool.end(),
  };
}

/**
 * The health check's own way to the database, apart from the app's pool: with
 * every pooled connection busy (50 list requests in flight), a probe through
 * that pool waited its turn behind them (p99 over 300 ms on PostgreSQL in
 * docs/load.md) and a load balancer could take a busy instance for a dead
 * one. A probe still goes to the database server and back, so it fails when
 * the database does not answer.
 */
interface DatabaseProbe {
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A probe longer than this counts as no answer. */
const PROBE_TIMEOUT_MS = 5000;

function sqliteProbe(databaseFile: string): DatabaseProbe {
  // Read-only: a probe never writes. SQLite runs in this process, so the
  // probe cannot queue behind other queries, only behind the event loop. It
  // reads a table (SELECT 1 alone would not touch the file).
  const sqlite = new Database(databaseFile, { readonly: true, fileMustExist: true, timeout: PROBE_TIMEOUT_MS });
  const select = sqlite.prepare('SELECT 1 FROM "_prisma_migrations" LIMIT 1');
  return {
    ping: async () => {
      select.get();
    },
    close: async () => {
      sqlite.close();
    },
  };
}

function postgresProbe(databaseUrl: string): DatabaseProbe {
  const { connectionString, options } = postgresConnection(databaseUrl);
  // One connection of its own, kept open between probes (idleTimeoutMillis 0)
  // and opened again by the pool after the server drops it.
  const pool = new pg.Pool({
    connectionString,
    options,
    max: 1,
    // So that pg_stat_activity tells the probe from the app's connections.
    application_name: 'cnn-studio health',
    idleTimeoutMillis: 0,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    query_timeout: PROBE_TIMEOUT_MS,
    allowExitOnIdle: true,
  });
  // An idle connection the server closes must not crash the process; the next probe opens another.
  pool.on('error', (e) => console.error(`[db] health probe's connection lost: ${e.message}`));
  // Probes that arrive while one is on its way share its answer, which comes
  // back after they arrived: a burst of probes costs one round trip, not a
  // queue of them on the one connection.
  let inFlight: Promise<void> | null = null;
  return {
    ping: () => {
      inFlight ??= pool.query('SELECT 1').then(
        () => {
          inFlight = null;
        },
        (e: unknown) => {
          inFlight = null;
          throw e;
        },
      );
      return inFlight;
    },
    close: () => pool.end(),
  };
}

type Opened = { db: Db; engine: DatabaseEngine; chunks: WeightChunkStore; probe: DatabaseProbe };

// Survives Next's dev-mode module reloads, which would otherwise open a new
// connection on every edit.
const holder = globalThis as typeof globalThis & { __cnnStudioDb?: Promise<Opened> };

/**
 * The app's PostgreSQL connections per instance (CNN_STUDIO_PG_POOL_SIZE,
 * default 10). Several instances share one server's max_connections (100 by
 * default), so each keeps a modest pool; requests beyond it wait in the pool's
 * queue, which costs them latency but not the server's CPU (docs/load.md).
 */
export function postgresPoolSize(): number {
  const n = Number(process.env.CNN_STUDIO_PG_POOL_SIZE ?? '');
  return Number.isInteger(n) && n >= 1 ? n : 10;
}

async function open(): Promise<Opened> {
  const env = dbEnv();
  if (env.engine === 'postgresql') {
    await applyPostgresMigrations(env.databaseUrl, env.migrationsDir);
    const { connectionString, schema, options } = postgresConnection(env.databaseUrl);
    const adapter = new PrismaPg({ connectionString, options, max: postgresPoolSize(), connectionTimeoutMillis: 10_000 }, { schema });
    return {
      db: new PrismaClientPg({ adapter }) as unknown as Db,
      engine: 'postgresql',
      chunks: postgresChunkStore(env.databaseUrl),
      probe: postgresProbe(env.databaseUrl),
    };
  }
  applyMigrations(env.databaseFile, env.migrationsDir);
  const gate = new SqliteGate();
  const prisma = new PrismaClient({ adapter: gatedAdapterFactory(new PrismaBetterSqlite3({ url: `file:${env.databaseFile}`, timeout: 5000 }), gate) });
  // Per connection: foreign keys (better-sqlite3 enables them by default; say so anyway).
  await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  // WAL with synchronous NORMAL: a commit is not fsynced by itself (the WAL is
  // at each checkpoint). Durable across a crash of the app; a power cut may
  // lose the last commits, never corrupt the file. With FULL every commit
  // waited for the disk on the event loop's thread: multi-second stalls on a
  // slow disk (docs/load.md).
  await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  return { db: prisma, engine: 'sqlite', chunks: sqliteChunkStore(env.databaseFile, gate), probe: sqliteProbe(env.databaseFile) };
}

function opened(): Promise<Opened> {
  holder.__cnnStudioDb ??= open().catch((e: unknown) => {
    holder.__cnnStudioDb = undefined;
    throw e;
  });
  return holder.__cnnStudioDb;
}

export async function getDb(): Promise<Db> {
  return (await opened()).db;
}

/** Reads and writes run weights' chunks (see WeightChunkStore). */
export async function getWeightChunkStore(): Promise<WeightChunkStore> {
  return (await opened()).chunks;
}

/** Which engine the open database runs on (opens it, applying migrations, if needed). */
export async function getDbEngine(): Promise<DatabaseEngine> {
  return (await opened()).engine;
}

/**
 * Proves the database answers, through the probe's own connection (see
 * DatabaseProbe); opens the database, applying migrations, on first use.
 * Throws when it cannot be reached or does not answer within 5 s.
 */
export async function pingDatabase(): Promise<void> {
  await (await opened()).probe.ping();
}

/** For tests: closes the connection so the next getDb() opens a fresh one. */
export async function disconnectDb(): Promise<void> {
  const pending = holder.__cnnStudioDb;
  holder.__cnnStudioDb = undefined;
  const open = await pending?.catch(() => null);
  if (open) {
    await open.chunks.close().catch(() => undefined);
    await open.probe.close().catch(() => undefined);
    await open.db.$disconnect();
  }
}

export type { Db };
