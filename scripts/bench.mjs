// npm run bench: trains the course template, a small CNN and LeNet-5 in headless
// Chromium for a fixed number of steps on each tfjs backend, with tfjs's own
// kernels ("stock") and with the project's (lib/train/kernels), and writes
// bench-results.json. With /usr/bin/python3 and torch, the same models train
// in PyTorch on the CPU with WASM's thread count before and after the browser
// runs (bench/pytorch_reference.py), and WASM's figures are given as a ratio
// of PyTorch's. A benchmark, not a test: nothing here asserts timings.
//
//   node scripts/bench.mjs [--backends=wasm,cpu,webgl,webgpu] [--models=course-cnn,small-cnn]
//                          [--variants=stock,project] [--quick] [--no-build] [--no-filter] [--profile[=KernelName]] [--wasm-threads=N] [--no-loop] [--out=bench-results.json]
//                          [--no-torch] [--python=/usr/bin/python3] [--memory-steps=1000] [--cpu-profile]
import { spawnSync } from 'node:child_process';
import { writeFileSync, existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBenchServer } from './bench-server.mjs';
import setupTfjsWasm from './setup/30-tfjs-wasm.mjs';
import setupSimdKernels from './setup/35-simd-kernels.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? true];
  }),
);
const list = (value, all) => (typeof value === 'string' ? value.split(',').filter((x) => all.includes(x)) : all);
const backends = list(args.backends, ['wasm', 'cpu', 'webgl', 'webgpu']);
const models = list(args.models, ['course-cnn', 'small-cnn', 'lenet5']);
const variants = list(args.variants, ['stock', 'project']);
const quick = Boolean(args.quick);
const outFile = path.resolve(repo, typeof args.out === 'string' ? args.out : 'bench-results.json');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const batchSize = 32;
const python = typeof args.python === 'string' ? args.python : '/usr/bin/python3';
/** Course model steps on WASM for the memory check: heap and tensors must stay flat across them. */
const memorySteps = args['memory-steps'] === undefined ? 0 : Number(args['memory-steps'] === true ? 1000 : args['memory-steps']);

/**
 * Steps per model, backend and variant: enough for a stable figure on fast
 * paths, few on the slow ones (tfjs's CPU kernels and software WebGPU take
 * seconds per batch of the course model) so the whole run stays near 10 min.
 */
function planFor(backend, variant, model) {
  const course = model === 'course-cnn';
  const table = {
    wasm: { steps: course ? 40 : 60, warmupSteps: 3, maxSeconds: 30, ...(course && memorySteps > 0 && variant === 'project' ? { memorySteps } : {}) },
    cpu: variant === 'stock' ? { steps: course ? 1 : 4, warmupSteps: 1, maxSeconds: 45 } : { steps: course ? 2 : 10, warmupSteps: 1, maxSeconds: 30 },
    webgl: { steps: course ? 5 : 12, warmupSteps: 2, maxSeconds: 30 },
    webgpu: { steps: course ? 1 : 3, warmupSteps: 1, maxSeconds: 45 },
  }[backend];
  const plan = { model, ...table };
  if (quick) plan.steps = Math.max(1, Math.ceil(plan.steps / 4));
  return plan;
}

