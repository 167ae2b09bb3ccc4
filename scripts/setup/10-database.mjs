// Database setup, run by `node scripts/setup.mjs` (npm run dev/build/test:unit):
// 1. generates the Prisma client into lib/db/generated when it is missing or
//    schema.prisma changed since it was generated;
// 2. creates the data directory and applies pending SQL migrations with our
//    own runner (lib/db/migrate.mjs), which records them as `prisma migrate
//    deploy` would. Idempotent; a no-op costs a few milliseconds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.cwd();
const schemaFile = path.join(root, 'prisma', 'schema.prisma');
const generatedDir = path.join(root, 'lib', 'db', 'generated');
const stampFile = path.join(generatedDir, '.schema-sha256');

function generateIfStale() {
  const schemaHash = createHash('sha256').update(readFileSync(schemaFile)).digest('hex');
  const fresh =
    existsSync(path.join(generatedDir, 'client.ts')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === schemaHash;
  if (fresh) return false;
  const cli = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
  const result = spawnSync(process.execPath, [cli, 'generate', '--schema', schemaFile], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      // `generate` needs no schema engine, but the CLI insists on locating one
      // and would try to download it (there may be no network): any existing
      // file satisfies the check.
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      PRISMA_DISABLE_WARNINGS: '1',
      CHECKPOINT_DISABLE: '1',
    },
  });
  if (result.status !== 0) {
    throw new Error(`prisma generate failed (exit ${result.status}):\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  }
  writeFileSync(stampFile, `${schemaHash}\n`);
  return true;
}

export default async function setupDatabase() {
  const generated = generateIfStale();
  const { DEFAULT_DATABASE_URL, databaseFileFromUrl } = await import(pathToFileURL(path.join(root, 'lib', 'db', 'database-file.mjs')).href);
  const { applyMigrations } = await import(pathToFileURL(path.join(root, 'lib', 'db', 'migrate.mjs')).href);
  const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const file = databaseFileFromUrl(url, root);
  if (!file) throw new Error(`DATABASE_URL ${JSON.stringify(url)} is not an SQLite file URL (e.g. file:data/cnn-studio.db)`);
  const applied = applyMigrations(file, path.join(root, 'prisma', 'migrations'));
  if (generated) console.log('[setup] generated the Prisma client (lib/db/generated)');
  if (applied.length > 0) console.log(`[setup] applied ${applied.length} migration(s) to ${path.relative(root, file) || file}: ${applied.join(', ')}`);
}
