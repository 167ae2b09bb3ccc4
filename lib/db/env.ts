// The database's environment, validated once. DATABASE_URL picks the engine:
// unset or `file:…` is the embedded SQLite default (data/cnn-studio.db under
// the project root unless it says otherwise); `postgres://…` or
// `postgresql://…` is PostgreSQL.
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_DATABASE_URL, databaseFileFromUrl } from './database-file.mjs';
import { databaseEngine, postgresConnection, redactedUrl, type DatabaseEngine } from './database-url.mjs';

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? DEFAULT_DATABASE_URL : v.trim()))
    .refine((v) => databaseEngine(v) !== null, {
      message: 'expected an SQLite file URL like "file:data/cnn-studio.db" or a PostgreSQL URL like "postgresql://user:password@host:5432/db"',
    }),
});

export type DbEnv =
  | { engine: 'sqlite'; databaseUrl: string; /** Absolute path of the SQLite file. */ databaseFile: string; migrationsDir: string }
  | { engine: 'postgresql'; databaseUrl: string; migrationsDir: string };

/** Where each engine's migrations live. */
export function migrationsDirFor(engine: DatabaseEngine, root = process.cwd()): string {
  return path.join(root, 'prisma', engine === 'sqlite' ? 'migrations' : 'migrations-postgresql');
}

let cached: DbEnv | null = null;

export function dbEnv(): DbEnv {
  if (cached && cached.databaseUrl === (process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL)) return cached;
  const parsed = EnvSchema.safeParse({ DATABASE_URL: process.env.DATABASE_URL });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Never the password: the message may reach a log.
    throw new Error(`DATABASE_URL ${JSON.stringify(redactedUrl(process.env.DATABASE_URL ?? ''))}: ${issue?.message ?? 'invalid'}`);
  }
  const databaseUrl = parsed.data.DATABASE_URL;
  if (databaseEngine(databaseUrl) === 'postgresql') {
    postgresConnection(databaseUrl); // throws, naming the schema, when ?schema= is not an identifier
    cached = { engine: 'postgresql', databaseUrl, migrationsDir: migrationsDirFor('postgresql') };
  } else {
    cached = { engine: 'sqlite', databaseUrl, databaseFile: databaseFileFromUrl(databaseUrl)!, migrationsDir: migrationsDirFor('sqlite') };
  }
  return cached;
}