/** The documents the bench trains, as the PyTorch reference reads them. */
function benchDocument(model) {
  const file = model === 'small-cnn' ? path.join(repo, 'bench', 'small-cnn.json') : path.join(repo, 'lib', 'templates', `${model}.json`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * The same models in PyTorch (CPU, `threads` threads), or why not: no Python
 * with torch, or a model it cannot build. Steps as WASM's plan.
 */
function torchReference(threads) {
  if (args['no-torch']) return { skipped: '--no-torch' };
  if (!existsSync(python)) return { skipped: `no ${python} (install python3-torch for the PyTorch reference)` };
  const request = { threads, batchSize, models: models.map((m) => ({ model: m, document: benchDocument(m), steps: planFor('wasm', 'project', m).steps, warmupSteps: 2 })) };
  const run = spawnSync(python, [path.join(repo, 'bench', 'pytorch_reference.py')], { input: JSON.stringify(request), encoding: 'utf8', timeout: 300_000 });
  if (run.status !== 0) {
    const why = (run.stderr || run.error?.message || '').trim().split('\n').at(-1) ?? '';
    return { skipped: /No module named 'torch'/.test(why) ? `${python} has no torch (apt-get install python3-torch)` : `the PyTorch reference failed: ${why.slice(0, 200)}` };
  }
  return JSON.parse(run.stdout.trim().split('\n').at(-1));
}

async function buildBench() {
  const { build } = await import('vite');
  await build({ configFile: path.join(repo, 'bench', 'vite.config.mjs'), logLevel: 'warn' });
}

function fmt(n, digits = 1) {
  return typeof n === 'number' && Number.isFinite(n) ? n.toFixed(digits) : '—';
}

/**
 * The JS heap of the page's workers (the bench trains in one), sampled every
 * half second over the DevTools protocol: performance.memory does not exist
 * in a worker. Each worker is attached to without pausing it; its heap is
 * Runtime.getHeapUsage's usedSize. Returns the peak of the largest worker and
 * a function that takes one sample now (for the start and end of the memory steps).
 */
async function sampleWorkerHeaps(page) {
  const cdp = await page.context().newCDPSession(page);
  const workers = new Set();
  let nextId = 1;
  const waiting = new Map();
  cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
    if (targetInfo.type === 'worker' && !targetInfo.url.startsWith('blob:') && !targetInfo.url.includes('/tfjs-wasm/')) workers.add(sessionId);
  });
  cdp.on('Target.detachedFromTarget', ({ sessionId }) => workers.delete(sessionId));
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const reply = JSON.parse(message);
    waiting.get(reply.id)?.(reply.result);
    waiting.delete(reply.id);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const callWith = (sessionId, method, params) =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, (result) => resolve(result ?? null));
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(() => resolve(null));
      setTimeout(() => resolve(null), 5000);
    });
  const call = (sessionId, method) => callWith(sessionId, method, undefined);
  const cpuProfiles = [];
  const heapOf = async (sessionId, collect) => {
    if (collect) await call(sessionId, 'HeapProfiler.collectGarbage');
    return (await call(sessionId, 'Runtime.getHeapUsage'))?.usedSize ?? null;
  };
  let peak = null;
  /** `collect`: after a full garbage collection, so two samples compare what is live, not what awaits collection. */
  const sample = async (collect = false) => {
    const sizes = (await Promise.all([...workers].map((w) => heapOf(w, collect)))).filter((v) => typeof v === 'number');
    const largest = sizes.length ? Math.max(...sizes) : null;
    if (largest !== null) peak = Math.max(peak ?? 0, largest);
    return largest;
  };
  const timer = setInterval(() => void sample(), 500);
  /** --cpu-profile: V8's sampling profiler in the training worker, from the first timed step of `model` to its figure. */
  const cpuProfile = {
    start: async () => {
      for (const w of workers) {
        await call(w, 'Profiler.enable');
        await callWith(w, 'Profiler.setSamplingInterval', { interval: 200 });
        await call(w, 'Profiler.start');
      }
    },
    stop: async () => {
      for (const w of workers) {
        const result = await callWith(w, 'Profiler.stop', {});
        if (result?.profile) cpuProfiles.push(result.profile);
      }
      return cpuProfiles.splice(0);
    },
  };
  return { sample, cpuProfile, stop: () => (clearInterval(timer), peak) };
}

/** Self time per function (name, file:line) of V8 CPU profiles, the largest first. */
function selfTimes(profiles, top = 30) {
  const totals = new Map();
  let all = 0;
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const deltas = profile.timeDeltas;
    for (let i = 0; i < profile.samples.length; i++) {
      const node = byId.get(profile.samples[i]);
      const ms = (deltas[i + 1] ?? 0) / 1000;
      const f = node.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${path.basename(f.url || '')}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
      totals.set(key, (totals.get(key) ?? 0) + ms);
      all += ms;
    }
  }
  return { all, rows: [...totals].sort((a, b) => b[1] - a[1]).slice(0, top) };
}

