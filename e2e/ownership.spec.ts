// Owning without accounts: the recovery key carries the owner to another
// browser, ten first saves at once make one owner, someone else's editor page
// answers 403 (an unknown one 404), and share links can be replaced or turned off.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { EditorPage } from './pages/editor';

async function saveNew(page: Page, template = 'lenet5'): Promise<string> {
  await page.goto(`/new?template=${template}`);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page).toHaveURL(/\/a\/[\w-]+$/);
  await expect(new EditorPage(page).saveState).toHaveAttribute('data-state', 'saved');
  return page.url().split('/a/')[1]!;
}

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test.describe('ownership', () => {
  test('the recovery key shown on My architectures makes a second browser the owner, and it can edit there', async ({ page, browser }) => {
    const requested: string[] = [];
    const id = await saveNew(page);
    await page.goto('/mine');
    await expect(page.getByLabel('Your recovery key', { exact: true })).toHaveCount(0); // shown only on request
    await page.getByRole('button', { name: 'Show my recovery key' }).click();
    const key = await page.getByLabel('Your recovery key', { exact: true }).inputValue();
    expect(key).toMatch(/^[\w-]{43}$/);

    const laptop = await freshPage(browser);
    laptop.on('request', (r) => requested.push(r.url()));
    const denied = await laptop.goto(`/a/${id}`);
    expect(denied!.status()).toBe(403);
    await expect(laptop.getByRole('heading', { name: 'This architecture is not yours' })).toBeVisible();

    // The laptop saved something of its own first: it moves to the recovered owner.
    const laptopOwn = await saveNew(laptop, 'blank');
    await laptop.goto('/mine');
    const recovery = laptop.getByRole('region', { name: 'Use your architectures in another browser' });
    const input = recovery.getByLabel('Recovery key from another browser', { exact: true });
    await input.fill('too-short');
    await recovery.getByRole('button', { name: 'Use this key' }).click();
    await expect(recovery.getByRole('alert')).toHaveText('A recovery key is 43 characters long; this one is 9.');
    await input.fill(key);
    await recovery.getByRole('button', { name: 'Use this key' }).click();
    await expect(recovery.getByRole('status')).toHaveText('This browser now owns 2 architectures (1 moved from this browser’s old key).');
    await expect(laptop.locator(`a[href="/a/${id}"]`)).toBeVisible();
    await expect(laptop.locator(`a[href="/a/${laptopOwn}"]`)).toBeVisible();

    const opened = await laptop.goto(`/a/${id}`);
    expect(opened!.status()).toBe(200);
    const editor = new EditorPage(laptop);
    await editor.select('f5');
    await laptop.getByLabel('Units', { exact: true }).fill('100');
    await laptop.getByLabel('Units', { exact: true }).press('Enter');
    await expect(editor.saveState).toHaveAttribute('data-state', 'saved');

    // Both browsers own the same architectures now, including the laptop's own.
    await page.goto(`/a/${id}`);
    await expect(new EditorPage(page).nodeShape('f5')).toHaveText('100');
    expect((await page.goto(`/a/${laptopOwn}`))!.status()).toBe(200);
    // The key never travelled in a URL.
    expect(requested.filter((url) => url.includes(key))).toEqual([]);
    await laptop.context().close();
  });

  test('ten first saves at once from a new browser all belong to one owner', async ({ browser }) => {
    test.setTimeout(240_000);
    const context = await browser.newContext();
    const pages = await Promise.all(Array.from({ length: 10 }, () => context.newPage()));
    await Promise.all(pages.map((p) => p.goto('/new?template=blank')));
    const saves = pages.map((p) => p.getByRole('button', { name: 'Save', exact: true }));
    await Promise.all(saves.map((s) => expect(s).toBeEnabled()));
    await Promise.all(saves.map((s) => s.click()));
    await Promise.all(pages.map((p) => expect(p).toHaveURL(/\/a\/[\w-]+$/, { timeout: 60_000 })));
    const ids = pages.map((p) => p.url().split('/a/')[1]!);
    expect(new Set(ids).size).toBe(10);

    const mine = pages[0]!;
    await mine.goto('/mine');
    for (const id of ids) await expect(mine.locator(`a[href="/a/${id}"]`)).toBeVisible();
    for (const p of pages.slice(1)) {
      const res = await p.reload();
      expect(res!.status()).toBe(200);
    }
    await context.close();
  });

  test('someone else’s architecture answers 403 and an unknown one 404', async ({ page, browser }) => {
    const id = await saveNew(page);
    const stranger = await freshPage(browser);
    const other = await stranger.goto(`/a/${id}`);
    expect(other!.status()).toBe(403);
    await expect(stranger.getByRole('heading', { name: 'This architecture is not yours' })).toBeVisible();
    await expect(stranger.getByRole('link', { name: 'enter your recovery key in My architectures' })).toBeVisible();
    const unknown = await stranger.goto('/a/AAAAAAAAAAAAAAAAAAAAAA');
    expect(unknown!.status()).toBe(404);
    expect((await page.goto('/a/AAAAAAAAAAAAAAAAAAAAAA'))!.status()).toBe(404);
    await stranger.context().close();
  });

  test('the Share dialog turns the link off and makes new ones; old links give the 404 page', async ({ page, browser }) => {
    await saveNew(page);
    const share = page.getByRole('dialog', { name: 'Share' });
    await page.getByRole('button', { name: 'Share' }).click();
    await expect(share.getByLabel('Share link', { exact: true })).toBeFocused(); // a modal dialog: focus moves in
    const first = await share.getByLabel('Share link', { exact: true }).inputValue();
    expect(first).toMatch(/\/s\/[\w-]+$/);

    const visitor = await freshPage(browser);
    expect((await visitor.goto(first))!.status()).toBe(200);

    await share.getByRole('button', { name: 'Turn off link' }).click();
    await expect(share.getByRole('status')).toHaveText('Link turned off. It no longer works.');
    await expect(share.getByText('Sharing is off: no link opens this architecture.')).toBeVisible();
    await expect(share.getByRole('button', { name: 'Make a new link' })).toBeFocused();
    expect((await visitor.goto(first))!.status()).toBe(404);
    await expect(visitor.getByText(/could not be found|not found/i).first()).toBeVisible();

    await share.getByRole('button', { name: 'Make a new link' }).click();
    await expect(share.getByLabel('Share link', { exact: true })).toBeFocused();
    const second = await share.getByLabel('Share link', { exact: true }).inputValue();
    expect(second).not.toBe(first);
    expect((await visitor.goto(second))!.status()).toBe(200);
    await expect(visitor.getByText(/read-only/)).toBeVisible();

    await share.getByRole('button', { name: 'Replace link' }).click();
    await expect(share.getByRole('status')).toHaveText('New link made. The old link no longer works.');
    const third = await share.getByLabel('Share link', { exact: true }).inputValue();
    expect(third).not.toBe(second);
    expect((await visitor.goto(second))!.status()).toBe(404);
    expect((await visitor.goto(first))!.status()).toBe(404);
    expect((await visitor.goto(third))!.status()).toBe(200);

    // Escape closes the dialog; after a reload the owner still sees the current link.
    await page.keyboard.press('Escape');
    await expect(share).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Share' })).toBeFocused();
    await page.reload();
    await page.getByRole('button', { name: 'Share' }).click();
    await expect(share.getByLabel('Share link', { exact: true })).toHaveValue(third);
    await visitor.context().close();
  });
});
