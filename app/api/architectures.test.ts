// The architectures API as two browsers see it: the owner, and someone else.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createTempDatabase } from '@/lib/db/testing';
import { disconnectDb } from '@/lib/db/client';
import { TestBrowser, type Reply } from '@/lib/api/testing';
import { templateDocument } from '@/lib/templates';
import { GET as health } from './health/route';
import { GET as list, POST as create } from './architectures/route';
import { DELETE as remove, GET as read, PUT as update } from './architectures/[id]/route';
import { GET as shared } from './shared/[shareId]/route';
import { POST as fork } from './shared/[shareId]/fork/route';
import { createArchitectureAs } from './testing';

const temp = createTempDatabase();
afterAll(() => temp.cleanup());

const doc = () => templateDocument('course-cnn');

const createOne = (browser: TestBrowser, name = 'My CNN') => createArchitectureAs(browser, name);

/** No error body ever carries a stack trace or internals. */
function expectCleanError(res: Reply) {
  const body = res.body as Record<string, unknown>;
  expect(typeof body.error).toBe('string');
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.(ts|js):\d+|node_modules|Prisma|SQLITE/);
}

describe('health', () => {
  it('answers ok after touching the database', async () => {
    const res = await new TestBrowser().call(health, { path: '/api/health' });
    expect(res).toMatchObject({ status: 200, body: { ok: true, db: temp.engine, migrations: 'current' } });
  });

  it('answers 503, without details, when the database cannot be reached', async () => {
    const saved = process.env.DATABASE_URL;
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await disconnectDb();
    // Nothing listens on port 1: the connection is refused at once.
    process.env.DATABASE_URL = 'postgresql://nobody:secret@127.0.0.1:1/none';
    try {
      const res = await new TestBrowser().call(health, { path: '/api/health' });
      expect(res).toMatchObject({ status: 503, body: { error: 'Database unavailable' } });
      expect(JSON.stringify(res.body)).not.toContain('secret');
    } finally {
      log.mockRestore();
      await disconnectDb();
      process.env.DATABASE_URL = saved;
    }
    expect(await new TestBrowser().call(health, { path: '/api/health' })).toMatchObject({ status: 200 });
  });
});

describe('owner', () => {
  it('gives a browser an httpOnly, SameSite=Lax owner cookie on its first write, and only then', async () => {
    const browser = new TestBrowser();
    const res = await browser.call(create, { method: 'POST', path: '/api/architectures', body: { name: 'A', document: { ...doc(), name: 'A' } } });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    const again = await browser.call(create, { method: 'POST', path: '/api/architectures', body: { name: 'B', document: { ...doc(), name: 'B' } } });
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  it('lets only the owner read-for-edit, update or delete; others get 403, cookieless callers 401', async () => {
    const owner = new TestBrowser();
    const other = new TestBrowser();
    await createOne(other, 'Other’s own');
    const { id } = await createOne(owner, 'Mine');
    const path = `/api/architectures/${id}`;

    const mine = await owner.call(read, { path, params: { id } });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id, name: 'Mine', version: 1, document: { name: 'Mine' } });

    for (const [handler, method, body] of [
      [read, 'GET', undefined],
      [update, 'PUT', { name: 'Stolen', document: { ...doc(), name: 'Stolen' }, version: 1 }],
      [remove, 'DELETE', undefined],
    ] as const) {
      const res = await other.call(handler, { method, path, params: { id }, body });
      expect(res.status, method).toBe(403);
      expectCleanError(res);
      const anon = await new TestBrowser().call(handler, { method, path, params: { id }, body });
      expect(anon.status, method).toBe(401);
    }
    const after = await owner.call(read, { path, params: { id } });
    expect(after.body).toMatchObject({ name: 'Mine', version: 1 });

    const otherList = await other.call(list, { path: '/api/architectures' });
    expect((otherList.body as { architectures: { name: string }[] }).architectures.map((a) => a.name)).toEqual(['Other’s own']);
    const ownerList = await owner.call(list, { path: '/api/architectures' });
    expect((ownerList.body as { architectures: { id: string }[] }).architectures.map((a) => a.id)).toEqual([id]);
    const anonList = await new TestBrowser().call(list, { path: '/api/architectures' });
    expect(anonList.body).toEqual({ architectures: [], nextCursor: null });
  });

  it('lists the parameter count of each architecture', async () => {
    const browser = new TestBrowser();
    const { id } = await createOne(browser);
    const res = await browser.call(list, { path: '/api/architectures' });
    const [item] = (res.body as { architectures: { id: string; paramCount: number | null; runCount: number; bestValAccuracy: number | null }[] }).architectures;
    expect(item).toMatchObject({ id, runCount: 0, bestValAccuracy: null });
    expect(item!.paramCount).toBeGreaterThan(0);
  });

  it('deletes for the owner, after which the architecture is gone', async () => {
    const owner = new TestBrowser();
    const { id } = await createOne(owner);
    const res = await owner.call(remove, { method: 'DELETE', path: `/api/architectures/${id}`, params: { id } });
    expect(res.status).toBe(204);
    expect((await owner.call(read, { path: `/api/architectures/${id}`, params: { id } })).status).toBe(404);
  });
});