async function runPage(browser, baseUrl, request) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const heaps = await sampleWorkerHeaps(page).catch((e) => (console.log(`  (no worker heap figures: ${e.message})`), null));
  const marks = [];
  const label = `${request.backend}/${request.variant}`;
  page.on('console', (msg) => {
    if (msg.type() === 'log' && /memory steps (start|end)/.test(msg.text())) void heaps?.sample(true).then((bytes) => marks.push({ text: msg.text(), bytes }));
    if (args['cpu-profile'] && msg.type() === 'log' && /^training \S+ on /.test(msg.text())) void heaps?.cpuProfile.start();
    if (args['cpu-profile'] && msg.type() === 'log' && /samples\/s over/.test(msg.text()))
      void heaps?.cpuProfile.stop().then((profiles) => {
        const { all, rows } = selfTimes(profiles);
        console.log(`  [${label}] CPU profile of the training worker (self time, ${all.toFixed(0)} ms sampled, warm-up included):`);
        for (const [key, ms] of rows) console.log(`    ${ms.toFixed(1).padStart(8)} ms  ${(100 * ms / all).toFixed(1).padStart(5)}%  ${key}`);
      });
    if (msg.type() === 'log') console.log(`  [${label}] ${msg.text()}`);
    else if (msg.type() === 'error') console.log(`  [${label}] console error: ${msg.text().slice(0, 300)}`);
  });
  let crashed = null;
  page.on('crash', () => (crashed = 'the page crashed'));
  page.on('pageerror', (e) => console.log(`  [${label}] page error: ${e.message}`));
  const budget = request.models.reduce((s, m) => s + m.maxSeconds * 2 + 60 + (m.memorySteps ?? 0), request.filterGradient ? 120 : 30) * 1000;
  let result;
  try {
    await page.goto(`${baseUrl}?request=${encodeURIComponent(JSON.stringify(request))}`);
    await page.waitForFunction(() => window.benchResult !== undefined, null, { timeout: budget, polling: 500 });
    result = await page.evaluate(() => window.benchResult);
  } catch (e) {
    result = { type: 'crashed', error: crashed ?? `no result within ${Math.round(budget / 1000)} s (${e.message.split('\n')[0]})` };
  }
  const jsHeapPeak = heaps?.stop() ?? null;
  await context.close().catch(() => {});
  if (result.type === 'done') {
    // The worker cannot read its own JS heap: the figures sampled from outside go into its rows.
    for (const r of result.runs) {
      if (!r.memory) continue;
      r.memory.jsHeapPeak = jsHeapPeak;
      const start = marks.find((m) => m.text.includes(`${r.model}: memory steps start`));
      const end = marks.find((m) => m.text.includes(`${r.model}: memory steps end`));
      if (r.memory.long) Object.assign(r.memory.long, { jsHeapStart: start?.bytes ?? null, jsHeapEnd: end?.bytes ?? null });
    }
  }
  if (result.type !== 'done') {
    const error = crashed ?? result.error;
    return {
      info: { backend: request.backend, ok: false, error },
      runs: request.models.map((m) => ({ model: m.model, backend: request.backend, variant: request.variant, samplesPerSec: 0, numTensorsBefore: 0, numTensorsAfter: 0, steps: 0, seconds: 0, error })),
      filterGradient: [],
    };
  }
  return result;
}

function printTable(runs) {
  const cpuStock = Object.fromEntries(runs.filter((r) => r.backend === 'cpu' && r.variant === 'stock' && !r.error).map((r) => [r.model, r.samplesPerSec]));
  console.log('\nmodel       backend variant  samples/s  ×stock(same backend)  ×tfjs-CPU  tensors before→after  note');
  for (const r of runs) {
    const stock = runs.find((s) => s.model === r.model && s.backend === r.backend && s.variant === 'stock');
    const vsStock = r.variant === 'project' && stock && stock.samplesPerSec > 0 && !r.error ? `${fmt(r.samplesPerSec / stock.samplesPerSec)}×` : '';
    const vsCpu = cpuStock[r.model] > 0 && !r.error ? `${fmt(r.samplesPerSec / cpuStock[r.model])}×` : '';
    const tensors = r.error ? '' : `${r.numTensorsBefore}→${r.numTensorsAfter}${r.numTensorsBefore === r.numTensorsAfter ? '' : ' GROWS'}`;
    const note = r.error ? `error: ${r.error.slice(0, 90)}` : `${r.steps} steps${r.threads ? `, ${r.threads} threads` : ''}`;
    console.log(
      `${r.model.padEnd(11)} ${r.backend.padEnd(7)} ${r.variant.padEnd(8)} ${fmt(r.samplesPerSec).padStart(9)}  ${vsStock.padStart(20)}  ${vsCpu.padStart(9)}  ${tensors.padStart(20)}  ${note}`,
    );
  }
}

