// The owner key carried between browsers, the single owner mint, and share
// links the owner can replace or turn off, as browsers see them.
import { afterAll, describe, expect, it } from 'vitest';
import { createTempDatabase } from '@/lib/db/testing';
import { TestBrowser, type Reply } from '@/lib/api/testing';
import { templateDocument } from '@/lib/templates';
import { GET as list } from './architectures/route';
import { GET as read, PUT as update } from './architectures/[id]/route';
import { DELETE as shareOff, POST as shareReplace } from './architectures/[id]/share/route';
import { GET as shared } from './shared/[shareId]/route';
import { POST as fork } from './shared/[shareId]/fork/route';
import { POST as mint } from './owner/route';
import { POST as revealKey } from './owner/recovery-key/route';
import { POST as recover } from './owner/recover/route';
import { createArchitectureAs } from './testing';

const temp = createTempDatabase();
afterAll(() => temp.cleanup());

const doc = (name: string) => ({ ...templateDocument('course-cnn'), name });

async function names(browser: TestBrowser): Promise<string[]> {
  const res = await browser.call(list, { path: '/api/architectures' });
  return (res.body as { architectures: { name: string }[] }).architectures.map((a) => a.name).sort();
}

const keyOf = async (browser: TestBrowser) => {
  const res = await browser.call(revealKey, { method: 'POST', path: '/api/owner/recovery-key' });
  expect(res.status).toBe(200);
  return (res.body as { key: string }).key;
};

const recoverWith = (browser: TestBrowser, body: unknown, headers?: Record<string, string>) =>
  browser.call(recover, { method: 'POST', path: '/api/owner/recover', body, headers });

function expectNoKeyIn(res: Reply, key: string) {
  expect(JSON.stringify(res.body)).not.toContain(key);
}

describe('owner mint', () => {
  it('mints an owner cookie for a new browser, and never a second one', async () => {
    const browser = new TestBrowser();
    const first = await browser.call(mint, { method: 'POST', path: '/api/owner' });
    expect(first).toMatchObject({ status: 201, body: { minted: true } });
    expect(first.headers.get('set-cookie')).toMatch(/^cnn_studio_owner=[\w-]{43}; .*HttpOnly/);
    const cookie = browser.cookie;
    const again = await browser.call(mint, { method: 'POST', path: '/api/owner' });
    expect(again).toMatchObject({ status: 200, body: { minted: false } });
    expect(again.headers.get('set-cookie')).toBeNull();
    // Saves after the mint keep that owner.
    await createArchitectureAs(browser, 'After mint');
    expect(browser.cookie).toBe(cookie);
  });
});

