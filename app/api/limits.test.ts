// Sizes no browser could train are refused at the door, with the param and the limit named, and nothing stored.
import { afterAll, describe, expect, it } from 'vitest';
import { createTempDatabase } from '@/lib/db/testing';
import { TestBrowser } from '@/lib/api/testing';
import { templateDocument } from '@/lib/templates';
import { GET as list, POST as create } from './architectures/route';
import { GET as read, PUT as update } from './architectures/[id]/route';

const temp = createTempDatabase();
afterAll(() => temp.cleanup());

function courseWith(edit: (nodes: Array<{ id: string; params: Record<string, unknown> }>) => void) {
  const doc = JSON.parse(JSON.stringify(templateDocument('course-cnn'))) as { nodes: Array<{ id: string; params: Record<string, unknown> }> };
  edit(doc.nodes);
  return doc;
}

describe('size limits in the API', () => {
  it.each([
    ['filters 1e9', (n: Array<{ params: Record<string, unknown> }>) => (n[1]!.params.filters = 1e9), 'nodes[1].params.filters', 'expected at most 65,536, got 1000000000'],
    ['filters 2^53+2', (n: Array<{ params: Record<string, unknown> }>) => (n[1]!.params.filters = 2 ** 53 + 2), 'nodes[1].params.filters', 'expected at most 65,536, got 9007199254740994'],
    ['kernel 10,000', (n: Array<{ params: Record<string, unknown> }>) => (n[1]!.params.kernelSize = 10_000), 'nodes[1].params.kernelSize', 'expected a size of at most 64 per side, got 10000'],
    ['an Input of 1,000,000×1,000,000×3', (n: Array<{ params: Record<string, unknown> }>) => (n[0]!.params.shape = [1_000_000, 1_000_000, 3]), 'nodes[0].params.shape', 'expected a shape [height, width, channels] of at most [4,096, 4,096, 64], got [1000000,1000000,3]'],
  ])('refuses %s with 422 naming the param and the limit, storing nothing', async (_what, edit, path, message) => {
    const browser = new TestBrowser();
    const res = await browser.call(create, { method: 'POST', path: '/api/architectures', body: { name: 'Huge', document: courseWith(edit) } });
    expect(res.status).toBe(422);
    expect((res.body as { issues: Array<{ path: string; message: string }> }).issues).toContainEqual({ path, message });
    if (browser.cookie) {
      const mine = await browser.call(list, { path: '/api/architectures' });
      expect((mine.body as { architectures: unknown[] }).architectures).toEqual([]);
    }
  });

  it('refuses an update past a limit and keeps the stored document', async () => {
    const browser = new TestBrowser();
    const created = await browser.call(create, { method: 'POST', path: '/api/architectures', body: { name: 'Mine', document: courseWith(() => {}) } });
    const { id } = created.body as { id: string };
    const res = await browser.call(update, {
      method: 'PUT',
      path: `/api/architectures/${id}`,
      params: { id },
      body: { name: 'Mine', version: 1, document: courseWith((n) => (n[12]!.params.units = 100_000)) },
    });
    expect(res.status).toBe(422);
    const stored = await browser.call(read, { path: `/api/architectures/${id}`, params: { id } });
    expect(stored.body).toMatchObject({ version: 1, document: { nodes: expect.arrayContaining([expect.objectContaining({ id: 'dense1', params: expect.objectContaining({ units: 512 }) })]) } });
  });
});
