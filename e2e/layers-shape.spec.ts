import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/editor';
import { useLanguage } from './pages/axe';

/** Input 28×28×1 → UpSampling2D → Reshape, dragged from the palette and wired by their handles. */
async function buildChain(editor: EditorPage, addLabel: (type: string) => string) {
  await editor.page.goto('/new?template=blank');
  await expect(editor.node('input')).toBeVisible();
  await editor.page.getByRole('button', { name: addLabel('UpSampling2D'), exact: true }).dragTo(editor.canvas, { targetPosition: { x: 140, y: 60 }, force: true });
  await editor.page.getByRole('button', { name: addLabel('Reshape'), exact: true }).dragTo(editor.canvas, { targetPosition: { x: 640, y: 60 }, force: true });
  await expect(editor.node('up1')).toBeVisible();
  await expect(editor.node('reshape1')).toBeVisible();
  await editor.connect('input', 'up1');
  await editor.connect('up1', 'reshape1');
  // UpSampling2D doubles each side; Reshape's initial target [-1] is inferred as every value in one list.
  await expect(editor.nodeShape('up1')).toHaveText('56×56×1');
  await expect(editor.nodeShape('reshape1')).toHaveText('3136');
}

test.describe('shape layers', () => {
  test('UpSampling2D and Reshape from the palette: shapes, an inferred -1, and a mismatching target named on its node', async ({ page }) => {
    const editor = new EditorPage(page);
    await buildChain(editor, (type) => `Add ${type}`);

    await editor.select('reshape1');
    const target = page.getByLabel('Target shape', { exact: true });
    await target.fill('-1, 7, 16');
    await expect(editor.nodeShape('reshape1')).toHaveText('28×7×16');
    await expect(page.getByTestId('inspector-output-shape')).toHaveText('[28, 7, 16]');

    await target.fill('7, 7, 16');
    await target.press('Enter');
    const reshape = editor.node('reshape1');
    await expect(reshape).toHaveClass(/has-error/);
    await expect(reshape).toContainText('Reshape to [7, 7, 16] needs 784 values but gets 3,136 from [56, 56, 1]');
    await expect(editor.node('up1')).not.toHaveClass(/has-error/);

    // Two -1s are refused in the inspector, naming the value; the node keeps its last valid target.
    await target.fill('-1, -1');
    await expect(target).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert').filter({ hasText: 'expected at most one -1 (the inferred dimension), got [-1,-1]' })).toBeVisible();
    await expect(reshape).toContainText('needs 784 values but gets 3,136');

    // UpSampling2D's size in the inspector changes the shapes downstream.
    await editor.select('up1');
    await page.getByLabel('Size (height, width)', { exact: true }).fill('1, 2');
    await page.getByLabel('Size (height, width)', { exact: true }).press('Enter');
    await expect(editor.nodeShape('up1')).toHaveText('28×56×1');
    await expect(reshape).toContainText('Reshape to [7, 7, 16] needs 784 values but gets 1,568 from [28, 56, 1]');
    await expect(page.locator('.react-flow__node[data-id="up1"]')).toHaveAccessibleName('UpSampling2D up1, repeats rows and columns 1×2, nearest interpolation, output 28×56×1');
  });

  test('ZeroPadding2D and Cropping2D take Keras’s padding forms in the inspector; cropping everything is an error naming the rows', async ({ page }) => {
    const editor = new EditorPage(page);
    await page.goto('/new?template=blank');
    await editor.select('input');
    await editor.paletteItem('ZeroPadding2D').click();
    await expect(editor.nodeShape('pad1')).toHaveText('30×30×1');
    const padding = page.getByLabel('Padding', { exact: true });
    await padding.fill('1, 2');
    await expect(editor.nodeShape('pad1')).toHaveText('30×32×1');
    // Keras's own ((top, bottom), (left, right)) pastes in as is, and reads back in the shortest form.
    await padding.fill('((0, 1), (2, 3))');
    await padding.press('Enter');
    await expect(editor.nodeShape('pad1')).toHaveText('29×33×1');
    await editor.select('input');
    await editor.select('pad1');
    await expect(padding).toHaveValue('0, 1, 2, 3');
    await padding.fill('1, 5000');
    await expect(page.getByRole('alert').filter({ hasText: 'Padding' })).toContainText('4,096');
    await padding.blur();

    await editor.select('pad1');
    await editor.paletteItem('Cropping2D').click();
    await expect(editor.nodeShape('crop1')).toHaveText('27×31×1');
    const cropping = page.getByLabel('Cropping', { exact: true });
    await cropping.fill('15, 0');
    await cropping.press('Enter');
    await expect(editor.node('crop1')).toHaveClass(/has-error/);
    await expect(editor.node('crop1')).toContainText('Cropping2D crops 30 rows from a 29-row input, leaving none: crop fewer rows');
  });

  test('in Chinese, the mismatching Reshape names both counts on its node', async ({ page, context, baseURL }) => {
    await useLanguage(context, baseURL!, 'zh-CN');
    const editor = new EditorPage(page);
    await buildChain(editor, (type) => `添加 ${type}`);
    await editor.select('reshape1');
    const target = page.getByLabel('目标形状', { exact: true });
    await target.fill('7, 7, 16');
    await target.press('Enter');
    const reshape = editor.node('reshape1');
    await expect(reshape).toHaveClass(/has-error/);
    await expect(reshape).toContainText('Reshape 到 [7, 7, 16] 需要 784 个值，但从 [56, 56, 1] 得到 3,136 个');
    await target.fill('7, -1, 16');
    await target.press('Enter');
    await expect(editor.nodeShape('reshape1')).toHaveText('7×28×16');
    await expect(reshape).not.toHaveClass(/has-error/);
  });
});