/**
 * WASM (project kernels) against PyTorch on the same threads (the mean of the
 * runs before and after the browser's), and against PyTorch's best, whatever
 * its thread count (one thread can beat two on a loaded machine).
 */
function printTorch(runs, torch) {
  if (torch.length === 0) return [];
  if (torch[0].skipped) {
    console.log(`\nPyTorch reference skipped: ${torch[0].skipped}`);
    return [];
  }
  const threads = torch[0].threads;
  console.log(`\nWASM (project kernels) against PyTorch ${torch[0].torch} on the CPU, batch ${batchSize}, Adam (samples/s; PyTorch before/after the browser runs):`);
  console.log(`model       wasm (${threads} thr)  torch ${threads} thr before/after  torch 1 thr before/after  wasm ÷ torch ${threads} thr  wasm ÷ best torch`);
  const rows = [];
  const mean = (values) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
  for (const model of models) {
    const wasm = runs.find((r) => r.model === model && r.backend === 'wasm' && r.variant === 'project' && !r.error);
    const figures = (t) => torch.filter((x) => x.threads === t).map((x) => x.runs?.find((r) => r.model === model && !r.error)?.samplesPerSec ?? null);
    const same = figures(threads);
    const one = threads > 1 ? figures(1) : [];
    const sameMean = mean(same.filter((v) => v > 0));
    const best = Math.max(sameMean ?? 0, mean(one.filter((v) => v > 0)) ?? 0) || null;
    const ratio = wasm && sameMean ? wasm.samplesPerSec / sameMean : null;
    const ratioBest = wasm && best ? wasm.samplesPerSec / best : null;
    rows.push({ model, wasmSamplesPerSec: wasm?.samplesPerSec ?? null, torchSameThreads: same, torchOneThread: one, ratio, ratioBest });
    const pair = (values) => values.map((v) => fmt(v)).join(' / ');
    console.log(`${model.padEnd(11)} ${fmt(wasm?.samplesPerSec).padStart(12)}  ${pair(same).padStart(25)}  ${pair(one).padStart(24)}  ${(ratio === null ? '—' : `${fmt(ratio, 2)}×`).padStart(17)}  ${(ratioBest === null ? '—' : `${fmt(ratioBest, 2)}×`).padStart(17)}`);
  }
  return rows;
}

/** Peak WASM heap and JS heap per backend (course template), and whether they grew across the memory steps. */
function printMemory(runs) {
  const rows = runs.filter((r) => r.memory);
  if (rows.length === 0) return;
  const mib = (b) => (typeof b === 'number' ? (b / 2 ** 20).toFixed(1) : '—');
  console.log('\nmemory (MiB):  model       backend variant  wasm heap peak  js heap peak  tfjs bytes  over N steps: wasm heap, js heap, tensors');
  for (const r of rows) {
    const m = r.memory;
    const growth = m.long
      ? `${m.long.steps} steps: ${mib(m.long.wasmHeapStart)}→${mib(m.long.wasmHeapEnd)}, ${mib(m.long.jsHeapStart)}→${mib(m.long.jsHeapEnd)}, ${m.long.tensorsStart}→${m.long.tensorsEnd}`
      : '';
    console.log(`               ${r.model.padEnd(11)} ${r.backend.padEnd(7)} ${r.variant.padEnd(8)} ${mib(m.wasmHeapPeak).padStart(14)}  ${mib(m.jsHeapPeak).padStart(12)}  ${mib(m.tfjsBytes).padStart(10)}  ${growth}`);
  }
}

