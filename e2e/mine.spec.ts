// /mine shows an owner's architectures a page at a time and loads more as the
// user scrolls, or presses "Load more" (keyboard included).
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';

type Sqlite = { prepare(sql: string): { run(...args: unknown[]): unknown }; transaction(fn: () => void): () => void; close(): void };
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string, options?: object) => Sqlite;

/** The e2e server's database (scripts/e2e-server.mjs: one per port). */
const databaseFile = `.tmp/e2e-${process.env.PORT ?? '3100'}.db`;

const document = (name: string) => ({
  version: 1,
  name,
  nodes: [
    { id: 'input', type: 'Input', params: { shape: [28, 28, 1] }, position: { x: 0, y: 0 } },
    { id: 'flatten', type: 'Flatten', params: {}, position: { x: 0, y: 110 } },
    { id: 'output', type: 'Dense', params: { units: 10, activation: 'softmax', useBias: true }, position: { x: 0, y: 220 } },
  ],
  edges: [
    { id: 'e1', source: 'input', target: 'flatten', targetHandle: 'in0' },
    { id: 'e2', source: 'flatten', target: 'output', targetHandle: 'in0' },
  ],
});

/**
 * An owner with `count` architectures: the first saved through the API (which
 * gives the browser its owner cookie), the rest written straight into the
 * database as an older version of the app left them (no stored summary), so
 * the list also fills those in as it reaches them.
 */
async function ownerWith(context: BrowserContext, page: Page, count: number) {
  const created = await page.request.post('/api/architectures', { data: { name: 'Newest', document: document('Newest') } });
  expect(created.status()).toBe(201);
  const secret = (await context.cookies()).find((c) => c.name === 'cnn_studio_owner')!.value;
  const ownerHash = createHash('sha256').update(secret).digest('hex');
  const db = new Database(databaseFile, { timeout: 10_000 });
  const insert = db.prepare('INSERT INTO "Architecture" ("id", "name", "document", "ownerHash", "shareId", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)');
  const start = Date.now();
  db.transaction(() => {
    for (let i = 1; i < count; i++) {
      const name = `Net ${String(i).padStart(3, '0')}`;
      const when = new Date(start - i * 60_000).toISOString().replace('Z', '+00:00');
      insert.run(randomBytes(16).toString('base64url'), name, JSON.stringify(document(name)), ownerHash, randomBytes(18).toString('base64url'), when);
    }
  })();
  db.close();
}

const rows = (page: Page) => page.getByRole('table').getByRole('row');
// The list's own status line (the recovery-key panel below has one of its own); it always counts rows.
const listStatus = (page: Page) => page.getByRole('status').filter({ hasText: /\d/ });

test('loads the next page when the user scrolls to the end of the list', async ({ context, page }) => {
  await ownerWith(context, page, 60);
  await page.goto('/mine');
  // 50 rows and the header.
  await expect(rows(page)).toHaveCount(51);
  await expect(listStatus(page)).toHaveText('50 architectures shown');
  await expect(page.getByRole('row', { name: /Newest/ })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Net 050' })).toHaveCount(0);
  // Parameter counts for the rows filled in on the way: 784 * 10 + 10.
  await expect(page.getByRole('row', { name: /Net 001/ }).getByRole('cell', { name: '7,850' })).toBeVisible();

  await page.mouse.wheel(0, 100_000);
  await expect(rows(page)).toHaveCount(61);
  await expect(page.getByRole('cell', { name: 'Net 059' })).toBeVisible();
  await expect(listStatus(page)).toHaveText('All 60 architectures shown.');
  await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);
});

test('“Load more” is a button a keyboard user can press, labelled in Chinese too', async ({ context, page, baseURL }) => {
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'zh-CN', url: baseURL! }]);
  await ownerWith(context, page, 120);
  await page.goto('/mine');
  await expect(rows(page)).toHaveCount(51);
  await expect(listStatus(page)).toHaveText('已显示 50 个架构');
  const more = page.getByRole('button', { name: '加载更多' });
  await more.focus();
  await page.keyboard.press('Enter');
  // Focus scrolls the button into view, which may already have loaded a page by itself.
  await expect.poll(() => rows(page).count()).toBeGreaterThanOrEqual(101);
  await expect(page.getByRole('cell', { name: 'Net 099' })).toBeVisible();
  // Pressed or scrolled into view, the last page follows; then the button goes.
  await page.keyboard.press('End');
  await expect(rows(page)).toHaveCount(121);
  await expect(listStatus(page)).toHaveText('已显示全部 120 个架构。');
});

test('deleting or renaming an architecture far down the list keeps every loaded row in view', async ({ context, page }) => {
  await ownerWith(context, page, 60);
  await page.goto('/mine');
  await page.mouse.wheel(0, 100_000);
  await expect(rows(page)).toHaveCount(61);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('row', { name: /Net 055/ }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('cell', { name: 'Net 055' })).toHaveCount(0);
  await expect(rows(page)).toHaveCount(60);
  await expect(page.getByRole('cell', { name: 'Net 059' })).toBeVisible();

  // A rename is a modification: the row moves to the top, and nothing loaded is lost.
  page.once('dialog', (dialog) => void dialog.accept('Renamed net'));
  await page.getByRole('row', { name: /Net 058/ }).getByRole('button', { name: 'Rename' }).click();
  await expect(rows(page).nth(1)).toContainText('Renamed net');
  await expect(rows(page)).toHaveCount(60);
  await expect(listStatus(page)).toHaveText('All 59 architectures shown.');
});
