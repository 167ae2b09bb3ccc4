// The owner's list: what it shows comes from summaries stored when a document
// is written (a list never parses documents), a page at a time, for owners
// with any number of architectures.
import { afterAll, describe, expect, it } from 'vitest';
import { createTempDatabase } from '@/lib/db/testing';
import { getDb } from '@/lib/db/client';
import { TestBrowser } from '@/lib/api/testing';
import { hashOwnerSecret, ownerSecretFromCookieHeader } from '@/lib/db/owner-secret';
import { newId, newShareId } from '@/lib/db/ids';
import { ArchitectureList, type ArchitectureSummary } from '@/lib/api/types';
import { templateDocument } from '@/lib/templates';
import { GET as list } from './architectures/route';
import { PUT as update } from './architectures/[id]/route';
import { POST as createRun } from './architectures/[id]/runs/route';
import { DELETE as removeRun } from './runs/[id]/route';
import { POST as postEpoch } from './runs/[id]/epochs/route';
import { createArchitectureAs } from './testing';

const temp = createTempDatabase();
afterAll(() => temp.cleanup());

const doc = (name: string) => ({ ...templateDocument('course-cnn'), name });

async function page(browser: TestBrowser, query = '') {
  const res = await browser.call(list, { path: `/api/architectures${query}` });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return ArchitectureList.parse(res.body);
}

