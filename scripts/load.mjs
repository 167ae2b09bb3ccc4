// Load benchmark (npm run load): what the server does for a class at once,
// per route, on SQLite with one app instance and on PostgreSQL with one and
// two. A benchmark, not a test: it prints requests/s, p50, p99 and errors per
// route and writes load-results.json; docs/load.md keeps the latest table.
//
//   npm run load [-- --duration 10 --warmup 3 --repeats 3 --connections 50 --rate 200 --probe-rate 20 --postgres postgresql://… --dist .next-load --port 3400 --out load-results.json]
//
// Two phases per scenario. Saturation: each route as fast as the server
// answers at --connections closed-loop connections, which shows throughput
// (req/s) but makes p99 mostly time spent queueing (connections / req/s).
// Latency: the owner's list offered at a fixed --rate (req/s over all
// instances, over at most the same connections) with /api/health probed at
// --probe-rate req/s per instance meanwhile, which shows what a request waits
// at a load the server can carry. Requests go out evenly spaced whatever the
// answers' pace (open loop; see `paced`), and each one's latency runs from
// the time it was due.
//
// Loopback only (every instance listens on 127.0.0.1), bounded in time
// (--duration seconds per route, 3 to 60) and connections (at most 200).
// Each scenario gets a fresh database: an SQLite file under .tmp/ and, with
// --postgres or CNN_STUDIO_TEST_POSTGRES_URL, a fresh schema in that
// PostgreSQL database (dropped at the end). Without PostgreSQL it runs the
// SQLite scenario and says, in one line, that the PostgreSQL ones were skipped.
// Builds the app first (npm run build into --dist) unless that build exists.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { postgresConnection } from '../lib/db/database-url.mjs';
import { freshPostgresSchema, startInstance } from './app-instances.mjs';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    repeats: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    rate: { type: 'string', default: '200' },
    'probe-rate': { type: 'string', default: '20' },
    postgres: { type: 'string', default: process.env.CNN_STUDIO_TEST_POSTGRES_URL ?? '' },
    dist: { type: 'string', default: '.next-load' },
    port: { type: 'string', default: '3400' },
    architectures: { type: 'string', default: '1000' },
    out: { type: 'string', default: 'load-results.json' },
    scenarios: { type: 'string', default: 'sqlite-1,postgresql-1,postgresql-2' },
    'table-from': { type: 'string' },
  },
});
// autocannon averages per-second samples: under 3 s a busy server may show none.
const duration = Math.min(60, Math.max(3, Number(args.duration)));
// Unmeasured seconds of each route before it is measured (0 to 30): a freshly
// started server runs a route's code cold for seconds (V8 has not optimised
// it yet), which is a start-up cost, not the route's.
const warmup = Math.min(30, Math.max(0, Number(args.warmup)));
// Rounds of the fixed-rate phase (1 to 10); the table shows the median round.
const repeats = Math.min(10, Math.max(1, Math.round(Number(args.repeats))));
const connections = Math.min(200, Math.max(1, Number(args.connections)));
// Offered rates of the latency phase: the owner's list over all instances, health per instance.
const listRate = Math.min(10_000, Math.max(1, Number(args.rate)));
const probeRate = Math.min(1_000, Math.max(1, Number(args['probe-rate'])));
const listSize = Math.max(1, Number(args.architectures));
const basePort = Number(args.port);
const distDir = args.dist;
const postgresUrl = args.postgres.trim();

// A small valid architecture (Input -> Conv2D -> MaxPooling2D -> Flatten -> Dense).
const documentOf = (name) => ({
  version: 1,
  name,
  nodes: [
    { id: 'input', type: 'Input', params: { shape: [28, 28, 1] }, position: { x: 0, y: 0 } },
    { id: 'conv1', type: 'Conv2D', params: { filters: 8, kernelSize: 3, activation: 'relu' }, position: { x: 0, y: 100 } },
    { id: 'pool1', type: 'MaxPooling2D', params: {}, position: { x: 0, y: 200 } },
    { id: 'flatten1', type: 'Flatten', params: {}, position: { x: 0, y: 300 } },
    { id: 'dense1', type: 'Dense', params: { units: 10, activation: 'softmax' }, position: { x: 0, y: 400 } },
  ],
  edges: [
    { id: 'e1', source: 'input', target: 'conv1', targetHandle: 'in0' },
    { id: 'e2', source: 'conv1', target: 'pool1', targetHandle: 'in0' },
    { id: 'e3', source: 'pool1', target: 'flatten1', targetHandle: 'in0' },
    { id: 'e4', source: 'flatten1', target: 'dense1', targetHandle: 'in0' },
  ],
});

