// Measures what issue 13 items 8-10 are about, against a production build
// (`next build` first) served on loopback with a scratch database:
//   1. latency of the owner's architecture list with N architectures (default 1,000);
//   2. latency of /api/health while four clients list over and over;
//   3. the server's memory (RSS) while four anonymous 60 MiB weight uploads
//      go to a made-up run id.
// Usage: node scripts/measure-api.mjs [--port 3190] [--architectures 1000] [--nodes 100]
//        [--dir <checkout with a build>] [--dist .next] [--out results.json] [--phases lists,uploads]
// Everything is bounded (request timeouts, a fixed number of rounds) and talks
// only to 127.0.0.1; the server and its database are removed at the end.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { rssMiB } from './process-rss.mjs';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '3190' },
    architectures: { type: 'string', default: '1000' },
    nodes: { type: 'string', default: '100' },
    dir: { type: 'string', default: process.cwd() },
    dist: { type: 'string', default: process.env.NEXT_DIST_DIR ?? '.next' },
    out: { type: 'string' },
    phases: { type: 'string', default: 'lists,uploads' },
  },
});
const port = Number(args.port);
const architectureCount = Math.min(Number(args.architectures), 20_000);
const nodeCount = Math.min(Math.max(Number(args.nodes), 4), 500);
const dir = path.resolve(args.dir);
const base = `http://127.0.0.1:${port}`;
const phases = new Set(args.phases.split(','));
const UPLOAD_BYTES = 60 * 1024 * 1024;

// ------------------------------------------------------------------ helpers

