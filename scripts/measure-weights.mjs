// The server's memory while a 60 MiB run's weights go up and come back down,
// against a production build (`next build` first) served on loopback: SQLite
// always, PostgreSQL too given --postgres <url> (or CNN_STUDIO_TEST_POSTGRES_URL).
// Weights are stored and streamed in 1 MiB chunks, so the server's RSS should
// grow by a few MiB, not by the 60 MiB of the weights (nor by copies of them).
// Usage: node scripts/measure-weights.mjs [--port 3190] [--dist .next] [--postgres url] [--rounds 2] [--gc-ms 100] [--out file.json]
// Bounded (request timeouts, fixed rounds), loopback only; the scratch
// database or schema is removed at the end.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freshPostgresSchema, startInstance } from './app-instances.mjs';
import { rssMiB } from './process-rss.mjs';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '3190' },
    dist: { type: 'string', default: process.env.NEXT_DIST_DIR ?? '.next' },
    postgres: { type: 'string', default: process.env.CNN_STUDIO_TEST_POSTGRES_URL ?? '' },
    rounds: { type: 'string', default: '2' },
    // RSS also counts garbage V8 has not collected yet (it collects large
    // strings and buffers lazily, once the heap has grown); with --gc-ms N the
    // server collects every N ms, so its RSS shows what it really holds.
    'gc-ms': { type: 'string', default: '0' },
    out: { type: 'string' },
  },
});
const port = Number(args.port);
const rounds = Math.min(Math.max(Number(args.rounds), 1), 5);
const MiB = 1024 * 1024;
const WEIGHT_BYTES = 60 * MiB;

