// Database setup, run by `node scripts/setup.mjs` (npm run dev/build/test:unit):
// 1. generates the Prisma clients (SQLite into lib/db/generated, PostgreSQL
//    into lib/db/generated-pg) when one is missing or its schema changed
//    since it was generated;
// 2. applies pending SQL migrations for the engine DATABASE_URL names with our
//    own runners (lib/db/migrate.mjs: creates the SQLite file's directory;
//    lib/db/migrate-pg.mjs: under an advisory lock), which record them as
//    `prisma migrate deploy` would. Idempotent; a no-op costs a few milliseconds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.cwd();
const clients = [
  { schemaFile: path.join(root, 'prisma', 'schema.prisma'), generatedDir: path.join(root, 'lib', 'db', 'generated') },
  { schemaFile: path.join(root, 'prisma', 'schema.postgresql.prisma'), generatedDir: path.join(root, 'lib', 'db', 'generated-pg') },
];

function generateIfStale({ schemaFile, generatedDir }) {
  const stampFile = path.join(generatedDir, '.schema-sha256');
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
  const generated = clients.filter((c) => generateIfStale(c)).map((c) => path.relative(root, c.generatedDir));
  const lib = (file) => import(pathToFileURL(path.join(root, 'lib', 'db', file)).href);
  const { DEFAULT_DATABASE_URL, databaseFileFromUrl } = await lib('database-file.mjs');
  const { databaseEngine, redactedUrl } = await lib('database-url.mjs');
  const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const engine = databaseEngine(url);
  if (engine === null) {
    throw new Error(
      `DATABASE_URL ${JSON.stringify(redactedUrl(url))} is neither an SQLite file URL (e.g. file:data/cnn-studio.db) nor a PostgreSQL URL (postgresql://user:password@host:5432/db)`,
    );
  }
  let applied;
  let target;
  if (engine === 'postgresql') {
    const { applyPostgresMigrations } = await lib('migrate-pg.mjs');
    applied = await applyPostgresMigrations(url, path.join(root, 'prisma', 'migrations-postgresql'));
    target = redactedUrl(url);
  } else {
    const { applyMigrations } = await lib('migrate.mjs');
    const file = databaseFileFromUrl(url, root);
    applied = applyMigrations(file, path.join(root, 'prisma', 'migrations'));
    target = path.relative(root, file) || file;
  }
  if (generated.length > 0) console.log(`[setup] generated the Prisma client(s): ${generated.join(', ')}`);
  if (applied.length > 0) console.log(`[setup] applied ${applied.length} migration(s) to ${target}: ${applied.join(', ')}`);
}