describe('recovery key', () => {
  it('is shown only to a browser that has one, by POST, never cached', async () => {
    const none = await new TestBrowser().call(revealKey, { method: 'POST', path: '/api/owner/recovery-key' });
    expect(none.status).toBe(401);
    const owner = new TestBrowser();
    await createArchitectureAs(owner, 'Mine');
    const res = await owner.call(revealKey, { method: 'POST', path: '/api/owner/recovery-key' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((res.body as { key: string }).key).toBe(owner.cookie!.split('=')[1]);
  });

  it('makes another browser the owner: it lists, reads and edits the architectures', async () => {
    const home = new TestBrowser();
    const { id } = await createArchitectureAs(home, 'Home net');
    const key = await keyOf(home);

    const laptop = new TestBrowser();
    const res = await recoverWith(laptop, { key: `  ${key}\n` });
    expect(res).toMatchObject({ status: 200, body: { owned: 1, moved: 0 } });
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expectNoKeyIn(res, key);
    expect(await names(laptop)).toEqual(['Home net']);
    const edit = await laptop.call(update, { method: 'PUT', path: `/api/architectures/${id}`, params: { id }, body: { name: 'Edited on laptop', document: doc('Edited on laptop'), version: 1 } });
    expect(edit).toMatchObject({ status: 200, body: { version: 2 } });
    // The first browser still owns it too: it is the same key.
    expect((await home.call(read, { path: `/api/architectures/${id}`, params: { id } })).body).toMatchObject({ name: 'Edited on laptop' });
  });

  it('moves what the new browser already owned to the recovered owner, keeping their last-modified times', async () => {
    const home = new TestBrowser();
    await createArchitectureAs(home, 'Home A');
    const key = await keyOf(home);
    const laptop = new TestBrowser();
    const local = await createArchitectureAs(laptop, 'Laptop B');
    const before = await laptop.call(read, { path: `/api/architectures/${local.id}`, params: { id: local.id } });

    const res = await recoverWith(laptop, { key });
    expect(res).toMatchObject({ status: 200, body: { owned: 2, moved: 1 } });
    expect(await names(laptop)).toEqual(['Home A', 'Laptop B']);
    expect(await names(home)).toEqual(['Home A', 'Laptop B']);
    const after = await home.call(read, { path: `/api/architectures/${local.id}`, params: { id: local.id } });
    expect((after.body as { updatedAt: string }).updatedAt).toBe((before.body as { updatedAt: string }).updatedAt);
  });

  it('refuses a malformed key with 400 naming the problem, without echoing it, and changes nothing', async () => {
    const laptop = new TestBrowser();
    await createArchitectureAs(laptop, 'Kept');
    const cookie = laptop.cookie;
    const short = await recoverWith(laptop, { key: 'abc123' });
    expect(short.status).toBe(400);
    expect((short.body as { error: string }).error).toBe('A recovery key is 43 characters long; this one is 6');
    expectNoKeyIn(short, 'abc123');
    const odd = await recoverWith(laptop, { key: `${'a'.repeat(42)}!` });
    expect(odd.status).toBe(400);
    expect((odd.body as { error: string }).error).toMatch(/only letters, digits, - and _/);
    expect((await recoverWith(laptop, { key: 'x'.repeat(201) })).status).toBe(400);
    expect((await recoverWith(laptop, { secret: 'x' })).status).toBe(400);
    expect(laptop.cookie).toBe(cookie);
    expect(await names(laptop)).toEqual(['Kept']);
  });

  it('refuses a well-formed key that owns nothing with 404 and changes nothing', async () => {
    const laptop = new TestBrowser();
    await createArchitectureAs(laptop, 'Still mine');
    const cookie = laptop.cookie;
    const res = await recoverWith(laptop, { key: 'A'.repeat(43) });
    expect(res.status).toBe(404);
    expect((res.body as { error: string }).error).toMatch(/No architectures belong to this recovery key/);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(laptop.cookie).toBe(cookie);
    expect(await names(laptop)).toEqual(['Still mine']);
  });

  it('takes the key only as JSON, so a form on another site cannot post one', async () => {
    const home = new TestBrowser();
    await createArchitectureAs(home, 'Target');
    const key = await keyOf(home);
    const victim = new TestBrowser();
    const res = await victim.call(recover, { method: 'POST', path: '/api/owner/recover', raw: `key=${key}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
    expect(victim.cookie).toBeNull();
  });
});

describe('share links', () => {
  it('replaces the link: the new one opens, the old one is 404 for viewing and forking', async () => {
    const owner = new TestBrowser();
    const { id, shareId: old } = await createArchitectureAs(owner, 'Shared');
    const res = await owner.call(shareReplace, { method: 'POST', path: `/api/architectures/${id}/share`, params: { id } });
    expect(res.status).toBe(201);
    const { shareId } = res.body as { shareId: string };
    expect(shareId).toMatch(/^[\w-]{24}$/);
    expect(shareId).not.toBe(old);

    const visitor = new TestBrowser();
    expect((await visitor.call(shared, { path: `/api/shared/${old}`, params: { shareId: old } })).status).toBe(404);
    expect((await visitor.call(fork, { method: 'POST', path: `/api/shared/${old}/fork`, params: { shareId: old } })).status).toBe(404);
    expect(await visitor.call(shared, { path: `/api/shared/${shareId}`, params: { shareId } })).toMatchObject({ status: 200, body: { name: 'Shared' } });
    expect((await owner.call(read, { path: `/api/architectures/${id}`, params: { id } })).body).toMatchObject({ shareId });
  });

  it('turns the link off: it is 404, the owner sees no link, and turning on gives a new one', async () => {
    const owner = new TestBrowser();
    const { id, shareId: old } = await createArchitectureAs(owner, 'Private now');
    const off = await owner.call(shareOff, { method: 'DELETE', path: `/api/architectures/${id}/share`, params: { id } });
    expect(off.status).toBe(204);
    const visitor = new TestBrowser();
    expect((await visitor.call(shared, { path: `/api/shared/${old}`, params: { shareId: old } })).status).toBe(404);
    expect((await visitor.call(fork, { method: 'POST', path: `/api/shared/${old}/fork`, params: { shareId: old } })).status).toBe(404);
    expect((await owner.call(read, { path: `/api/architectures/${id}`, params: { id } })).body).toMatchObject({ shareId: null, version: 1 });
    const listed = (await owner.call(list, { path: '/api/architectures' })).body as { architectures: { id: string; shareId: string | null }[] };
    expect(listed.architectures.find((a) => a.id === id)).toMatchObject({ shareId: null });

    const on = await owner.call(shareReplace, { method: 'POST', path: `/api/architectures/${id}/share`, params: { id } });
    const { shareId } = on.body as { shareId: string };
    expect(shareId).not.toBe(old);
    expect((await visitor.call(shared, { path: `/api/shared/${old}`, params: { shareId: old } })).status).toBe(404);
    expect((await visitor.call(shared, { path: `/api/shared/${shareId}`, params: { shareId } })).status).toBe(200);
  });

  it('lets only the owner change the link: others 403, cookieless 401, unknown id 404', async () => {
    const owner = new TestBrowser();
    const { id, shareId } = await createArchitectureAs(owner, 'Guarded');
    const other = new TestBrowser();
    await createArchitectureAs(other, 'Other');
    for (const [handler, method] of [
      [shareReplace, 'POST'],
      [shareOff, 'DELETE'],
    ] as const) {
      expect((await other.call(handler, { method, path: `/api/architectures/${id}/share`, params: { id } })).status, method).toBe(403);
      expect((await new TestBrowser().call(handler, { method, path: `/api/architectures/${id}/share`, params: { id } })).status, method).toBe(401);
      expect((await owner.call(handler, { method, path: '/api/architectures/nope/share', params: { id: 'nope' } })).status, method).toBe(404);
    }
    expect((await other.call(shared, { path: `/api/shared/${shareId}`, params: { shareId } })).status).toBe(200);
  });
});