const round1 = (n) => Math.round(n * 10) / 10;
const gcMs = Math.max(Number(args['gc-ms']) || 0, 0);
const scratch = mkdtempSync(path.join(tmpdir(), 'cnn-studio-weights-'));
const serverEnv = { NEXT_DIST_DIR: args.dist };
if (gcMs > 0) {
  const preload = path.join(scratch, 'gc-every.cjs');
  writeFileSync(preload, `setInterval(() => globalThis.gc(), ${gcMs}).unref();\n`);
  serverEnv.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --expose-gc --require ${preload}`.trim();
}

/** Samples the server's RSS every 20 ms while `work` runs; returns the work's result and the peak. */
async function withPeakRss(pid, work) {
  let peak = rssMiB(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 20);
  try {
    const result = await work();
    return { result, peak: Math.max(peak, rssMiB(pid)) };
  } finally {
    clearInterval(timer);
  }
}

/** One HTTP request; `send` writes the body (with backpressure), `onData` sees the response body as it comes. */
function request(base, method, urlPath, { headers = {}, body, send, onData, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${urlPath}`, { method, headers, timeout: timeoutMs }, (res) => {
      const kept = [];
      res.on('data', (chunk) => (onData ? onData(chunk) : kept.push(chunk)));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(kept).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath} timed out`)));
    req.on('error', reject);
    if (send) send(req).then(() => req.end(), reject);
    else req.end(body);
  });
}

async function measure(engine, databaseUrl) {
  const instance = await startInstance({ port, databaseUrl, env: serverEnv });
  const base = instance.url;
  try {
    const document = {
        version: 1,
        name: 'Weights',
        nodes: [
          { id: 'in', type: 'Input', params: { shape: [28, 28, 1] }, position: { x: 0, y: 0 } },
          { id: 'f', type: 'Flatten', params: {}, position: { x: 0, y: 100 } },
          { id: 'd', type: 'Dense', params: { units: 10, activation: 'softmax' }, position: { x: 0, y: 200 } },
        ],
        edges: [
          { id: 'e1', source: 'in', target: 'f', targetHandle: 'in0' },
          { id: 'e2', source: 'f', target: 'd', targetHandle: 'in0' },
        ],
      };
    const created = await request(base, 'POST', '/api/architectures', {
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({
        name: 'Weights',
        document,
      }),
    });
    if (created.status !== 201) throw new Error(`creating an architecture failed: ${created.status} ${created.text.slice(0, 300)}`);
    const cookie = String(created.headers['set-cookie']).split(';')[0];
    const { id: architectureId } = JSON.parse(created.text);
    const run = await request(base, 'POST', `/api/architectures/${architectureId}/runs`, {
      headers: { 'content-type': 'application/json', origin: base, cookie },
      body: JSON.stringify({
        document,
        dataset: { name: 'MNIST', hash: 'h', shape: [28, 28, 1], classNames: ['0', '1'], trainCount: 10, testCount: 5 },
        hyperparameters: { optimizer: 'adam', learningRate: 0.001, batchSize: 8, epochs: 1, validationSplit: 0.1, shuffle: false, seed: 1 },
        backend: 'cpu',
      }),
    });
    if (run.status !== 201) throw new Error(`creating a run failed: ${run.status} ${run.text.slice(0, 300)}`);
    const weightsPath = `/api/runs/${JSON.parse(run.text).id}/weights`;

    /** Uploads `bytes` of weights, 1 MiB written at a time from one reused buffer of fresh random bytes. */
    const upload = (bytes) => {
      const json = Buffer.from(JSON.stringify([{ name: 'dense/kernel', shape: [bytes / 4], dtype: 'float32' }]));
      const head = Buffer.alloc(4);
      head.writeUInt32LE(json.byteLength);
      const hash = createHash('sha256');
      const piece = Buffer.alloc(MiB);
      const send = async (req) => {
        const write = (buf) => new Promise((resolve) => (req.write(buf) ? resolve() : req.once('drain', resolve)));
        await write(Buffer.concat([head, json]));
        for (let at = 0; at < bytes; at += MiB) {
          const part = piece.subarray(0, Math.min(MiB, bytes - at));
          randomBytes(part.byteLength).copy(part);
          hash.update(part);
          await write(part);
        }
      };
      const headers = { 'content-type': 'application/octet-stream', 'content-length': String(4 + json.byteLength + bytes), origin: base, cookie };
      return request(base, 'PUT', weightsPath, { headers, send }).then((res) => {
        if (res.status !== 204) throw new Error(`upload failed: ${res.status} ${res.text.slice(0, 300)}`);
        return hash.digest('hex');
      });
    };
    /** Downloads the weights, hashing the weight bytes (after the header) as they come. */
    const download = async () => {
      const hash = createHash('sha256');
      let skip = null;
      let head = Buffer.alloc(0);
      let received = 0;
      const res = await request(base, 'GET', weightsPath, {
        headers: { cookie },
        onData: (chunk) => {
          received += chunk.byteLength;
          if (skip === null) {
            head = Buffer.concat([head, chunk]);
            if (head.byteLength < 4) return;
            skip = 4 + head.readUInt32LE(0);
            chunk = head;
          }
          if (skip > 0) {
            const n = Math.min(skip, chunk.byteLength);
            skip -= n;
            chunk = chunk.subarray(n);
          }
          if (chunk.byteLength > 0) hash.update(chunk);
        },
      });
      if (res.status !== 200) throw new Error(`download failed: ${res.status}`);
      return { sha256: hash.digest('hex'), received, headerBytes: 4 + head.readUInt32LE(0) };
    };

    // Warm up: every module of both routes loaded, the database connection open.
    await upload(MiB);
    await download();
    await new Promise((r) => setTimeout(r, 1000));

    const result = { engine, rounds: [] };
    for (let i = 0; i < rounds; i++) {
      const before = rssMiB(instance.pid);
      const started = Date.now();
      const up = await withPeakRss(instance.pid, () => upload(WEIGHT_BYTES));
      const uploadS = (Date.now() - started) / 1000;
      const downStarted = Date.now();
      const down = await withPeakRss(instance.pid, download);
      const downloadS = (Date.now() - downStarted) / 1000;
      if (down.result.sha256 !== up.result || down.result.received - down.result.headerBytes !== WEIGHT_BYTES) throw new Error(`the weights did not come back byte for byte: ${JSON.stringify({ up: up.result, down: down.result })}`);
      result.rounds.push({
        rssBeforeMiB: round1(before),
        uploadPeakMiB: round1(up.peak),
        uploadAddedMiB: round1(up.peak - before),
        uploadS: round1(uploadS),
        downloadPeakMiB: round1(down.peak),
        downloadAddedMiB: round1(down.peak - before),
        downloadS: round1(downloadS),
        byteExact: true,
      });
      console.log(`[measure-weights] ${engine} round ${i + 1}: ${JSON.stringify(result.rounds.at(-1))}`);
    }
    return result;
  } finally {
    await instance.stop();
  }
}

const results = { weightMiB: WEIGHT_BYTES / MiB, dist: args.dist, gcEveryMs: gcMs || null, engines: [] };
try {
  results.engines.push(await measure('sqlite', `file:${path.join(scratch, 'measure.db')}`));
  if (args.postgres) {
    const schema = await freshPostgresSchema(args.postgres, 'measure_weights');
    try {
      results.engines.push(await measure('postgresql', schema.url));
    } finally {
      await schema.drop();
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
if (args.out) writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