/** One HTTP request on loopback; resolves with status, body text and elapsed ms. Never hangs past `timeoutMs`. */
function request(method, urlPath, { headers = {}, body, timeoutMs = 60_000 } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request(`${base}${urlPath}`, { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
      res.on('error', (e) => resolve({ status: 0, text: String(e), ms: performance.now() - started }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, text: String(e), ms: performance.now() - started }));
    req.end(body);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (n) => Math.round(n * 10) / 10;
  return { n: sorted.length, medianMs: round(at(0.5)), p95Ms: round(at(0.95)), maxMs: round(sorted[sorted.length - 1]) };
}

/** A valid document of `n` nodes: Input, Flatten, a chain of small Dense layers, a softmax Dense. */
function chainDocument(name, n) {
  const nodes = [
    { id: 'input', type: 'Input', params: { shape: [28, 28, 1] }, position: { x: 0, y: 0 } },
    { id: 'flatten', type: 'Flatten', params: {}, position: { x: 0, y: 110 } },
  ];
  for (let i = 0; i < n - 3; i++) nodes.push({ id: `d${i}`, type: 'Dense', params: { units: 16, activation: 'relu', useBias: true }, position: { x: 0, y: 220 + i * 110 } });
  nodes.push({ id: 'output', type: 'Dense', params: { units: 10, activation: 'softmax', useBias: true }, position: { x: 0, y: 220 + (n - 3) * 110 } });
  const edges = nodes.slice(1).map((node, i) => ({ id: `e${i}`, source: nodes[i].id, target: node.id, targetHandle: 'in0' }));
  return { version: 1, name, nodes, edges };
}

// ------------------------------------------------------------------ the run

const scratch = mkdtempSync(path.join(tmpdir(), 'cnn-studio-measure-'));
const databaseFile = path.join(scratch, 'measure.db');
let server = null;
function startServer() {
  server = spawn(process.execPath, [path.join(dir, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: dir,
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, NEXT_DIST_DIR: args.dist, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
const stopServer = () => {
  if (server && server.exitCode === null) server.kill('SIGTERM');
};
async function restartServer() {
  const old = server;
  stopServer();
  if (old && old.exitCode === null) await new Promise((r) => old.once('exit', r));
  startServer();
  await waitUntilUp();
}
async function waitUntilUp() {
  for (let i = 0; i < 240; i++) {
    if ((await request('GET', '/api/health', { timeoutMs: 5000 })).status === 200) return;
    await sleep(500);
  }
  throw new Error(`the server on port ${port} did not answer /api/health within 2 minutes`);
}
startServer();
process.on('exit', () => {
  stopServer();
  rmSync(scratch, { recursive: true, force: true });
});
process.on('SIGINT', () => process.exit(130));

const results = { dir, architectures: architectureCount, nodesPerDocument: nodeCount };
try {
  // Up, and the database migrated (the first request to touch it applies migrations).
  await waitUntilUp();

  if (phases.has('lists')) {
    // An owner, made the way a browser becomes one.
    const document = chainDocument('Seed', nodeCount);
    const created = await request('POST', '/api/architectures', {
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ name: 'Seed', document }),
    });
    if (created.status !== 201) throw new Error(`creating the first architecture failed: ${created.status} ${created.text}`);
    const cookie = String(created.headers['set-cookie']).split(';')[0];
    const secret = cookie.split('=')[1];
    const ownerHash = createHash('sha256').update(secret).digest('hex');

    // The rest straight into the database (no rate limit in the way), with only
    // the columns every version of the schema has: a version that stores list
    // summaries fills them in as lists reach them (measured below as "cold").
    const sqlite = new Database(databaseFile, { timeout: 10_000 });
    const insert = sqlite.prepare(
      'INSERT INTO "Architecture" ("id", "name", "document", "version", "ownerHash", "shareId", "createdAt", "updatedAt") VALUES (?, ?, ?, 1, ?, ?, ?, ?)',
    );
    const now = Date.now();
    sqlite.transaction(() => {
      for (let i = 1; i < architectureCount; i++) {
        const name = `Architecture ${i}`;
        const when = new Date(now - i * 1000).toISOString().replace('Z', '+00:00');
        insert.run(randomBytes(16).toString('base64url'), name, JSON.stringify(chainDocument(name, nodeCount)), ownerHash, randomBytes(18).toString('base64url'), when, when);
      }
    })();
    sqlite.close();
    const auth = { cookie };

    // 1. List latency: the first request (a version with summaries backfills that page), then steady state.
    const cold = await request('GET', '/api/architectures', { headers: auth, timeoutMs: 120_000 });
    if (cold.status !== 200) throw new Error(`listing failed: ${cold.status} ${cold.text.slice(0, 200)}`);
    const firstPage = JSON.parse(cold.text);
    results.listFirstRequestMs = Math.round(cold.ms);
    results.listRowsPerResponse = firstPage.architectures.length;
    results.listPaginated = firstPage.nextCursor !== undefined;
    // Every page once, as scrolling to the end of /mine does (a paginated version backfills the rest here).
    const walk = async () => {
      const started = performance.now();
      let cursor = null;
      let rows = 0;
      let requests = 0;
      do {
        const res = await request('GET', `/api/architectures?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: auth, timeoutMs: 120_000 });
        if (res.status !== 200) throw new Error(`listing failed: ${res.status}`);
        const body = JSON.parse(res.text);
        rows += body.architectures.length;
        cursor = body.nextCursor ?? null;
        requests++;
      } while (cursor && requests < 1000);
      return { rows, requests, ms: Math.round(performance.now() - started) };
    };
    results.listEverything = await walk();
    results.listEverythingAgain = await walk();
    const listSamples = [];
    for (let i = 0; i < 10; i++) listSamples.push((await request('GET', '/api/architectures', { headers: auth, timeoutMs: 120_000 })).ms);
    results.listLatency = stats(listSamples);
    const mineSamples = [];
    for (let i = 0; i < 5; i++) mineSamples.push((await request('GET', '/mine', { headers: auth, timeoutMs: 120_000 })).ms);
    results.minePageLatency = stats(mineSamples);

    // 2. /api/health while four clients list back to back for a fixed number of rounds.
    const idle = [];
    for (let i = 0; i < 10; i++) idle.push((await request('GET', '/api/health')).ms);
    results.healthIdle = stats(idle);
    let listing = true;
    const lists = Array.from({ length: 4 }, async () => {
      let n = 0;
      while (listing && n < 200) {
        await request('GET', '/api/architectures', { headers: auth, timeoutMs: 120_000 });
        n++;
      }
      return n;
    });
    await sleep(300);
    const busy = [];
    for (let i = 0; i < 20; i++) {
      busy.push((await request('GET', '/api/health', { timeoutMs: 60_000 })).ms);
      await sleep(100);
  }
  listing = false;
  results.listsCompletedMeanwhile = (await Promise.all(lists)).reduce((a, b) => a + b, 0);
  results.healthUnderFourLists = stats(busy);
  }

  if (phases.has('uploads')) {
    // 3. Memory during four anonymous 60 MiB uploads to a run that does not
    // exist, on a freshly started server (the lists above leave a grown heap
    // that would hide the uploads' allocations), after one warm-up request.
    await restartServer();
    await request('PUT', '/api/runs/warmUp/weights', { headers: { 'content-type': 'application/octet-stream', origin: base }, body: Buffer.alloc(8) });
    await sleep(1000);
    const rssBefore = rssMiB(server.pid);
    let peak = rssBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMiB(server.pid));
    }, 25);
    // Well-formed weights ([uint32 length][specs JSON][float32 data]), so that
    // nothing but the missing run can refuse them.
    const specsJson = Buffer.from(JSON.stringify([{ name: 'w', shape: [0], dtype: 'float32' }]));
    const floats = Math.floor((UPLOAD_BYTES - 4 - specsJson.byteLength - 16) / 4);
    const specs = Buffer.from(JSON.stringify([{ name: 'w', shape: [floats], dtype: 'float32' }]));
    const payload = Buffer.alloc(4 + specs.byteLength + floats * 4, 0);
    payload.writeUInt32LE(specs.byteLength, 0);
    specs.copy(payload, 4);
    const uploads = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        request('PUT', `/api/runs/madeUpRunId${i}/weights`, {
          headers: { 'content-type': 'application/octet-stream', 'content-length': String(payload.byteLength), origin: base },
          body: payload,
          timeoutMs: 120_000,
        }),
      ),
    );
    await sleep(500);
    clearInterval(sampler);
    peak = Math.max(peak, rssMiB(server.pid));
    results.uploads = {
      statuses: uploads.map((u) => u.status),
      msEach: uploads.map((u) => Math.round(u.ms)),
      rssBeforeMiB: Math.round(rssBefore * 10) / 10,
      rssPeakMiB: Math.round(peak * 10) / 10,
      rssAddedMiB: Math.round((peak - rssBefore) * 10) / 10,
      bytesEach: payload.byteLength,
    };
  }
} catch (e) {
  results.error = e instanceof Error ? e.message : String(e);
  process.exitCode = 1;
} finally {
  stopServer();
}

const text = JSON.stringify(results, null, 2);
console.log(text);
if (args.out) writeFileSync(args.out, `${text}\n`);
