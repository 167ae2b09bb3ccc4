// The database's environment, validated once. An SQLite file is the embedded
// default: data/cnn-studio.db under the project root unless DATABASE_URL says otherwise.
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_DATABASE_URL, databaseFileFromUrl } from './database-file.mjs';

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? DEFAULT_DATABASE_URL : v.trim()))
    .refine((v) => databaseFileFromUrl(v) !== null, {
      message: 'expected an SQLite file URL like "file:data/cnn-studio.db" (other databases are not supported yet)',
    }),
});

export interface DbEnv {
  databaseUrl: string;
  /** Absolute path of the SQLite file. */
  databaseFile: string;
  migrationsDir: string;
}

let cached: DbEnv | null = null;

export function dbEnv(): DbEnv {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse({ DATABASE_URL: process.env.DATABASE_URL });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`DATABASE_URL ${JSON.stringify(process.env.DATABASE_URL)}: ${issue?.message ?? 'invalid'}`);
  }
  const databaseUrl = parsed.data.DATABASE_URL;
  cached = {
    databaseUrl,
    databaseFile: databaseFileFromUrl(databaseUrl)!,
    migrationsDir: path.join(process.cwd(), 'prisma', 'migrations'),
  };
  return cached;
}
