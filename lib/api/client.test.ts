// The typed client against the real route handlers (fetch routed in-process,
// with a cookie jar like a browser's), plus the failures it must turn into values.
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTempDatabase } from '@/lib/db/testing';
import { templateDocument } from '@/lib/templates';
import * as archs from '@/app/api/architectures/route';
import * as arch from '@/app/api/architectures/[id]/route';
import * as archRuns from '@/app/api/architectures/[id]/runs/route';
import * as shared from '@/app/api/shared/[shareId]/route';
import * as fork from '@/app/api/shared/[shareId]/fork/route';
import * as run from '@/app/api/runs/[id]/route';
import * as epochs from '@/app/api/runs/[id]/epochs/route';
import * as weights from '@/app/api/runs/[id]/weights/route';
import * as owner from '@/app/api/owner/route';
import * as share from '@/app/api/architectures/[id]/share/route';
import * as client from './client';

const temp = createTempDatabase();
afterAll(() => temp.cleanup());

type AnyHandler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const routes: [RegExp, string, Record<string, unknown>][] = [
  [/^\/api\/owner$/, '', owner],
  [/^\/api\/architectures$/, '', archs],
  [/^\/api\/architectures\/([^/]+)\/share$/, 'id', share],
  [/^\/api\/architectures\/([^/]+)$/, 'id', arch],
  [/^\/api\/architectures\/([^/]+)\/runs$/, 'id', archRuns],
  [/^\/api\/shared\/([^/]+)$/, 'shareId', shared],
  [/^\/api\/shared\/([^/]+)\/fork$/, 'shareId', fork],
  [/^\/api\/runs\/([^/]+)$/, 'id', run],
  [/^\/api\/runs\/([^/]+)\/epochs$/, 'id', epochs],
  [/^\/api\/runs\/([^/]+)\/weights$/, 'id', weights],
];

/** A fetch that behaves like one browser talking to the app. */
function browserFetch() {
  let cookie: string | null = null;
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://localhost:3201');
    const headers = new Headers(init?.headers);
    if (cookie) headers.set('cookie', cookie);
    const req = new Request(url, { ...init, headers });
    for (const [pattern, param, mod] of routes) {
      const m = pattern.exec(url.pathname);
      if (!m) continue;
      const handler = mod[req.method] as AnyHandler | undefined;
      if (!handler) return new Response(null, { status: 405 });
      const res = await handler(req, { params: Promise.resolve(param ? { [param]: decodeURIComponent(m[1]!) } : {}) });
      const set = res.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0]!;
      return res;
    }
    return new Response('not found', { status: 404 });
  };
}

const doc = (name: string) => ({ ...templateDocument('lenet5'), name });

