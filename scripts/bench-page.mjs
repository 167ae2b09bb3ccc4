// npm run bench:page: how responsive the page stays while a model trains.
// Serves the production build (run `npm run build` first) on a scratch
// database, trains a small CNN through the Train tab in headless Chromium and
// records the main thread's long tasks (over 50 ms, PerformanceObserver
// 'longtask') while training runs, next to the same span with the page idle.
// A benchmark, not a test: it asserts nothing, and figures vary with load.
//
//   node scripts/bench-page.mjs [--backend=wasm|webgl|webgpu|cpu|auto] [--model=small|course|lenet5|residual|dense-baseline] [--images=4096] [--epochs=2] [--port=3200]
//
// A template (--model=course is course-cnn) trains with its last layer set to Fashion-MNIST's 10 classes.
// It also reports firstBatchMs: from pressing Start to the first training batch shown (a fresh
// browser profile, so no figures are kept from an earlier start).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? true];
  }),
);
const backend = typeof args.backend === 'string' ? args.backend : 'wasm';
const images = Number(args.images ?? 4096);
const epochs = Number(args.epochs ?? 2);
const port = String(args.port ?? 3200);
const base = `http://localhost:${port}`;

const smallCnn = {
  version: 1,
  name: 'Page bench',
  nodes: [
    { id: 'input', type: 'Input', params: { shape: [28, 28, 1] }, position: { x: 0, y: 0 } },
    { id: 'conv1', type: 'Conv2D', params: { filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }, position: { x: 0, y: 100 } },
    { id: 'pool1', type: 'MaxPooling2D', params: { poolSize: 2 }, position: { x: 0, y: 200 } },
    { id: 'conv2', type: 'Conv2D', params: { filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }, position: { x: 0, y: 300 } },
    { id: 'pool2', type: 'MaxPooling2D', params: { poolSize: 2 }, position: { x: 0, y: 400 } },
    { id: 'flatten', type: 'Flatten', params: {}, position: { x: 0, y: 500 } },
    { id: 'output', type: 'Dense', params: { units: 10, activation: 'softmax' }, position: { x: 0, y: 600 } },
  ],
  edges: ['conv1', 'pool1', 'conv2', 'pool2', 'flatten', 'output'].map((target, i, all) => ({
    id: `e${i}`,
    source: i === 0 ? 'input' : all[i - 1],
    target,
    targetHandle: 'in0',
  })),
};

/** A template (the course's has 24 sign-language classes), its classes turned into Fashion-MNIST's 10. */
function templateModel(id) {
  const doc = JSON.parse(readFileSync(path.join(repo, 'lib', 'templates', `${id}.json`), 'utf8'));
  const sinks = doc.nodes.filter((n) => !doc.edges.some((e) => e.source === n.id));
  for (const n of sinks) if (n.type === 'Dense') n.params.units = 10;
  return doc;
}

const templateId = args.model === 'course' ? 'course-cnn' : typeof args.model === 'string' && args.model !== 'small' ? args.model : null;
const model = templateId ? templateModel(templateId) : smallCnn;

function startServer() {
  const server = spawn(process.execPath, ['scripts/e2e-server.mjs'], { cwd: repo, env: { ...process.env, PORT: port }, stdio: ['ignore', 'ignore', 'inherit'] });
  return server;
}

async function waitForServer() {
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`the app did not answer on ${base} (run npm run build first)`);
}

/** Long tasks observed on the page from now on. */
const observe = () =>
  new Promise((resolve) => {
    const w = window;
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: false });
    resolve(performance.now());
  });

function summarise(tasks, from, to) {
  const inside = tasks.filter((t) => t.start >= from && t.start <= to).map((t) => t.duration);
  const sorted = [...inside].sort((a, b) => b - a);
  return {
    seconds: Math.round((to - from) / 100) / 10,
    longTasks: inside.length,
    maxMs: Math.round(sorted[0] ?? 0),
    totalMs: Math.round(inside.reduce((a, b) => a + b, 0)),
    over100ms: inside.filter((d) => d > 100).length,
    /** Each long task: ms after the span began, and its length. */
    tasks: tasks.filter((t) => t.start >= from && t.start <= to).map((t) => ({ atMs: Math.round(t.start - from), ms: Math.round(t.duration) })),
  };
}

