import { expect, test, type Locator, type Page } from '@playwright/test';

// The whole journey with the keyboard alone: no clicks, no fill(), no selectOption().
// Every step moves focus with Tab / Shift+Tab and acts with Enter, Space, arrows or typing.

interface Focused {
  /** Something other than the page itself has focus. */
  has: boolean;
  /** The focused element draws a focus indicator (outline or box shadow). */
  visible: boolean;
  inCanvas: boolean;
  nodeId: string | null;
  describe: string;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || el === document.documentElement) return { has: false, visible: false, inCanvas: false, nodeId: null, describe: 'body' };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none';
    // A connection (an SVG group) shows focus by drawing its line thicker.
    const path = el instanceof SVGElement ? el.querySelector('.react-flow__edge-path') : null;
    const thicker = !!path && parseFloat(getComputedStyle(path).strokeWidth) >= 3;
    const node = el.closest('.react-flow__node');
    return {
      has: true,
      visible: el.matches(':focus-visible') && (outline || shadow || thicker),
      inCanvas: !!el.closest('.react-flow'),
      nodeId: node && node === el ? node.getAttribute('data-id') : null,
      describe: `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').slice(0, 60)}"`,
    };
  });
}

/** Presses a key and checks focus is still somewhere, and shown. */
async function press(page: Page, key: string): Promise<Focused> {
  await page.keyboard.press(key);
  const f = await focused(page);
  expect(f.has, `focus lost after ${key}`).toBe(true);
  expect(f.visible, `focus not visible on ${f.describe}`).toBe(true);
  return f;
}