describe('client against the API', () => {
  beforeEach(() => vi.stubGlobal('fetch', browserFetch()));
  afterEach(() => vi.unstubAllGlobals());

  it('creates, reads, saves, shares, forks and deletes architectures', async () => {
    const created = await client.createArchitecture({ name: 'LeNet', document: doc('LeNet') });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const { id, shareId, version } = created.data;
    expect(version).toBe(1);

    const got = await client.getArchitecture(id);
    expect(got.ok && got.data.document.nodes.length).toBe(templateDocument('lenet5').nodes.length);

    const saved = await client.updateArchitecture(id, { name: 'LeNet 2', document: doc('LeNet 2'), version: 1 });
    expect(saved).toEqual({ ok: true, data: { version: 2 } });
    const stale = await client.updateArchitecture(id, { name: 'old tab', document: doc('old tab'), version: 1 });
    expect(stale).toMatchObject({ ok: false, status: 409, currentVersion: 2 });

    const list = await client.listArchitectures();
    expect(list.ok && list.data.map((a) => [a.id, a.name])).toEqual([[id, 'LeNet 2']]);

    const view = await client.getShared(shareId);
    expect(view).toMatchObject({ ok: true, data: { name: 'LeNet 2' } });
    const forked = await client.forkShared(shareId);
    expect(forked.ok && forked.data.id).not.toBe(id);

    expect(await client.deleteArchitecture(id)).toEqual({ ok: true, data: null });
    expect(await client.getArchitecture(id)).toMatchObject({ ok: false, status: 404 });
  });

  it('carries the issues of a rejected document', async () => {
    const bad = doc('bad');
    (bad.nodes[1]!.params as { filters: number }).filters = -2;
    const res = await client.createArchitecture({ name: 'bad', document: bad });
    expect(res).toMatchObject({ ok: false, status: 422, issues: [{ path: 'nodes[1].params.filters' }] });
  });

  it('runs a training run through its life: create, epochs, heartbeat, finish, weights, list, delete', async () => {
    const created = await client.createArchitecture({ name: 'Net', document: doc('Net') });
    if (!created.ok) throw new Error(created.error);
    const architectureId = created.data.id;
    const r = await client.createRun(architectureId, {
      document: doc('Net'),
      dataset: { name: 'MNIST', hash: 'h', shape: [28, 28, 1], classNames: ['0', '1'], trainCount: 10, testCount: 5 },
      hyperparameters: { optimizer: 'sgd', learningRate: 0.01, batchSize: 8, epochs: 2, validationSplit: 0.2, shuffle: false, seed: 1, trainLimit: 10 },
      backend: 'wasm',
    });
    if (!r.ok) throw new Error(r.error);
    const runId = r.data.id;
    expect(await client.appendEpoch(runId, { epoch: 0, loss: 2, accuracy: 0.3, valLoss: null, valAccuracy: null, durationMs: 5, samplesPerSec: 2 })).toEqual({ ok: true, data: null });
    expect((await client.updateRun(runId, { heartbeat: true }))).toMatchObject({ ok: true, data: { status: 'running', epochsDone: 1 } });
    const done = await client.updateRun(runId, { status: 'completed', testAccuracy: 0.5 });
    expect(done).toMatchObject({ ok: true, data: { status: 'completed', testAccuracy: 0.5 } });

    const weightData = new Float32Array([1, 2, 3]).buffer;
    expect(await client.saveRunWeights(runId, { weightSpecs: [{ name: 'w', shape: [3], dtype: 'float32' }], weightData })).toEqual({ ok: true, data: null });
    const loaded = await client.loadRunWeights(runId);
    expect(loaded.ok && Array.from(new Float32Array(loaded.data.weightData))).toEqual([1, 2, 3]);
    expect(loaded.ok && loaded.data.weightSpecs).toEqual([{ name: 'w', shape: [3], dtype: 'float32' }]);

    const full = await client.getRun(runId);
    expect(full).toMatchObject({ ok: true, data: { hasWeights: true, epochs: [{ epoch: 0, valAccuracy: null }], hyperparameters: { trainLimit: 10 } } });
    const runs = await client.listRuns(architectureId);
    expect(runs.ok && runs.data.map((x) => x.id)).toEqual([runId]);
    expect(await client.deleteRun(runId)).toEqual({ ok: true, data: null });
    expect(await client.getRun(runId)).toMatchObject({ ok: false, status: 404 });
  });
});

describe('the owner is minted once', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('gives ten concurrent first saves from a new browser one owner, who lists all ten', async () => {
    vi.resetModules();
    const fresh = await import('./client'); // a page that has not talked to the server yet
    const fetch = browserFetch();
    const paths: string[] = [];
    vi.stubGlobal('fetch', (input: string, init?: RequestInit) => {
      paths.push(`${init?.method ?? 'GET'} ${input}`);
      return fetch(input, init);
    });
    const names = Array.from({ length: 10 }, (_, i) => `Net ${i}`);
    const created = await Promise.all(names.map((name) => fresh.createArchitecture({ name, document: doc(name) })));
    expect(created.every((r) => r.ok)).toBe(true);
    expect(paths.filter((p) => p === 'POST /api/owner')).toHaveLength(1);
    expect(paths[0]).toBe('POST /api/owner');
    const list = await fresh.listArchitectures();
    expect(list.ok && list.data.map((a) => a.name).sort()).toEqual(names);
  });

  it('tries the mint again on the next write after it failed', async () => {
    vi.resetModules();
    const fresh = await import('./client');
    const fetch = browserFetch();
    let down = true;
    vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
      if (down) throw new TypeError('fetch failed');
      return fetch(input, init);
    });
    expect(await fresh.createArchitecture({ name: 'a', document: doc('a') })).toMatchObject({ ok: false, status: 0 });
    down = false;
    expect(await fresh.createArchitecture({ name: 'a', document: doc('a') })).toMatchObject({ ok: true });
  });

  it('replaces and turns off share links', async () => {
    vi.stubGlobal('fetch', browserFetch());
    const created = await client.createArchitecture({ name: 'S', document: doc('S') });
    if (!created.ok) throw new Error(created.error);
    const { id, shareId } = created.data;
    const replaced = await client.replaceShareLink(id);
    expect(replaced.ok && replaced.data).not.toBe(shareId);
    expect(await client.getShared(shareId)).toMatchObject({ ok: false, status: 404 });
    expect(await client.turnOffShareLink(id)).toEqual({ ok: true, data: null });
    expect(await client.getArchitecture(id)).toMatchObject({ ok: true, data: { shareId: null } });
  });
});

