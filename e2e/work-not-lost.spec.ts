import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { EditorPage } from './pages/editor';
import { TrainPage } from './pages/train';
import { tinyCnn } from './fixtures/tinyCnn';

// Issue 13, items 1-4: a user's work is never lost.

async function importJson(page: Page, doc: object) {
  await page.getByTestId('import-file').setInputFiles({ name: 'tiny.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
}

const nameField = (page: Page) => page.getByRole('textbox', { name: 'Architecture name' });

/** What the server has stored (the owner cookie of this browser context comes along). */
async function stored(page: Page, id: string): Promise<{ version: number; units: unknown }> {
  const res = await page.context().request.get(`/api/architectures/${id}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { version: number; document: { nodes: Array<{ id: string; params: { units?: unknown } }> } };
  return { version: body.version, units: body.document.nodes.find((n) => n.id === 'output')?.params.units };
}

test('in-app navigation never drops an unsaved architecture without asking, and Back finds it again as a draft', async ({ page }) => {
  const editor = new EditorPage(page);
  await page.goto('/new');
  // An in-app (client-side) navigation, so Back below is handled by the app, not by a page load.
  await page.getByRole('link', { name: /^Blank/ }).click();
  await expect(nameField(page)).toHaveValue('Untitled architecture');
  await importJson(page, tinyCnn());
  await expect(nameField(page)).toHaveValue('Tiny CNN');
  const params = await editor.totalParams.textContent();
  expect(params).not.toBe('0');

  // Train tab -> "Manage datasets": the app asks first, and Stay keeps everything.
  await page.getByRole('tab', { name: 'Train' }).click();
  await page.getByRole('link', { name: 'Manage datasets' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Leave without saving?' });
  await expect(ask).toContainText('has not been saved yet');
  await expect(ask.getByRole('button', { name: 'Stay' })).toBeFocused();
  await ask.getByRole('button', { name: 'Stay' }).click();
  await expect(ask).toBeHidden();
  await expect(page).toHaveURL(/\/new\?template=blank$/);
  await expect(nameField(page)).toHaveValue('Tiny CNN');

  // Browser Back asks too, and Stay keeps the editor and its URL.
  await page.evaluate(() => window.history.back());
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Stay' }).click();
  await expect(page).toHaveURL(/\/new\?template=blank$/);
  await expect(nameField(page)).toHaveValue('Tiny CNN');
  await expect(editor.totalParams).toHaveText(params!);

  // Leaving on purpose goes; coming Back offers the work kept in this browser.
  await page.getByRole('link', { name: 'Manage datasets' }).click();
  await ask.getByRole('button', { name: 'Leave' }).click();
  await expect(page).toHaveURL(/\/datasets$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/new\?template=blank$/);
  const banner = page.getByRole('region', { name: /Unsaved changes to “Tiny CNN” from .* were kept in this browser/ });
  await banner.getByRole('button', { name: 'Restore them' }).click();
  await expect(banner).toBeHidden();
  await expect(nameField(page)).toHaveValue('Tiny CNN');
  await expect(editor.totalParams).toHaveText(params!);
});

/** A saved architecture open in the editor, with a Dense's units changed and Enter pressed: the autosave is pending. */
async function pendingEdit(page: Page, units: number) {
  const editor = new EditorPage(page);
  await expect(editor.saveState).toHaveAttribute('data-state', 'saved');
  await editor.select('output');
  await page.getByLabel('Units', { exact: true }).fill(String(units));
  await page.getByLabel('Units', { exact: true }).press('Enter');
  await expect(editor.saveState).not.toHaveAttribute('data-state', 'saved');
}

test('a pending autosave is sent, not cancelled, when the user follows a link within the autosave delay', async ({ page }) => {
  const id = await new TrainPage(page).createArchitecture(tinyCnn());
  await page.goto(`/a/${id}`);
  await pendingEdit(page, 7);
  await page.getByRole('link', { name: 'My architectures' }).click();
  await expect(page).toHaveURL(/\/mine$/);
  // Held until saved: the server has it by the time the next page shows.
  expect(await stored(page, id)).toEqual({ version: 2, units: 7 });
});

test('a pending autosave is sent, not cancelled, when the user goes Back', async ({ page }) => {
  const id = await new TrainPage(page).createArchitecture(tinyCnn());
  await page.goto('/mine');
  await page.getByRole('link', { name: 'Tiny CNN' }).click();
  await expect(page).toHaveURL(new RegExp(`/a/${id}$`));
  await pendingEdit(page, 9);
  await page.evaluate(() => window.history.back());
  await expect(page).toHaveURL(/\/mine$/);
  await expect.poll(() => stored(page, id), { timeout: 5000 }).toEqual({ version: 2, units: 9 });
});

test('a pending autosave is sent with keepalive when the tab is closed', async ({ page, context }) => {
  const id = await new TrainPage(page).createArchitecture(tinyCnn());
  const tab = await context.newPage();
  await tab.goto(`/a/${id}`);
  await pendingEdit(tab, 11);
  await tab.close();
  await expect.poll(() => stored(page, id), { timeout: 5000 }).toEqual({ version: 2, units: 11 });
});

test('an unsaved new architecture outlives its tab as a local draft, offered back once and gone after saving', async ({ context }) => {
  const page = await context.newPage();
  await page.goto('/new?template=blank');
  await importJson(page, tinyCnn({ name: 'Kept in the browser' }));
  await expect(nameField(page)).toHaveValue('Kept in the browser');
  // Give the draft its moment to be written, then the tab is gone (no unload prompt).
  await page.waitForTimeout(1000);
  await page.close({ runBeforeUnload: false });

  const next = await context.newPage();
  await next.goto('/new?template=blank');
  await expect(nameField(next)).toHaveValue('Untitled architecture');
  const banner = next.getByRole('region', { name: /Unsaved changes to “Kept in the browser”/ });
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Restore them' }).click();
  await expect(nameField(next)).toHaveValue('Kept in the browser');
  await next.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(next).toHaveURL(/\/a\/[\w-]+$/);
  await expect(new EditorPage(next).saveState).toHaveAttribute('data-state', 'saved');

  // Saved on the server: nothing is offered again.
  await next.goto('/new?template=blank');
  await expect(nameField(next)).toHaveValue('Untitled architecture');
  await next.waitForTimeout(1000);
  await expect(next.getByRole('region', { name: /Unsaved changes/ })).toHaveCount(0);
});

test('edits the server could not take come back from the local draft in the next tab, and are saved then', async ({ page, context }) => {
  const id = await new TrainPage(page).createArchitecture(tinyCnn());
  await page.goto(`/a/${id}`);
  await context.setOffline(true);
  await pendingEdit(page, 5);
  await expect(new EditorPage(page).saveState).toHaveAttribute('data-state', 'failed');
  // The tab is closed while the connection is down (its keepalive flush cannot get through either).
  await page.waitForTimeout(500);
  await page.close({ runBeforeUnload: false });
  await context.setOffline(false);
  // Chromium sends a closing page's keepalive save from the browser process, past
  // the emulated offline state, and now and then it gets through: then the server
  // has the edit, nothing was lost, and no draft is offered. Otherwise the draft is.
  const afterClose = await stored(await context.newPage(), id);
  expect([{ version: 1, units: 10 }, { version: 2, units: 5 }]).toContainEqual(afterClose);

  const next = await context.newPage();
  await next.goto(`/a/${id}`);
  if (afterClose.version === 1) {
    const banner = next.getByRole('region', { name: /Unsaved changes to “Tiny CNN” from .* were kept in this browser\.$/ });
    await banner.getByRole('button', { name: 'Restore them' }).click();
  }
  await expect(new EditorPage(next).saveState).toHaveAttribute('data-state', 'saved');
  expect(await stored(next, id)).toEqual({ version: 2, units: 5 });
  // The server has it: nothing is offered again.
  await next.reload();
  await expect(new EditorPage(next).saveState).toHaveAttribute('data-state', 'saved');
  await next.waitForTimeout(1000);
  await expect(next.getByRole('region', { name: /Unsaved changes/ })).toHaveCount(0);
});

test('a draft older than the server version is never restored over it: it can be kept as a copy', async ({ page }) => {
  const id = await new TrainPage(page).createArchitecture(tinyCnn());
  await page.context().route(`**/api/architectures/${id}`, (route) => (route.request().method() === 'PUT' ? route.fulfill({ status: 500, json: { error: 'Internal error' } }) : route.continue()));
  await page.goto(`/a/${id}`);
  await pendingEdit(page, 5);
  await expect(new EditorPage(page).saveState).toHaveAttribute('data-state', 'failed');
  // Meanwhile another tab saves version 2.
  const other = await page.context().request.put(`/api/architectures/${id}`, { data: { name: 'Tiny CNN', document: tinyCnn({ units: 3 }), version: 1 } });
  expect(other.status()).toBe(200);
  page.on('dialog', (dialog) => void dialog.accept());
  await page.reload();
  const banner = page.getByRole('region', { name: /saved elsewhere since \(version 2\)/ });
  await expect(banner).toBeVisible();
  await page.context().unroute(`**/api/architectures/${id}`);
  await expect(banner.getByRole('button', { name: 'Restore them' })).toHaveCount(0);
  await banner.getByRole('button', { name: 'Save them as a copy' }).click();
  await expect(page).not.toHaveURL(new RegExp(`/a/${id}$`));
  const copyId = /\/a\/([\w-]+)$/.exec(page.url())![1]!;
  expect(await stored(page, copyId)).toMatchObject({ units: 5 });
  await expect(nameField(page)).toHaveValue(/Tiny CNN/);
  // The newer version is intact.
  expect(await stored(page, id)).toEqual({ version: 2, units: 3 });
});

test('a run keeps its epochs while the server fails, says how many wait, and uploads them when it is back', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/datasets');
  await page.getByRole('button', { name: 'Import dataset…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a dataset' });
  await dialog.getByLabel('Files', { exact: true }).setInputFiles(path.join(import.meta.dirname, 'fixtures', 'data', 'signs-small.csv'));
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden();

  const train = new TrainPage(page);
  const id = await train.createArchitecture(tinyCnn({ units: 11, name: 'Signs' }));
  await train.open(id);

  // Every write of the run fails (creating it, its epochs, its status, its weights) until the server is "back".
  let serverDown = true;
  const failed: string[] = [];
  await page.route(/\/api\/(architectures\/[^/]+\/runs|runs\/.*)$/, async (route) => {
    if (serverDown && route.request().method() !== 'GET') {
      failed.push(`${route.request().method()} ${new URL(route.request().url()).pathname}`);
      await route.fulfill({ status: 500, json: { error: 'Internal error' } });
    } else await route.continue();
  });

  await page.getByLabel('Dataset', { exact: true }).selectOption({ label: 'signs-small (22 / 11 images, 28×28×1)' });
  await train.configure({ backend: 'cpu', trainLimit: 22, epochs: 3, batchSize: 8, validationSplit: 0.25 });
  await train.startButton.click();
  await expect(train.backendStatus).toContainText('Finished', { timeout: 180_000 });

  const waiting = page.getByTestId('run-sync');
  await expect(waiting).toContainText('3 epochs waiting to be saved');
  await expect(waiting).toContainText('Internal error');
  expect(failed.some((f) => /^POST .*\/runs$/.test(f))).toBe(true);
  // Nothing was reported as lost.
  await expect(page.getByText(/The run could not be saved/)).toHaveCount(0);

  // Retry now tries again at once (and fails again while the server is down).
  const failuresBefore = failed.length;
  await waiting.getByRole('button', { name: 'Retry now' }).click();
  await expect.poll(() => failed.length, { timeout: 10_000 }).toBeGreaterThan(failuresBefore);
  await expect(waiting).toContainText('3 epochs waiting to be saved');

  serverDown = false;
  // The queue also retries by itself, so it may upload before the button can be clicked (a race CI hit): either way it all arrives.
  await waiting
    .getByRole('button', { name: 'Retry now' })
    .click({ timeout: 5_000 })
    .catch(() => undefined);
  await expect(waiting).toBeHidden({ timeout: 60_000 });
  await expect(page.getByText(/Weights saved/)).toBeVisible({ timeout: 60_000 });

  await page.getByRole('tab', { name: 'Runs' }).click();
  const row = page.locator('table.train-runs-table tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('3 / 3');
  await expect(row).toContainText('completed');
});