describe('saving', () => {
  it('bumps the version on each save and refuses a stale one with 409 and the current version, overwriting nothing', async () => {
    const owner = new TestBrowser();
    const { id } = await createOne(owner, 'v1');
    const path = `/api/architectures/${id}`;
    const first = await owner.call(update, { method: 'PUT', path, params: { id }, body: { name: 'v2', document: { ...doc(), name: 'v2' }, version: 1 } });
    expect(first).toMatchObject({ status: 200, body: { version: 2 } });

    // A second tab still at version 1.
    const stale = await owner.call(update, { method: 'PUT', path, params: { id }, body: { name: 'stale', document: { ...doc(), name: 'stale' }, version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: 2 });
    expectCleanError(stale);

    const now = await owner.call(read, { path, params: { id } });
    expect(now.body).toMatchObject({ name: 'v2', version: 2, document: { name: 'v2' } });
  });

  it('refuses a document that fails the schema with 422 naming the field, and stores nothing', async () => {
    const owner = new TestBrowser();
    const { id } = await createOne(owner, 'good');
    const bad = doc();
    const conv = bad.nodes[4]!;
    expect(conv.type).toBe('Conv2D');
    (conv.params as { filters: number }).filters = -2;
    const res = await owner.call(update, { method: 'PUT', path: `/api/architectures/${id}`, params: { id }, body: { name: 'bad', document: bad, version: 1 } });
    expect(res.status).toBe(422);
    expect((res.body as { issues: { path: string; message: string }[] }).issues).toContainEqual({
      path: 'nodes[4].params.filters',
      message: expect.stringContaining('-2'),
    });
    const created = await owner.call(create, { method: 'POST', path: '/api/architectures', body: { name: 'bad', document: bad } });
    expect(created.status).toBe(422);
    const after = await owner.call(read, { path: `/api/architectures/${id}`, params: { id } });
    expect(after.body).toMatchObject({ name: 'good', version: 1 });
  });

  it('takes a document whose edges into one-input layers lack targetHandle as in0, and names the edge where the input is ambiguous', async () => {
    const owner = new TestBrowser();
    const loose = JSON.parse(JSON.stringify(doc())) as { edges: { targetHandle?: string }[] };
    for (const edge of loose.edges) delete edge.targetHandle;
    const created = await owner.call(create, { method: 'POST', path: '/api/architectures', body: { name: 'loose', document: loose } });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    const stored = await owner.call(read, { path: `/api/architectures/${id}`, params: { id } });
    expect((stored.body as { document: { edges: unknown } }).document.edges).toEqual(doc().edges);

    const merge = JSON.parse(JSON.stringify(templateDocument('residual'))) as { edges: { id: string; targetHandle?: string }[] };
    const into = merge.edges.findIndex((e) => e.id === 'e4');
    delete merge.edges[into]!.targetHandle;
    const refused = await owner.call(create, { method: 'POST', path: '/api/architectures', body: { name: 'merge', document: merge } });
    expect(refused.status).toBe(422);
    expect((refused.body as { issues: { path: string; message: string }[] }).issues).toEqual([
      expect.objectContaining({ path: `edges[${into}].targetHandle`, message: 'is missing: add (Add) takes several inputs; say which one this edge feeds (in0, in1, …)' }),
    ]);
  });

  it('answers junk JSON with 400 and a wrong body shape with 400 naming the fields', async () => {
    const browser = new TestBrowser();
    const junk = await browser.call(create, { method: 'POST', path: '/api/architectures', raw: '{"name": "x", document', headers: { 'content-type': 'application/json' } });
    expect(junk.status).toBe(400);
    expectCleanError(junk);
    const shape = await browser.call(create, { method: 'POST', path: '/api/architectures', body: { title: 'x' } });
    expect(shape.status).toBe(400);
    const paths = (shape.body as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['name']));
    expect(browser.cookie).toBeNull();
  });

  it('refuses a 1.6 MB body with 413, both by Content-Length and by counting a chunked stream', async () => {
    const browser = new TestBrowser();
    const big = JSON.stringify({ name: 'big', document: { ...doc(), padding: 'x'.repeat(1_600_000) } });
    const declared = await browser.call(create, { method: 'POST', path: '/api/architectures', raw: big, headers: { 'content-type': 'application/json' } });
    expect(declared.status).toBe(413);
    expectCleanError(declared);

    const bytes = new TextEncoder().encode(big);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(sent, sent + 64 * 1024));
        sent += 64 * 1024;
      },
    });
    const chunked = await browser.call(create, { method: 'POST', path: '/api/architectures', raw: stream, headers: { 'content-type': 'application/json' } });
    expect(chunked.status).toBe(413);
    // It stopped reading soon after the limit instead of swallowing the whole body.
    expect(sent).toBeLessThan(bytes.length);
  });

  it('refuses cross-site writes', async () => {
    const browser = new TestBrowser();
    const res = await browser.call(create, {
      method: 'POST',
      path: '/api/architectures',
      body: { name: 'x', document: { ...doc(), name: 'x' } },
      headers: { origin: 'https://evil.example', host: 'localhost:3201' },
    });
    expect(res.status).toBe(403);
  });
});