function ensureBuild() {
  if (existsSync(path.join(distDir, 'BUILD_ID'))) return;
  console.log(`[load] building the app into ${distDir} (npm run build)…`);
  // next build adds the build folder's types to tsconfig.json; a benchmark leaves the tree as it found it.
  const tsconfig = readFileSync('tsconfig.json', 'utf8');
  const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_DIST_DIR: distDir } });
  writeFileSync('tsconfig.json', tsconfig);
  if (built.status !== 0) throw new Error(`npm run build failed (exit ${built.status})`);
}

/** One JSON request as a new browser would send it; returns { status, body, cookie }. */
async function call(base, method, url, { body, cookie } = {}) {
  const res = await fetch(base + url, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const setCookie = res.headers.get('set-cookie');
  const parsed = text ? JSON.parse(text) : null;
  if (res.status >= 400) throw new Error(`${method} ${url} -> ${res.status} ${text.slice(0, 300)}`);
  return { status: res.status, body: parsed, cookie: setCookie ? setCookie.split(';')[0] : cookie };
}

async function newOwner(base) {
  const { cookie } = await call(base, 'POST', '/api/owner');
  if (!cookie) throw new Error('POST /api/owner set no cookie');
  return cookie;
}

/** The data the routes read and write: an owner with `listSize` architectures, one shared, one run. */
async function seed(base) {
  const lister = await newOwner(base);
  let first = null;
  const batch = 20;
  for (let i = 0; i < listSize; i += batch) {
    const made = await Promise.all(
      Array.from({ length: Math.min(batch, listSize - i) }, (_, k) =>
        call(base, 'POST', '/api/architectures', { cookie: lister, body: { name: `Net ${i + k}`, document: documentOf(`Net ${i + k}`) } }),
      ),
    );
    first ??= made[0].body;
  }
  const trainer = await newOwner(base);
  const arch = await call(base, 'POST', '/api/architectures', { cookie: trainer, body: { name: 'Trained', document: documentOf('Trained') } });
  const run = await call(base, 'POST', `/api/architectures/${arch.body.id}/runs`, {
    cookie: trainer,
    body: {
      document: documentOf('Trained'),
      dataset: { name: 'MNIST', hash: 'h', shape: [28, 28, 1], classNames: ['0', '1'], trainCount: 10, testCount: 5 },
      hyperparameters: { optimizer: 'adam', learningRate: 0.001, batchSize: 32, epochs: 1000, validationSplit: 0.1, shuffle: true, seed: 1 },
      backend: 'wasm',
    },
  });
  // A start plans at most 1,000 epochs; "Train more" raises the plan, here to the most a run may hold.
  await call(base, 'PATCH', `/api/runs/${run.body.id}`, { cookie: trainer, body: { epochsPlanned: 10_000 } });
  const writer = await newOwner(base);
  return { lister, shareId: first.shareId, trainer, runId: run.body.id, writer };
}

/**
 * PostgreSQL's planner needs table statistics to use the list's index rather
 * than read and sort all 1,000 rows of the owner per page; autovacuum gathers
 * them within a minute or so of the seeding, but whether that happened before
 * the list is measured would be luck. ANALYZE now, as autovacuum would.
 */
async function analyzeAfterSeeding(databaseUrl) {
  if (!/^postgres(ql)?:/.test(databaseUrl)) return;
  const { connectionString, options } = postgresConnection(databaseUrl);
  const client = new pg.Client({ connectionString, options });
  await client.connect();
  try {
    await client.query('ANALYZE "Architecture", "Run"'); // this scenario's schema (the search_path)
  } finally {
    await client.end();
  }
}

function routes(data) {
  const json = { 'content-type': 'application/json' };
  let epoch = 0;
  return [
    { name: 'GET /api/health', method: 'GET', path: '/api/health' },
    { name: 'GET /api/shared/:id', method: 'GET', path: `/api/shared/${data.shareId}` },
    { name: 'GET /s/:id (page)', method: 'GET', path: `/s/${data.shareId}` },
    {
      name: 'POST /api/architectures',
      method: 'POST',
      path: '/api/architectures',
      headers: { ...json, cookie: data.writer },
      body: JSON.stringify({ name: 'Load', document: documentOf('Load') }),
    },
    {
      name: 'POST /api/runs/:id/epochs',
      method: 'POST',
      path: `/api/runs/${data.runId}/epochs`,
      headers: { ...json, cookie: data.trainer },
      // Epoch indices cycle through the plan: new rows first, then replacements (a retried epoch).
      setupRequest: (req) => ({
        ...req,
        body: JSON.stringify({ epoch: epoch++ % 10_000, loss: 0.5, accuracy: 0.8, valLoss: 0.6, valAccuracy: 0.75, durationMs: 1200, samplesPerSec: 5000 }),
      }),
    },
    {
      name: 'PATCH /api/runs/:id (heartbeat)',
      method: 'PATCH',
      path: `/api/runs/${data.runId}`,
      headers: { ...json, cookie: data.trainer },
      body: JSON.stringify({ heartbeat: true }),
    },
    { name: `GET /api/architectures (owner of ${listSize})`, method: 'GET', path: '/api/architectures', headers: { cookie: data.lister } },
  ];
}

/** Closed loop: each of `conns` connections sends its next request as soon as the last is answered. */
function runCannon(url, route, conns, seconds = duration) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: conns,
        duration: seconds,
        timeout: 10,
        requests: [
          Object.fromEntries(
            Object.entries({ method: route.method, path: route.path, headers: route.headers, body: route.body, setupRequest: route.setupRequest }).filter(
              ([, v]) => v !== undefined,
            ),
          ),
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

/** The p-quantile (0..1) of sorted numbers, nearest rank. */
function quantile(sorted, p) {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/**
 * `rate` requests/s for `duration` s to one instance, sent at evenly spaced
 * times over at most `conns` keep-alive connections whatever the answers' pace
 * (open loop). A request's latency runs from the time it was due, so waiting
 * for a free connection counts too (no coordinated omission). Not autocannon's
 * overallRate: there each connection sends its share of a second back to back
 * at the start of every second, so a second begins with a burst at full
 * concurrency and its latencies are those of saturation.
 */
async function paced(url, route, conns, rate) {
  // FIFO, so that every connection carries requests and none sits idle long
  // enough for the server to close it (Node's keep-alive timeout is 5 s).
  const agent = new http.Agent({ keepAlive: true, maxSockets: conns, scheduling: 'fifo' });
  const target = new URL(route.path, url);
  const latencies = [];
  let errors = 0;
  const send = (due, measured = true) =>
    new Promise((resolve) => {
      const failed = () => {
        if (measured) errors += 1;
        resolve();
      };
      const req = http.request(target, { method: route.method, headers: route.headers, agent, timeout: 10_000 }, (res) => {
        res.resume();
        res.on('end', () => {
          if (measured && res.statusCode >= 200 && res.statusCode < 300) latencies.push(performance.now() - due);
          else if (measured) errors += 1;
          resolve();
        });
        res.on('error', failed);
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', failed);
      req.end();
    });
  // The connections are opened first, unmeasured, as a reverse proxy keeps
  // its connections to the app open: a Node server that is busy accepts one
  // new connection per turn of its event loop (docs/load.md), so a
  // connection opened mid-run would wait for that, not for the route.
  await Promise.all(Array.from({ length: conns }, () => send(performance.now(), false)));
  const interval = 1000 / rate;
  const total = Math.round(duration * rate);
  const start = performance.now();
  const sent = [];
  for (let k = 0; k < total; k++) {
    const due = start + k * interval;
    const wait = due - performance.now();
    if (wait >= 1) await new Promise((r) => setTimeout(r, wait));
    sent.push(send(due));
  }
  await Promise.all(sent);
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return { answered: sorted.length, errors, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), seconds: (performance.now() - start) / 1000 };
}

/** Paced results of every instance as one row: req/s answered (sum), the worst instance's p50/p99. */
function summarizePaced(name, results, offeredPerSec) {
  const ms = (x) => Math.round(x * 10) / 10;
  return {
    route: name,
    offeredPerSec,
    requestsPerSec: Math.round(results.reduce((s, r) => s + r.answered, 0) / duration),
    p50Ms: ms(Math.max(...results.map((r) => r.p50))),
    p99Ms: ms(Math.max(...results.map((r) => r.p99))),
    errors: results.reduce((s, r) => s + r.errors, 0),
    requests: results.reduce((s, r) => s + r.answered + r.errors, 0),
  };
}

/**
 * Waits until every instance answers /api/health within 50 ms twice in a row
 * (at most 30 s): what the last phase left running (requests its client gave
 * up on, garbage) is the last phase's cost, not the next one's.
 */
async function settle(instances) {
  const deadline = Date.now() + 30_000;
  for (const instance of instances) {
    let quick = 0;
    while (quick < 2 && Date.now() < deadline) {
      const start = performance.now();
      await fetch(`${instance.url}/api/health`).then((r) => r.arrayBuffer(), () => null);
      quick = performance.now() - start < 50 ? quick + 1 : 0;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Before a route is measured: settle, then run it unmeasured for --warmup seconds, then settle again. */
async function warmUp(instances, route, conns) {
  await settle(instances);
  if (warmup === 0) return;
  await Promise.all(instances.map((i) => runCannon(i.url, route, conns, warmup)));
  await settle(instances);
}

/**
 * Rounds of the same fixed-rate row as one: the median round's p50 and p99
 * (and the lowest and highest p99), errors summed.
 */
function medianRow(rows) {
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
  const p99s = rows.map((r) => r.p99Ms);
  const max = (key) => (rows.every((r) => r[key] === null) ? null : Math.max(...rows.map((r) => r[key] ?? 0)));
  return {
    ...rows[0],
    requestsPerSec: median(rows.map((r) => r.requestsPerSec)),
    p50Ms: median(rows.map((r) => r.p50Ms)),
    p99Ms: median(p99s),
    p99RangeMs: [Math.min(...p99s), Math.max(...p99s)],
    errors: rows.reduce((sum, r) => sum + r.errors, 0),
    requests: rows.reduce((sum, r) => sum + r.requests, 0),
    loopDelayMaxMs: max('loopDelayMaxMs'),
    gcPauseMaxMs: max('gcPauseMaxMs'),
    rounds: rows.map(({ p50Ms, p99Ms, errors, loopDelayMaxMs, gcPauseMaxMs }) => ({ p50Ms, p99Ms, errors, loopDelayMaxMs, gcPauseMaxMs })),
  };
}

/** Each instance's share of --connections. */
const connectionsPerInstance = (instances) => Math.max(1, Math.round(connections / instances.length));

/** One route at `connections` spread over the instances; p50/p99 are the worst instance's. */
async function measure(instances, route) {
  const per = connectionsPerInstance(instances);
  await warmUp(instances, route, per);
  const from = Date.now();
  const results = await Promise.all(instances.map((i) => runCannon(i.url, route, per)));
  return { ...summarize(route.name, results), ...loopStats(instances, from, Date.now()) };
}

/**
 * From the samples scripts/loop-delay.mjs writes, between two times (ms): the
 * longest the instances' event loops were held up (loopDelayMaxMs) and the
 * longest garbage-collection pause (gcPauseMaxMs); null when there are none.
 */
function loopStats(instances, from, to) {
  let loopDelayMaxMs = null;
  let gcPauseMaxMs = null;
  for (const instance of instances) {
    if (!instance.loopDelayFile || !existsSync(instance.loopDelayFile)) continue;
    for (const line of readFileSync(instance.loopDelayFile, 'utf8').split('\n')) {
      const [t, , delay, gc] = line.split(' ').map(Number);
      if (!(t >= from && t <= to + 250)) continue;
      if (Number.isFinite(delay)) loopDelayMaxMs = Math.max(loopDelayMaxMs ?? 0, delay);
      if (Number.isFinite(gc)) gcPauseMaxMs = Math.max(gcPauseMaxMs ?? 0, gc);
    }
  }
  return { loopDelayMaxMs, gcPauseMaxMs };
}

function summarize(name, results) {
  // No answer at all within the phase (a cold server, a connection never
  // accepted) has no latency: autocannon reports 0 ms, which would read as fast.
  const answered = results.every((r) => r.requests.total > 0);
  return {
    route: name,
    requestsPerSec: Math.round(results.reduce((s, r) => s + r.requests.average, 0)),
    p50Ms: answered ? Math.max(...results.map((r) => r.latency.p50)) : null,
    p99Ms: answered ? Math.max(...results.map((r) => r.latency.p99)) : null,
    errors: results.reduce((s, r) => s + r.errors + r.timeouts + r.non2xx, 0),
    requests: results.reduce((s, r) => s + r.requests.total, 0),
  };
}

/** A row's latencies in `template`, or "none answered" when the phase got no answer to measure. */
function latencyText(row, template) {
  if (row.p50Ms === null || row.p99Ms === null) return 'none answered';
  return template.replace('{p50}', String(row.p50Ms)).replace('{p99}', String(row.p99Ms));
}

function logRow(scenarioName, row) {
  const loop =
    row.loopDelayMaxMs === null || row.loopDelayMaxMs === undefined
      ? ''
      : `  event loop blocked up to ${row.loopDelayMaxMs} ms (GC pauses up to ${row.gcPauseMaxMs ?? '?'} ms)`;
  console.log(
    `[load] ${scenarioName}  ${row.route.padEnd(44)} ${String(row.requestsPerSec).padStart(6)} req/s  ${latencyText(row, 'p50 {p50} ms  p99 {p99} ms')}  errors ${row.errors}${loop}`,
  );
}

async function scenario(name, instanceCount, databaseUrl) {
  const env = {
    NEXT_DIST_DIR: distDir,
    // Counters still run (the limiter's writes are part of a write's cost); the limits are out of reach.
    CNN_STUDIO_WRITES_PER_OWNER: '100000000',
    CNN_STUDIO_WRITES_PER_ADDRESS: '100000000',
  };
  const ports = Array.from({ length: instanceCount }, (_, k) => basePort + k);
  const instances = await Promise.all(
    ports.map(async (port) => {
      // Each instance's event-loop delay, sampled by a preloaded script (scripts/loop-delay.mjs).
      const loopDelayFile = path.resolve(`.tmp/loop-delay-${port}.txt`);
      rmSync(loopDelayFile, { force: true });
      const loopEnv = {
        CNN_STUDIO_LOOP_DELAY_FILE: loopDelayFile,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${pathToFileURL(path.resolve('scripts/loop-delay.mjs')).href}`.trim(),
      };
      return { ...(await startInstance({ port, databaseUrl, env: { ...env, ...loopEnv } })), loopDelayFile };
    }),
  );
  try {
    console.log(`[load] ${name}: seeding (${listSize} architectures)…`);
    const data = await seed(instances[0].url);
    await analyzeAfterSeeding(databaseUrl);
    const rows = [];
    for (const route of routes(data)) {
      const row = await measure(instances, route);
      rows.push(row);
      logRow(name, row);
    }
    // /api/health while the owner's lists run: what a load balancer's probe sees at the busiest.
    const list = routes(data).at(-1);
    const health = routes(data)[0];
    const perInstance = connectionsPerInstance(instances);
    await settle(instances);
    const mixedFrom = Date.now();
    const [listResults, healthResults] = await Promise.all([
      Promise.all(instances.map((i) => runCannon(i.url, list, perInstance))),
      Promise.all(instances.map((i) => runCannon(i.url, health, 2))),
    ]);
    const mixedLoop = loopStats(instances, mixedFrom, Date.now());
    for (const summary of [summarize(`${list.name} + health probes`, listResults), summarize('GET /api/health while lists run', healthResults)]) {
      const row = { ...summary, ...mixedLoop };
      rows.push(row);
      logRow(name, row);
    }
    // The latency phase: the same list at a fixed offered rate, health probed
    // alongside, --repeats times (one stall of the shared machine sets a p99).
    const listPerInstance = listRate / instances.length;
    const rounds = [];
    for (let round = 0; round < repeats; round++) {
      await settle(instances);
      const pacedFrom = Date.now();
      const [lists, probes] = await Promise.all([
        Promise.all(instances.map((i) => paced(i.url, list, perInstance, listPerInstance))),
        Promise.all(instances.map((i) => paced(i.url, health, 2, probeRate))),
      ]);
      const pacedLoop = loopStats(instances, pacedFrom, Date.now());
      const latencyRows = [
        summarizePaced(`${list.name} at ${listRate} req/s`, lists, listRate),
        summarizePaced(`GET /api/health at ${probeRate} req/s per instance, lists at ${listRate} req/s`, probes, probeRate * instances.length),
      ].map((row) => ({ ...row, ...pacedLoop }));
      for (const row of latencyRows) logRow(`${name} (round ${round + 1} of ${repeats})`, row);
      rounds.push(latencyRows);
    }
    const latency = rounds[0].map((_, k) => medianRow(rounds.map((r) => r[k])));
    return { scenario: name, instances: instanceCount, rows, latency };
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
  }
}

/**
 * The results as the Markdown tables docs/load.md keeps: one row per route, one
 * column group per scenario; `phase` 'rows' is saturation, 'latency' the fixed rate.
 */
export function markdownTable(report, phase = 'rows') {
  const names = report.results.map((r) => r.scenario);
  const routeNames = report.results[0]?.[phase]?.map((r) => r.route) ?? [];
  const head = `| route | ${names.map((n) => `${n} req/s | p50 / p99 ms | errors | loop / GC max ms`).join(' | ')} |`;
  const rule = `| --- | ${names.map(() => '---: | ---: | ---: | ---:').join(' | ')} |`;
  const body = routeNames.map((route) => {
    const cells = report.results.map((s) => {
      const row = s[phase]?.find((r) => r.route === route);
      const range = row?.p99RangeMs ? ` (${row.p99RangeMs[0]}–${row.p99RangeMs[1]})` : '';
      return row ? `${row.requestsPerSec} | ${latencyText(row, '{p50} / {p99}')}${range} | ${row.errors} | ${row.loopDelayMaxMs ?? '–'} / ${row.gcPauseMaxMs ?? '–'}` : '– | – | – | –';
    });
    return `| ${route} | ${cells.join(' | ')} |`;
  });
  return [head, rule, ...body].join('\n');
}

/** Both tables, as printed at the end of a run. */
function markdownTables(report) {
  const latency = report.results.some((s) => s.latency)
    ? `\n\nLatency at a fixed offered rate (${report.settings?.listRatePerSec ?? '?'} req/s of the list, health at ${report.settings?.probeRatePerSecPerInstance ?? '?'} req/s per instance; the median of ${report.settings?.latencyRounds ?? 1} round(s), p99 range in brackets):\n\n${markdownTable(report, 'latency')}`
    : '';
  return `Saturation (${report.settings?.connections ?? '?'} closed-loop connections):\n\n${markdownTable(report)}${latency}`;
}

if (args['table-from']) {
  console.log(markdownTables(JSON.parse(readFileSync(args['table-from'], 'utf8'))));
  process.exit(0);
}

// Ctrl-C ends the run through process.exit, which stops the instances (scripts/app-instances.mjs).
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

const loadAverageAtStart = os.loadavg().map((l) => Math.round(l * 100) / 100);
ensureBuild();
const wanted = new Set(args.scenarios.split(','));
const results = [];
if (wanted.has('sqlite-1')) {
  mkdirSync('.tmp', { recursive: true });
  const file = path.resolve(`.tmp/load-${basePort}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  results.push(await scenario('sqlite-1', 1, `file:${file}`));
}
if (!postgresUrl) {
  console.log('[load] PostgreSQL scenarios skipped: pass --postgres postgresql://user:password@127.0.0.1:5432/db or set CNN_STUDIO_TEST_POSTGRES_URL');
} else {
  for (const count of [1, 2]) {
    if (!wanted.has(`postgresql-${count}`)) continue;
    const schema = await freshPostgresSchema(postgresUrl, `load_${count}`);
    try {
      results.push(await scenario(`postgresql-${count}`, count, schema.url));
    } finally {
      await schema.drop();
    }
  }
}

const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout?.trim() || 'unknown';
const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).stdout?.trim() ? ' (with uncommitted changes)' : '';
const report = {
  date: new Date().toISOString(),
  commit: commit + dirty,
  loadAverageAtStart,
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100) },
  settings: { durationSeconds: duration, warmupSeconds: warmup, latencyRounds: repeats, connections, listRatePerSec: listRate, probeRatePerSecPerInstance: probeRate, architecturesInList: listSize, node: process.version },
  results,
};
writeFileSync(args.out, `${JSON.stringify(report, null, 2)}\n`);
console.log(markdownTables(report));
console.log(`[load] wrote ${args.out} (load average ${report.machine.loadAverage.join(' / ')} on ${report.machine.cpus} CPUs)`);