/** Tabs (forward or back) until the target has focus, checking focus stays visible on the way. */
async function tabTo(page: Page, target: Locator, { back = false, max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await press(page, back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`could not reach ${target} with ${back ? 'Shift+Tab' : 'Tab'} in ${max} presses`);
}

/** Replaces a focused field's text by typing. */
async function typeInto(page: Page, field: Locator, text: string, options: { back?: boolean } = {}) {
  await tabTo(page, field, options);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

test('the whole journey by keyboard: template, add a layer, edit, undo, save, train, runs, share', async ({ page, context }) => {
  test.setTimeout(300_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.setViewportSize({ width: 1440, height: 900 });

  // Open a template.
  await page.goto('/new');
  await tabTo(page, page.getByRole('link', { name: /LeNet-5/ }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/template=lenet5/);
  const canvasNode = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
  await expect(canvasNode('c1')).toBeVisible();

  // Every canvas node is reached with Tab, and says what it is, its settings and its output shape.
  const ids = ['input', 'c1', 's2', 'c3', 's4', 'flatten', 'f5', 'f6', 'output'];
  await tabTo(page, canvasNode('input'));
  const reached: string[] = ['input'];
  for (let i = 1; i < ids.length; i++) {
    const f = await press(page, 'Tab');
    if (f.nodeId) reached.push(f.nodeId);
  }
  expect(reached).toEqual(ids);
  await expect(canvasNode('c1')).toHaveAccessibleName('Conv2D c1, 6 filters 5×5, stride 1×1, same padding, tanh, output 28×28×6');
  await expect(canvasNode('flatten')).toHaveAccessibleName('Flatten flatten, unrolls its input into one list, output 400');
  // Select c1 with Enter: the inspector shows it.
  await tabTo(page, canvasNode('c1'), { back: true });
  await page.keyboard.press('Enter');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByText('c1', { exact: true })).toBeVisible();
  // Focus goes on out of the canvas to the inspector: it is never trapped there.
  await tabTo(page, inspector.getByLabel('Filters', { exact: true }), { max: 40 });

  // Add a Dropout from the palette, after the selected layer.
  await tabTo(page, page.getByRole('button', { name: 'Add Dropout', exact: true }), { back: true });
  await page.keyboard.press('Enter');
  await expect(canvasNode('dropout1')).toHaveAccessibleName(/^Dropout dropout1, drops 0\.2 of the values while training, output 28×28×6$/);
  await expect(page.getByRole('group', { name: /^AveragePooling2D s2/ })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Connection from dropout1 to s2, 28×28×6' })).toHaveCount(1);

  // Change its rate in the inspector, then undo it.
  await typeInto(page, inspector.getByLabel('Rate', { exact: true }), '0.35');
  await page.keyboard.press('Enter');
  await expect(canvasNode('dropout1')).toHaveAccessibleName(/drops 0\.35 of the values/);
  await tabTo(page, page.getByRole('button', { name: 'Undo', exact: true }), { back: true });
  await page.keyboard.press('Enter');
  await expect(canvasNode('dropout1')).toHaveAccessibleName(/drops 0\.2 of the values/);

  // Save.
  await tabTo(page, page.getByRole('button', { name: 'Save', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/a\/[\w-]+$/);
  const architectureId = /\/a\/([\w-]+)$/.exec(page.url())![1]!;
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  expect((await focused(page)).has, 'focus kept after saving').toBe(true);

  // The Train tab: one epoch on 256 images, on the CPU backend chosen with the arrow keys.
  await tabTo(page, page.getByRole('tab', { name: 'Train' }));
  await page.keyboard.press('Enter');
  const backend = page.getByLabel('Backend', { exact: true });
  await tabTo(page, backend);
  for (let i = 0; i < 6 && (await backend.inputValue()) !== 'cpu'; i++) await page.keyboard.press('ArrowDown');
  await expect(backend).toHaveValue('cpu');
  await typeInto(page, page.getByLabel('Use the first N images', { exact: true }), '256');
  await typeInto(page, page.getByLabel('Epochs', { exact: true }), '1', { back: true });
  await typeInto(page, page.getByLabel('Batch size', { exact: true }), '64', { back: true });
  await tabTo(page, page.getByRole('button', { name: 'Start training', exact: true }));
  await page.keyboard.press('Enter');
  // Start is disabled while the run goes on: focus moves to Stop rather than to the page.
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeFocused();
  const testLimit = page.getByLabel('Use the first N test images', { exact: true });
  await expect(testLimit).toBeVisible();
  await typeInto(page, testLimit, '128');
  await expect(page.getByTestId('test-accuracy')).toContainText('Test accuracy', { timeout: 180_000 });
  // The curves in words: latest values and the best epoch.
  await expect(page.getByTestId('chart-summary')).toContainText(/Epoch 1 of 1: training loss [\d.]+, accuracy [\d.]+%\. Validation loss [\d.]+, accuracy [\d.]+%\. Best validation accuracy [\d.]+%, at epoch 1\./);
  // ... and as a table, opened from the keyboard.
  await tabTo(page, page.getByRole('button', { name: 'Show the values as a table' }), { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('table', { name: 'Loss and accuracy per epoch' }).getByRole('row')).toHaveCount(2);
  await expect
    .poll(async () => ((await (await page.request.get(`/api/architectures/${architectureId}/runs`)).json()) as { runs: { status: string }[] }).runs.map((r) => r.status), { timeout: 60_000 })
    .toEqual(['completed']);

  // Runs.
  await tabTo(page, page.getByRole('tab', { name: 'Runs' }), { back: true });
  await page.keyboard.press('Enter');
  await expect(page.locator('table.train-runs-table tbody tr')).toHaveCount(1);
  const compare = page.getByRole('checkbox', { name: /^Compare run/ });
  await tabTo(page, compare);
  await page.keyboard.press('Space');
  await expect(compare).toBeChecked();

  // Share: the dialog opens on its link, Copy link copies it, Escape closes it and returns focus to Share.
  const shareButton = page.getByRole('button', { name: 'Share', exact: true });
  await tabTo(page, shareButton, { back: true });
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Share' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Share link' })).toBeFocused();
  await tabTo(page, dialog.getByRole('button', { name: 'Copy link' }));
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toHaveText('Link copied.');
  const shareId = ((await (await page.request.get(`/api/architectures/${architectureId}`)).json()) as { shareId: string }).shareId;
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(new RegExp(`/s/${shareId}$`));
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(shareButton).toBeFocused();
});