describe('client failures are values', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reports an unreachable server as status 0', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    expect(await client.listArchitectures()).toMatchObject({ ok: false, status: 0, error: expect.stringContaining('fetch failed') });
  });

  it('refuses a success response of the wrong shape instead of trusting it', async () => {
    vi.stubGlobal('fetch', async () => Response.json({ id: 'x' }, { status: 201 }));
    const res = await client.createArchitecture({ name: 'x', document: doc('x') });
    expect(res).toMatchObject({ ok: false, status: 201, error: expect.stringContaining('shareId') });
  });

  it('falls back to the status line when an error body is not ours', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    expect(await client.getRun('r')).toEqual({ ok: false, status: 502, error: '502 Bad Gateway' });
  });
});

describe('client when writing too fast', () => {
  beforeEach(() => vi.stubGlobal('fetch', browserFetch()));
  afterEach(() => {
    vi.unstubAllGlobals();
    delete process.env.CNN_STUDIO_WRITES_PER_OWNER;
  });

  it('surfaces a 429 as a clear message with the seconds to wait', async () => {
    process.env.CNN_STUDIO_WRITES_PER_OWNER = '1';
    expect((await client.createArchitecture({ name: 'a', document: doc('a') })).ok).toBe(true);
    const created = await client.createArchitecture({ name: 'b', document: doc('b') });
    expect(created.ok).toBe(true);
    const refused = await client.updateArchitecture(created.ok ? created.data.id : '', { name: 'c', document: doc('c'), version: 1 });
    expect(refused).toMatchObject({ ok: false, status: 429, error: expect.stringMatching(/^Too many changes in a short time: wait \d+ seconds? and try again\.$/) });
    expect(!refused.ok && refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });
});

describe('architecture pages', () => {
  afterEach(() => vi.unstubAllGlobals());

  const summary = (id: string) => ({ id, name: id, shareId: `s${id}`, paramCount: 1, errorCount: 0, updatedAt: '2026-01-01T00:00:00.000Z', bestValAccuracy: null, runCount: 0 });

  it('asks for the next page with the cursor the last one gave, and lists every page for pickers', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (input: string | URL) => {
      const url = new URL(String(input), 'http://localhost');
      asked.push(url.search);
      const cursor = url.searchParams.get('cursor');
      return Response.json(cursor === null ? { architectures: [summary('a'), summary('b')], nextCursor: 'next/1' } : { architectures: [summary('c')], nextCursor: null });
    });
    const first = await client.listArchitecturePage({ limit: 2 });
    expect(first).toMatchObject({ ok: true, data: { nextCursor: 'next/1', architectures: [{ id: 'a' }, { id: 'b' }] } });
    const second = await client.listArchitecturePage({ cursor: first.ok ? first.data.nextCursor : null });
    expect(second).toMatchObject({ ok: true, data: { nextCursor: null, architectures: [{ id: 'c' }] } });
    expect(asked).toEqual(['?limit=2', '?cursor=next%2F1']);

    const all = await client.listArchitectures();
    expect(all.ok && all.data.map((a) => a.id)).toEqual(['a', 'b', 'c']);
  });
});
