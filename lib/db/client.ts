// The one Prisma client of the process, over better-sqlite3. The first use
// applies any pending migration, so a server or test started on a fresh
// database file works without a separate step.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/client';
import { dbEnv } from './env';
import { applyMigrations } from './migrate.mjs';

type Db = InstanceType<typeof PrismaClient>;

// Survives Next's dev-mode module reloads, which would otherwise open a new
// connection on every edit.
const holder = globalThis as typeof globalThis & { __cnnStudioDb?: Promise<Db> };

async function open(): Promise<Db> {
  const { databaseFile, migrationsDir } = dbEnv();
  applyMigrations(databaseFile, migrationsDir);
  const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${databaseFile}`, timeout: 5000 }) });
  // Per connection: foreign keys (better-sqlite3 enables them by default; say so anyway).
  await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  return prisma;
}

export function getDb(): Promise<Db> {
  holder.__cnnStudioDb ??= open().catch((e: unknown) => {
    holder.__cnnStudioDb = undefined;
    throw e;
  });
  return holder.__cnnStudioDb;
}

/** For tests: closes the connection so the next getDb() opens a fresh one. */
export async function disconnectDb(): Promise<void> {
  const pending = holder.__cnnStudioDb;
  holder.__cnnStudioDb = undefined;
  if (pending) await (await pending).$disconnect();
}

export type { Db };