async function main() {
  const started = Date.now();
  if (!existsSync(chromiumPath)) throw new Error(`No Chromium at ${chromiumPath}: install it or set CHROMIUM_PATH`);
  if (args['cpu-profile']) process.env.CNN_STUDIO_BENCH_MINIFY = '0';
  // The bench bundles lib/train/kernels, which imports the compiled SIMD kernels.
  await setupSimdKernels();
  if (!args['no-build'] || !existsSync(path.join(repo, 'bench', 'dist', 'index.html'))) {
    console.log('bench: building bench/ with vite…');
    await buildBench();
  }
  const wasmDir = path.join(repo, 'public', 'tfjs-wasm');
  await setupTfjsWasm(wasmDir);
  const { server, url } = await startBenchServer(path.join(repo, 'bench', 'dist'), wasmDir, [3250, 3251, 3252, 3253, 3254, 3255, 3256, 3257, 3258, 3259]);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-unsafe-webgpu'],
  });
  const runs = [];
  const filterGradient = [];
  const backendInfo = [];
  const loops = [];
  // WASM's thread count (every core up to 8, or --wasm-threads), for PyTorch too.
  const torchThreads = Math.max(1, Math.min(Number(args['wasm-threads'] ?? Infinity), os.cpus().length, 8));
  const torch = [];
  // PyTorch before and after the browser runs: on a shared machine the load changes under a run.
  // Also on one thread: under load, PyTorch's OpenMP threads can collapse (5x slower on 2 threads than on 1 at load 5).
  const torchRound = (when) => {
    torch.push({ when, loadAverage: os.loadavg()[0], ...torchReference(torchThreads) });
    if (torchThreads > 1 && !torch.at(-1).skipped) torch.push({ when, loadAverage: os.loadavg()[0], ...torchReference(1) });
  };
  if (backends.includes('wasm')) torchRound('before');
  try {
    for (const backend of backends) {
      for (const variant of variants) {
        const request = { backend, variant, batchSize, models: models.map((m) => planFor(backend, variant, m)), filterGradient: variant === 'stock' && !quick && !args['no-filter'], profile: Boolean(args.profile), loop: backend === 'wasm' && variant === 'project' && !args['no-loop'], ...(typeof args.profile === 'string' ? { profileDetail: args.profile } : {}), ...(args['wasm-threads'] ? { wasmThreads: Number(args['wasm-threads']) } : {}) };
        console.log(`bench: ${backend} (${variant})`);
        const result = await runPage(browser, url, request);
        runs.push(...result.runs);
        filterGradient.push(...result.filterGradient);
        backendInfo.push({ ...result.info, variant });
        if (result.loop) loops.push(result.loop);
      }
    }
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
  if (backends.includes('wasm') && !torch[0]?.skipped) torchRound('after');
  printTable(runs);
  const versusTorch = printTorch(runs, torch);
  printMemory(runs);
  for (const r of runs.filter((r) => r.profile)) {
    console.log(`\nprofile ${r.model} ${r.backend} ${r.variant} (ms per step, exclusive):`);
    for (const k of r.profile) console.log(`  ${k.kernelName.padEnd(50)} ${String(k.callsPerStep).padStart(5)} calls ${fmt(k.msPerStep).padStart(8)} ms`);
  }
  if (filterGradient.length) {
    console.log('\nfilter gradient alone (ms per call):      stock  convolution   im2col  patches');
    for (const f of filterGradient) console.log(`  ${f.backend.padEnd(7)} ${f.shape.padEnd(24)} ${fmt(f.stockMs).padStart(8)} ${fmt(f.convolutionMs).padStart(12)} ${fmt(f.im2colMs).padStart(8)} ${fmt(f.patchesMs).padStart(8)}`);
  }
  for (const l of loops) {
    console.log(`\ntraining loop vs bare model.fit (${l.model}, ${l.backend} ${l.variant}, ${l.samples} images): fit ${fmt(l.fitSamplesPerSec)} samples/s, TrainingLoop ${fmt(l.loopSamplesPerSec)} samples/s, overhead ${fmt(l.overheadPercent)}%${l.error ? ` (error: ${l.error})` : ''}`);
  }
  const firstOk = backendInfo.find((b) => b.ok);
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    node: process.version,
    chromium: browser.version(),
    hardwareConcurrency: firstOk?.hardwareConcurrency,
    crossOriginIsolated: firstOk?.crossOriginIsolated,
    batchSize,
    backends: backendInfo,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  writeFileSync(outFile, JSON.stringify({ machine, runs, filterGradient, loopOverhead: loops, torch, versusTorch }, null, 2) + '\n');
  console.log(`\nbench: wrote ${path.relative(process.cwd(), outFile)} in ${machine.seconds} s (load average ${machine.loadAverage.join(' ')})`);
}

main().catch((e) => {
  console.error(`bench: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