const server = startServer();
let browser;
try {
  await waitForServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-unsafe-webgpu'],
  });
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const created = await page.request.post(`${base}/api/architectures`, { data: { name: model.name, document: model } });
  const { id } = await created.json();
  await page.goto(`${base}/a/${id}`);
  await page.getByRole('tab', { name: 'Train' }).click();
  await page.getByLabel('Backend', { exact: true }).selectOption(backend);
  await page.getByLabel('Use the first N images', { exact: true }).fill(String(images));
  await page.getByLabel('Epochs', { exact: true }).fill(String(epochs));
  await page.getByLabel('Batch size', { exact: true }).fill('32');
  const status = page.getByRole('status').filter({ hasText: 'Backend:' });

  // The same page, idle, for comparison (the charts and React are mounted).
  const idleFrom = await page.evaluate(observe);
  await page.waitForTimeout(10_000);
  const idleTo = await page.evaluate(() => performance.now());

  const trainFrom = await page.evaluate(() => performance.now());
  const startedAt = Date.now();
  await page.getByRole('button', { name: 'Start training' }).click();
  // The first batch: the progress bar leaves 0.
  const firstBatch = page
    .getByRole('progressbar', { name: 'Training progress' })
    .and(page.locator(':not([aria-valuenow="0"])'))
    .waitFor({ timeout: 10 * 60_000 })
    .then(() => Date.now() - startedAt, () => null);
  // When each autotune figure appeared, and when training began (backend 'auto').
  const timeline = [];
  if (backend === 'auto') {
    const t0 = Date.now();
    let seen = 0;
    let stage = '';
    while (Date.now() - t0 < 10 * 60_000) {
      // Each loading stage the status line shows (dataset, measuring, backend, model), when it appears.
      const now = ((await status.textContent().catch(() => '')) ?? '').split('·').slice(1).join('·').trim().replace(/\d+%$/, '');
      if (now !== stage) {
        stage = now;
        timeline.push({ status: now, atMs: Date.now() - t0 });
      }
      const items = await page.locator('.train-measurements li').count();
      if (items > seen) {
        seen = items;
        timeline.push({ measured: items, atMs: Date.now() - t0 });
      }
      if ((await page.locator('.train-progress, [aria-label="Training progress"]').count()) > 0 && seen > 0) {
        timeline.push({ training: true, atMs: Date.now() - t0 });
        break;
      }
      await page.waitForTimeout(50);
    }
  }
  await status.filter({ hasText: /Finished|Stopped/ }).waitFor({ timeout: 30 * 60_000 });
  const firstBatchMs = await firstBatch;
  const trainTo = await page.evaluate(() => performance.now());
  const tasks = await page.evaluate(() => window.__longTasks);
  const speed = await page.locator('.train-progress, [aria-label="Training progress"]').first().textContent().catch(() => '');
  const used = (await status.textContent())?.match(/Backend: (\w+)/)?.[1] ?? backend;

  const measured = await page
    .locator('.train-measurements li')
    .evaluateAll((items) => items.map((li) => `${li.getAttribute('data-backend')}: ${li.textContent?.replace(/\s+/g, ' ').trim()}`));
  const notes = (await page.locator('.train-backend-notes').textContent().catch(() => null)) ?? null;
  const result = {
    model: templateId ?? 'small-cnn',
    backend: used,
    firstBatchMs,
    notes,
    measured,
    timeline,
    images,
    epochs,
    idle: summarise(tasks, idleFrom, idleTo),
    training: summarise(tasks, trainFrom, trainTo),
    progressText: speed?.trim() ?? '',
  };
  console.log(JSON.stringify(result, null, 2));
  writeFileSync(path.join(repo, 'bench-page-results.json'), JSON.stringify(result, null, 2) + '\n');
} finally {
  await browser?.close();
  server.kill('SIGTERM');
}
