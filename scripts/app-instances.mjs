// Starts production app instances (`next start` on a finished `next build`)
// for the two-instance e2e test and the load benchmark: each on its own
// loopback port, all over one DATABASE_URL, and stops them again.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';

const nextBin = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');

// Instances still running when this process ends (a crash, Ctrl-C) are stopped with it.
const running = new Set();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Resolves once GET /api/health answers 200; throws with the server's output after timeoutMs. */
async function waitForHealth(url, child, output, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app on ${url} exited (${child.exitCode}):\n${output.join('').slice(-2000)}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app on ${url} did not answer /api/health within ${timeoutMs / 1000} s:\n${output.join('').slice(-2000)}`);
}

/**
 * `next start` on 127.0.0.1:<port> with the given DATABASE_URL (and
 * NEXT_DIST_DIR, the build to serve). Returns { url, pid, stop }.
 */
export async function startInstance({ port, databaseUrl, env = {}, timeoutMs = 120_000 }) {
  const output = [];
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk) => {
    output.push(String(chunk));
    if (output.length > 200) output.shift();
  };
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  try {
    await waitForHealth(url, child, output, timeoutMs);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, pid: child.pid, stop, output };
}

/**
 * A fresh, empty schema in the PostgreSQL database `serverUrl` names; the
 * first instance to start migrates it (the others wait on the advisory lock).
 * Returns { url, drop }.
 */
export async function freshPostgresSchema(serverUrl, prefix) {
  const schema = `${prefix}_${randomBytes(5).toString('hex')}`;
  const url = new URL(serverUrl);
  url.searchParams.set('schema', schema);
  const drop = async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
  };
  return { url: url.toString(), schema, drop };
}