/** Every page, following nextCursor, as the /mine page does while scrolling. */
async function listAll(browser: TestBrowser, limit: number) {
  const all: ArchitectureSummary[] = [];
  let cursor: string | null | undefined = null;
  let pages = 0;
  do {
    const p: ArchitectureList = await page(browser, `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    all.push(...p.architectures);
    cursor = p.nextCursor;
    pages++;
  } while (cursor);
  return { all, pages };
}

function ownerHashOf(browser: TestBrowser): string {
  return hashOwnerSecret(ownerSecretFromCookieHeader(browser.cookie)!);
}

describe('architecture list', () => {
  it('shows parameter and error counts stored at save time, without reading the documents again', async () => {
    const owner = new TestBrowser();
    const { id } = await createArchitectureAs(owner, 'Course CNN');
    const first = await page(owner);
    expect(first.architectures).toEqual([expect.objectContaining({ id, name: 'Course CNN', paramCount: expect.any(Number), errorCount: 0 })]);
    const paramCount = first.architectures[0]!.paramCount;
    expect(paramCount).toBeGreaterThan(1000);

    // A save that breaks the graph (a Dense with no input) shows its errors and no count.
    const broken = doc('Course CNN');
    broken.edges = broken.edges.slice(1);
    const saved = await owner.call(update, { method: 'PUT', path: `/api/architectures/${id}`, params: { id }, body: { name: 'Course CNN', document: broken, version: 1 } });
    expect(saved.status).toBe(200);
    const after = await page(owner);
    expect(after.architectures[0]).toMatchObject({ paramCount: null, errorCount: expect.any(Number) });
    expect(after.architectures[0]!.errorCount).toBeGreaterThan(0);

    // The list reads only the stored summary: even a stored document that no longer parses does not break it.
    const db = await getDb();
    await db.$executeRaw`UPDATE "Architecture" SET "document" = 'not json' WHERE "id" = ${id}`;
    const still = await owner.call(list, { path: '/api/architectures' });
    expect(still.status).toBe(200);
    expect(ArchitectureList.parse(still.body).architectures[0]).toMatchObject({ id, paramCount: null });
  });

  it('pages through the list newest first with a cursor: no row twice, none missed, even with equal timestamps', async () => {
    const owner = new TestBrowser();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await createArchitectureAs(owner, `Net ${i}`)).id);
    // Three of them modified in the same millisecond: the id breaks the tie.
    const db = await getDb();
    const same = new Date('2026-01-01T00:00:00.000Z');
    await db.architecture.updateMany({ where: { id: { in: ids.slice(2, 5) } }, data: { updatedAt: same } });

    const first = await page(owner, '?limit=3');
    expect(first.architectures).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    const { all, pages } = await listAll(owner, 3);
    expect(pages).toBe(3);
    expect(all.map((a) => a.id).sort()).toEqual([...ids].sort());
    const order = all.map((a) => `${a.updatedAt}|${a.id}`);
    expect(order).toEqual([...order].sort().reverse());
    // Default page size is 50; the last page says there is no more.
    const whole = await page(owner);
    expect(whole.architectures).toHaveLength(7);
    expect(whole.nextCursor).toBeNull();
  });

  it('refuses a bad limit or cursor with 400 naming it', async () => {
    const owner = new TestBrowser();
    await createArchitectureAs(owner, 'One');
    for (const [query, path] of [
      ['?limit=0', 'limit'],
      ['?limit=101', 'limit'],
      ['?limit=ten', 'limit'],
      ['?cursor=bogus', 'cursor'],
      ['?cursor=' + Buffer.from('12.x/y').toString('base64url'), 'cursor'],
      ['?sort=name', 'sort'],
    ] as const) {
      const res = await owner.call(list, { path: `/api/architectures${query}` });
      expect(res.status, query).toBe(400);
      const issue = (res.body as { issues: { path: string; message: string }[] }).issues[0]!;
      expect(`${issue.path} ${issue.message}`, query).toContain(path);
    }
  });

  it('lists an owner with 1,100 architectures (past SQLite’s bound-parameter limit), every one exactly once', async () => {
    const owner = new TestBrowser();
    await createArchitectureAs(owner, 'First');
    const ownerHash = ownerHashOf(owner);
    const document = JSON.stringify(doc('Bulk'));
    const db = await getDb();
    const start = Date.now();
    await db.architecture.createMany({
      data: Array.from({ length: 1099 }, (_, i) => ({
        id: newId(),
        shareId: newShareId(),
        name: `Bulk ${i}`,
        document,
        ownerHash,
        paramCount: 10,
        errorCount: 0,
        updatedAt: new Date(start - (i + 1) * 1000),
      })),
    });
    const { all } = await listAll(owner, 100);
    expect(all).toHaveLength(1100);
    expect(new Set(all.map((a) => a.id)).size).toBe(1100);
    expect(all[0]!.name).toBe('First');
  });

  it('fills in the summary of rows saved before summaries were stored, once, without reordering the list', async () => {
    const owner = new TestBrowser();
    const older = await createArchitectureAs(owner, 'Older');
    const newer = await createArchitectureAs(owner, 'Newer');
    const db = await getDb();
    // As the migration leaves rows written by earlier versions.
    await db.$executeRaw`UPDATE "Architecture" SET "paramCount" = NULL, "errorCount" = NULL WHERE "id" IN (${older.id}, ${newer.id})`;
    const before = await db.architecture.findMany({ where: { id: { in: [older.id, newer.id] } }, select: { id: true, updatedAt: true } });

    const listed = await page(owner);
    expect(listed.architectures.map((a) => a.name)).toEqual(['Newer', 'Older']);
    expect(listed.architectures.every((a) => a.paramCount !== null && a.paramCount > 1000 && a.errorCount === 0)).toBe(true);
    const stored = await db.architecture.findMany({ where: { id: { in: [older.id, newer.id] } }, select: { id: true, updatedAt: true, paramCount: true, errorCount: true } });
    for (const row of stored) {
      expect(row.errorCount).toBe(0);
      expect(row.paramCount).toBe(listed.architectures[0]!.paramCount);
      expect(row.updatedAt).toEqual(before.find((b) => b.id === row.id)!.updatedAt);
    }
  });

  it('still lists a row whose stored document breaks a limit added since it was saved (one error, no count), instead of failing the page', async () => {
    const owner = new TestBrowser();
    const kept = await createArchitectureAs(owner, 'Fine');
    const old = await createArchitectureAs(owner, 'From before the limits');
    const db = await getDb();
    const document = doc('From before the limits');
    const conv = document.nodes.find((n) => n.type === 'Conv2D')!;
    const tooBig = { ...document, nodes: document.nodes.map((n) => (n === conv ? { ...n, params: { ...n.params, filters: 1_000_000 } } : n)) };
    await db.$executeRaw`UPDATE "Architecture" SET "document" = ${JSON.stringify(tooBig)}, "paramCount" = NULL, "errorCount" = NULL WHERE "id" = ${old.id}`;
    const listed = await page(owner);
    expect(listed.architectures.find((a) => a.id === old.id)).toMatchObject({ paramCount: null, errorCount: 1 });
    expect(listed.architectures.find((a) => a.id === kept.id)?.errorCount).toBe(0);
  });

  it('keeps run counts and best accuracy in step as runs are created, trained and deleted, without counting as an edit', async () => {
    const owner = new TestBrowser();
    const a = await createArchitectureAs(owner, 'A');
    const b = await createArchitectureAs(owner, 'B');
    const runBody = {
      document: templateDocument('dense-baseline'),
      dataset: { name: 'MNIST', hash: 'h', shape: [28, 28, 1], classNames: ['0', '1'], trainCount: 10, testCount: 5 },
      hyperparameters: { optimizer: 'adam', learningRate: 0.001, batchSize: 8, epochs: 2, validationSplit: 0.1, shuffle: true, seed: 1 },
      backend: 'cpu',
    };
    const runIds: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await owner.call(createRun, { method: 'POST', path: `/api/architectures/${a.id}/runs`, params: { id: a.id }, body: runBody });
      expect(r.status).toBe(201);
      runIds.push((r.body as { id: string }).id);
    }
    const epoch = (valAccuracy: number) => ({ epoch: 0, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy, durationMs: 10, samplesPerSec: 5 });
    await owner.call(postEpoch, { method: 'POST', path: `/api/runs/${runIds[0]}/epochs`, params: { id: runIds[0]! }, body: epoch(0.5) });
    await owner.call(postEpoch, { method: 'POST', path: `/api/runs/${runIds[1]}/epochs`, params: { id: runIds[1]! }, body: epoch(0.75) });

    let listed = (await page(owner)).architectures;
    // B was saved last; training A does not move it to the top.
    expect(listed.map((x) => x.name)).toEqual(['B', 'A']);
    expect(listed[1]).toMatchObject({ runCount: 2, bestValAccuracy: 0.75 });
    expect(listed[0]).toMatchObject({ runCount: 0, bestValAccuracy: null });

    const removed = await owner.call(removeRun, { method: 'DELETE', path: `/api/runs/${runIds[1]}`, params: { id: runIds[1]! } });
    expect(removed.status).toBe(204);
    listed = (await page(owner)).architectures;
    expect(listed[1]).toMatchObject({ name: 'A', runCount: 1, bestValAccuracy: 0.5 });
    expect(b.id).toBe(listed[0]!.id);
  });
});
