import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/editor';

test.describe('normalisation, activation and merge layers', () => {
  test('LayerNormalization and a ReLU6 branch multiplied together; a third branch of another shape is an error on the Multiply', async ({ page }) => {
    await page.goto('/new?template=blank');
    const editor = new EditorPage(page);
    await expect(editor.node('input')).toBeVisible();
    await editor.dragFromPalette('LayerNormalization', 140, 60);
    await editor.dragFromPalette('ReLU', 640, 60);
    await editor.dragFromPalette('Conv2D', 140, 440);
    await editor.dragFromPalette('Multiply', 640, 440);
    for (const id of ['ln1', 'relu1', 'conv1', 'mul1']) await expect(editor.node(id)).toBeVisible();
    await expect(editor.node('mul1')).toContainText('Multiply needs at least 2 inputs but has 0');

    // Two branches of the 28×28×1 input into Multiply.
    await editor.connect('input', 'ln1');
    await editor.connect('input', 'relu1');
    await editor.connect('ln1', 'mul1', 0);
    await editor.connect('relu1', 'mul1', 1);
    await expect(editor.nodeShape('ln1')).toHaveText('28×28×1');
    await expect(editor.nodeShape('relu1')).toHaveText('28×28×1');
    await expect(editor.nodeShape('mul1')).toHaveText('28×28×1');
    // gamma and beta per channel: 2·1.
    await expect(editor.node('ln1').getByTestId('param-count')).toHaveText(/^2\b/);
    await expect(editor.node('mul1')).not.toHaveClass(/has-error/);

    // ReLU6: maxValue 6 in the inspector, and the badge says so; emptied, the cap is gone.
    await editor.select('relu1');
    const maxValue = page.getByLabel('Maximum value', { exact: true });
    await expect(maxValue).toHaveValue('');
    await maxValue.fill('6');
    await maxValue.press('Enter');
    await expect(editor.node('relu1').locator('.layer-summary')).toHaveText('max 6');
    await maxValue.fill('-1');
    await expect(page.getByRole('alert').filter({ hasText: 'expected a number above 0 (a cap of 0 makes every output 0), got -1' })).toBeVisible();
    await expect(editor.node('relu1').locator('.layer-summary')).toHaveText('max 6');
    await maxValue.fill('');
    await maxValue.press('Enter');
    await expect(editor.node('relu1').locator('.layer-summary')).toHaveCount(0);
    await maxValue.fill('6');
    await maxValue.press('Enter');
    await expect(editor.node('relu1').locator('.layer-summary')).toHaveText('max 6');

    // A third branch of 32 channels: the error sits on the Multiply and names every shape.
    await editor.connect('input', 'conv1');
    await expect(editor.nodeShape('conv1')).toHaveText('28×28×32');
    // Zoomed out, so the Multiply's third handle is clear of the minimap in the corner.
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await editor.connect('conv1', 'mul1', 2);
    const mul = editor.node('mul1');
    await expect(mul).toHaveClass(/has-error/);
    await expect(mul).toContainText('Multiply needs inputs of one shape but gets [28, 28, 1] + [28, 28, 1] + [28, 28, 32]');
    await expect(editor.nodeShape('mul1')).toHaveText('?');
    await expect(editor.node('ln1')).not.toHaveClass(/has-error/);
  });
});
