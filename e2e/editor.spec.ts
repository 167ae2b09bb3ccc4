import { expect, test } from '@playwright/test';
import { analyzeGraph } from '../lib/graph/analyze';
import { appendLayer } from '../lib/graph/edit';
import { blankDocument } from '../lib/templates';
import { EditorPage } from './pages/editor';

test.describe('editor', () => {
  test('build a chain from the palette by dragging and wiring handles; badges and totals match analyzeGraph', async ({ page }) => {
    await page.goto('/new?template=blank');
    const editor = new EditorPage(page);
    await expect(editor.node('input')).toBeVisible();
    // Around the Input, which sits in the middle of the canvas, leaving room for each node.
    await editor.dragFromPalette('Conv2D', 140, 60);
    await editor.dragFromPalette('MaxPooling2D', 640, 60);
    await editor.dragFromPalette('Flatten', 140, 440);
    await editor.dragFromPalette('Dense', 640, 440);
    for (const id of ['conv1', 'maxpool1', 'flatten1', 'dense1']) await expect(editor.node(id)).toBeVisible();
    // Unconnected layers are errors on their own nodes, and there is no total yet.
    await expect(editor.node('dense1')).toContainText('Dense has no input');
    await expect(editor.totalParams).toHaveText('—');

    await editor.connect('input', 'conv1');
    await editor.connect('conv1', 'maxpool1');
    await editor.connect('maxpool1', 'flatten1');
    await editor.connect('flatten1', 'dense1');

    // The same chain built with the pure graph functions gives the numbers to expect.
    let doc = blankDocument();
    for (const t of ['Conv2D', 'MaxPooling2D', 'Flatten', 'Dense'] as const) doc = appendLayer(doc, t, null).doc;
    const expected = analyzeGraph(doc);
    for (const id of ['conv1', 'maxpool1', 'flatten1', 'dense1']) {
      await expect(editor.nodeShape(id)).toHaveText(expected.nodes[id]!.outputShape!.join('×'));
    }
    await expect(editor.nodeShape('maxpool1')).toHaveText('14×14×32');
    await expect(editor.totalParams).toHaveText(expected.totals!.total.toLocaleString('en-US'));
    // Edges are labelled with the shape flowing along them.
    await expect(page.locator('.react-flow__edge-text', { hasText: '6272' })).toBeVisible();
  });

  test('a refused connection says why', async ({ page }) => {
    await page.goto('/new?template=dense-baseline');
    const editor = new EditorPage(page);
    await expect(editor.node('output')).toBeVisible();
    await editor.connect('output', 'dense1');
    await expect(page.getByRole('status').filter({ hasText: 'Cannot connect' })).toBeVisible();
    await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  });

  test('Dense straight after Conv2D: the error is on the Dense; Insert Flatten fixes it; undo and redo', async ({ page }) => {
    await page.goto('/new?template=blank');
    const editor = new EditorPage(page);
    await editor.select('input');
    // Keyboard path: palette item, Enter appends after the selection.
    await editor.paletteItem('Conv2D').focus();
    await page.keyboard.press('Enter');
    await editor.paletteItem('Dense').click();
    const dense = editor.node('dense1');
    await expect(dense).toHaveClass(/has-error/);
    await expect(dense).toContainText('Dense expects a flat input [n] but gets [28, 28, 32]: insert a Flatten before it');
    await expect(editor.node('conv1')).not.toHaveClass(/has-error/);

    await dense.getByRole('button', { name: 'Insert Flatten' }).click();
    await expect(editor.node('flatten1')).toBeVisible();
    await expect(dense).not.toHaveClass(/has-error/);
    await expect(editor.nodeShape('flatten1')).toHaveText('25088');

    await editor.undo();
    await expect(editor.node('flatten1')).toHaveCount(0);
    await expect(dense).toHaveClass(/has-error/);
    await page.keyboard.press('Control+Shift+Z');
    await expect(editor.node('flatten1')).toBeVisible();
    await expect(dense).not.toHaveClass(/has-error/);
  });

  test('changing Conv2D padding in the inspector changes the shapes downstream at once', async ({ page }) => {
    await page.goto('/new?template=course-cnn');
    const editor = new EditorPage(page);
    await editor.select('conv1');
    await expect(page.getByTestId('size-arithmetic')).toHaveText('same: ceil(28 / 1) = 28');
    await page.getByLabel('Padding', { exact: true }).selectOption('valid');
    await expect(editor.nodeShape('conv1')).toHaveText('26×26×75');
    await expect(editor.nodeShape('pool1')).toHaveText('13×13×75');
    await expect(editor.nodeShape('flatten')).toHaveText('400');
    await expect(page.getByTestId('size-arithmetic')).toHaveText('valid: ceil((28 − 3 + 1) / 1) = 26');

    // A bad value is shown red with the reason; the document keeps its last valid value.
    const filters = page.getByLabel('Filters', { exact: true });
    await filters.fill('-2');
    await expect(filters).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert').filter({ hasText: 'expected a positive integer, got -2' })).toBeVisible();
    await expect(editor.nodeShape('conv1')).toHaveText('26×26×75');
    await filters.fill('16');
    await expect(editor.nodeShape('conv1')).toHaveText('26×26×16');
  });

  test('save, reload, share read-only in another browser, fork, edit the fork; the original is unchanged', async ({ page, browser }) => {
    await page.goto('/new?template=lenet5');
    const editor = new EditorPage(page);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page).toHaveURL(/\/a\/[\w-]+$/);
    await expect(editor.saveState).toHaveAttribute('data-state', 'saved');
    const url = page.url();

    await editor.select('f5');
    await page.getByLabel('Units', { exact: true }).fill('100');
    await page.getByLabel('Units', { exact: true }).press('Enter');
    await expect(editor.saveState).toHaveAttribute('data-state', 'saved');
    await page.reload();
    await expect(editor.nodeShape('f5')).toHaveText('100');
    await expect(editor.totalParams).toHaveText(/\d/);
    const totalBefore = await editor.totalParams.textContent();

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Share' }).click();
    const shareUrl = await page.getByRole('dialog', { name: 'Share' }).getByLabel('Share link').inputValue();
    expect(shareUrl).toMatch(/^https?:\/\/\S+\/s\/[\w-]+$/);

    const other = await browser.newContext();
    const visitor = await other.newPage();
    await visitor.goto(shareUrl);
    const shared = new EditorPage(visitor);
    await expect(shared.node('f5')).toBeVisible();
    await expect(visitor.getByText(/read-only/)).toBeVisible();
    await expect(visitor.getByRole('button', { name: 'Add Conv2D', exact: true })).toHaveCount(0);
    await shared.select('f5');
    await expect(visitor.getByLabel('Units', { exact: true })).toHaveAttribute('readonly', '');
    await visitor.keyboard.press('Delete');
    await expect(shared.node('f5')).toBeVisible();
    // The visitor cannot change the original through the API either.
    const id = url.split('/a/')[1]!;
    const put = await visitor.request.put(`/api/architectures/${id}`, { data: { name: 'x', document: {}, version: 1 } });
    expect([401, 403, 404, 422]).toContain(put.status());

    await visitor.getByRole('button', { name: 'Fork to edit' }).click();
    await expect(visitor).toHaveURL(/\/a\/[\w-]+$/);
    expect(visitor.url()).not.toBe(url);
    await shared.select('f6');
    await visitor.getByLabel('Units', { exact: true }).fill('42');
    await visitor.getByLabel('Units', { exact: true }).press('Enter');
    await expect(shared.saveState).toHaveAttribute('data-state', 'saved');
    await visitor.reload();
    await expect(shared.nodeShape('f6')).toHaveText('42');

    await page.reload();
    await expect(editor.nodeShape('f6')).toHaveText('84');
    await expect(editor.totalParams).toHaveText(totalBefore!);
    await other.close();
  });

  test('switching to Chinese translates the palette groups and buttons', async ({ page }) => {
    await page.goto('/new?template=course-cnn');
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect(page.getByRole('heading', { name: '卷积' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '正则化' })).toBeVisible();
    await expect(page.getByRole('button', { name: '撤销' })).toBeVisible();
    await expect(page.getByRole('button', { name: '添加 Conv2D', exact: true })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: '池化' })).toBeVisible();
    await page.getByLabel('语言').selectOption('en');
    await expect(page.getByRole('heading', { name: 'Pooling' })).toBeVisible();
  });

  test('Keras code: the course CNN as tf.keras Python to download; a graph with errors lists them instead', async ({ page }) => {
    await page.goto('/new?template=course-cnn');
    await page.getByRole('button', { name: 'Keras code' }).click();
    const dialog = page.getByRole('dialog', { name: 'Keras code (tf.keras)' });
    const code = dialog.getByLabel('Python code');
    await expect(code).toContainText("conv1 = layers.Conv2D(75, (3, 3), strides=(1, 1), padding='same', activation='relu', use_bias=True, name='conv1')(input_)");
    await expect(code).toContainText('(total 264,049: 263,749 trainable, 300 non-trainable)');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download .py' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Course_CNN.*\.py$/);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // Dense straight after the input: an error, so no code.
    await page.goto('/new?template=dense-baseline');
    const editor = new EditorPage(page);
    await editor.select('flatten');
    await page.keyboard.press('Delete');
    await page.getByRole('button', { name: 'Keras code' }).click();
    await expect(page.getByRole('dialog', { name: 'Keras code (tf.keras)' })).toContainText('Fix');
    await expect(page.getByRole('dialog', { name: 'Keras code (tf.keras)' }).getByLabel('Python code')).toHaveCount(0);
  });
});