describe('sharing', () => {
  it('shows a shared architecture read-only to anyone with the link, with an unguessable id', async () => {
    const owner = new TestBrowser();
    const { shareId } = await createOne(owner, 'Shared net');
    expect(shareId).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    const stranger = new TestBrowser();
    const res = await stranger.call(shared, { path: `/api/shared/${shareId}`, params: { shareId } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Shared net', document: { name: 'Shared net' } });
    // Read-only: no id to edit with, no owner.
    expect(Object.keys(res.body as object).sort()).toEqual(['document', 'name']);
  });

  it('answers an unknown share id with 404', async () => {
    const res = await new TestBrowser().call(shared, { path: '/api/shared/nope', params: { shareId: 'AAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect(res.status).toBe(404);
    expectCleanError(res);
    const f = await new TestBrowser().call(fork, { method: 'POST', path: '/api/shared/nope/fork', params: { shareId: 'AAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect(f.status).toBe(404);
  });

  it('forks into the forker’s own architecture and leaves the original unchanged', async () => {
    const owner = new TestBrowser();
    const original = await createOne(owner, 'Original');
    const forker = new TestBrowser();
    const res = await forker.call(fork, { method: 'POST', path: `/api/shared/${original.shareId}/fork`, params: { shareId: original.shareId } });
    expect(res.status).toBe(201);
    const copy = res.body as { id: string; shareId: string };
    expect(copy.id).not.toBe(original.id);
    expect(copy.shareId).not.toBe(original.shareId);
    expect(forker.cookie).not.toBeNull();

    const mine = await forker.call(read, { path: `/api/architectures/${copy.id}`, params: { id: copy.id } });
    expect(mine.body).toMatchObject({ name: 'Original (fork)', version: 1, document: { name: 'Original (fork)' } });
    const edit = await forker.call(update, {
      method: 'PUT',
      path: `/api/architectures/${copy.id}`,
      params: { id: copy.id },
      body: { name: 'Changed', document: { ...doc(), name: 'Changed' }, version: 1 },
    });
    expect(edit.status).toBe(200);
    expect((await owner.call(read, { path: `/api/architectures/${copy.id}`, params: { id: copy.id } })).status).toBe(403);

    const orig = await owner.call(read, { path: `/api/architectures/${original.id}`, params: { id: original.id } });
    expect(orig.body).toMatchObject({ name: 'Original', version: 1 });
    const forkerList = await forker.call(list, { path: '/api/architectures' });
    expect((forkerList.body as { architectures: { id: string }[] }).architectures.map((a) => a.id)).toEqual([copy.id]);
  });
});
