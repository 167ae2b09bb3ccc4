// Starts the production build for Playwright on a fresh database of its own.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';

const port = process.env.PORT ?? '3100';
mkdirSync('.tmp', { recursive: true });
const db = `.tmp/e2e-${port}.db`;
for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
const env = { ...process.env, DATABASE_URL: `file:${db}` };

const setup = spawn(process.execPath, ['scripts/setup.mjs'], { env, stdio: 'inherit' });
setup.on('exit', (code) => {
  if (code !== 0) process.exit(code ?? 1);
  const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', port], { env, stdio: 'inherit' });
  const stop = () => server.kill('SIGTERM');
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  server.on('exit', (c) => process.exit(c ?? 0));
});