test('typing in the inspector re-renders only the layers it affects', async ({ page }) => {
  await page.goto('/new?template=course-cnn');
  const editor = new EditorPage(page);
  await page.getByRole('button', { name: 'Fit view', exact: true }).click();
  await editor.select('conv3');
  const renders = async () =>
    Object.fromEntries(
      await page.locator('.layer-node').evaluateAll((els) => els.map((el) => [el.getAttribute('data-testid'), Number(el.getAttribute('data-renders'))])),
    ) as Record<string, number>;
  const before = await renders();
  const filters = page.getByLabel('Filters', { exact: true });
  await filters.fill('2');
  await filters.pressSequentially('0');
  await expect(editor.nodeShape('conv3')).toHaveText('7×7×20');
  const after = await renders();
  const changed = Object.keys(after).filter((k) => after[k] !== before[k]).sort();
  // conv3's output and bn3/pool3 shapes change, and dense1's parameter count; nothing upstream renders again.
  expect(changed).toEqual(['node-bn3', 'node-conv3', 'node-dense1', 'node-flatten', 'node-pool3'].sort());
});

test('an edit based on a stale version is not saved over a newer one: reload or save as a copy', async ({ page, context }) => {
  await page.goto('/new?template=lenet5');
  const first = new EditorPage(page);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page).toHaveURL(/\/a\/[\w-]+$/);
  const url = page.url();

  const other = await context.newPage();
  await other.goto(url);
  const second = new EditorPage(other);
  await expect(second.node('f5')).toBeVisible();

  await first.select('f5');
  await page.getByLabel('Units', { exact: true }).fill('100');
  await page.getByLabel('Units', { exact: true }).press('Enter');
  await expect(first.saveState).toHaveAttribute('data-state', 'saved');

  await second.select('f6');
  await other.getByLabel('Units', { exact: true }).fill('50');
  await other.getByLabel('Units', { exact: true }).press('Enter');
  const dialog = other.getByRole('alertdialog');
  await expect(dialog).toContainText('This architecture was changed elsewhere');
  await dialog.getByRole('button', { name: 'Save as a copy' }).click();
  await expect(other).not.toHaveURL(url);
  await expect(second.saveState).toHaveAttribute('data-state', 'saved');

  // The newer version is intact; the copy holds the second tab's edit.
  await page.reload();
  await expect(first.nodeShape('f5')).toHaveText('100');
  await expect(first.nodeShape('f6')).toHaveText('84');
  await other.reload();
  await expect(second.nodeShape('f6')).toHaveText('50');
  await expect(other.getByRole('textbox', { name: 'Architecture name' })).toHaveValue('LeNet-5 (copy)');
});
