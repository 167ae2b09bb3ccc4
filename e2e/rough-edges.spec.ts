import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { templateDocument } from '../lib/templates';
import { EditorPage } from './pages/editor';

const dataFixture = (name: string) => path.join(import.meta.dirname, 'fixtures', 'data', name);

/** Every layer node lies inside the visible canvas. */
async function expectAllNodesInView(page: Page) {
  const canvas = (await page.locator('.react-flow').boundingBox())!;
  await expect
    .poll(async () => {
      const boxes = await page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
      return boxes.filter((b) => b.left < canvas.x - 1 || b.top < canvas.y - 1 || b.right > canvas.x + canvas.width + 1 || b.bottom > canvas.y + canvas.height + 1).length;
    }, { message: 'nodes outside the canvas' })
    .toBe(0);
}

test.describe('rough edges a first-time user hit', () => {
  test('a template opens with the whole graph in view', async ({ page }) => {
    await page.goto('/new?template=course-cnn');
    const editor = new EditorPage(page);
    await expect(editor.node('output')).toBeAttached();
    await expectAllNodesInView(page);
    await expect(editor.node('input')).toBeInViewport();
    await expect(editor.node('output')).toBeInViewport();
  });

  test('Import JSON says what it imported and fits the imported graph into view', async ({ page }) => {
    await page.goto('/new?template=blank');
    const editor = new EditorPage(page);
    await expect(editor.node('input')).toBeVisible();
    // A graph drawn far from where the blank one sits.
    const doc = templateDocument('lenet5');
    const far = { ...doc, name: 'Far away LeNet', nodes: doc.nodes.map((n) => ({ ...n, position: { x: n.position.x + 4000, y: n.position.y + 3000 } })) };
    await page.getByTestId('import-file').setInputFiles({ name: 'far.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(far)) });
    await expect(page.getByRole('status').filter({ hasText: 'Imported “Far away LeNet”' })).toContainText(`${doc.nodes.length} layers`);
    await expect(page.getByRole('textbox', { name: 'Architecture name' })).toHaveValue('Far away LeNet');
    await expectAllNodesInView(page);
  });

  test('the Train tab imports a dataset in a dialog, selects it and says so, without leaving the editor', async ({ page }) => {
    await page.goto('/new?template=course-cnn');
    await page.getByRole('tab', { name: 'Train' }).click();
    const url = page.url();
    await page.getByRole('button', { name: 'Import dataset…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a dataset' });
    await expect(dialog.getByLabel('Image shape', { exact: true })).toHaveValue(/28\D+28\D+1/); // the Input's shape, suggested
    await dialog.getByLabel('Files', { exact: true }).setInputFiles(dataFixture('signs-small.csv'));
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('dataset-imported')).toHaveText(/^Imported signs-small: 11 classes, 22 training and 11 test images\./);
    await expect(page.getByRole('combobox', { name: 'Dataset', exact: true }).locator('option:checked')).toContainText('signs-small');
    expect(page.url()).toBe(url);
    await expect(page.getByRole('tab', { name: 'Train' })).toHaveAttribute('aria-selected', 'true');
  });

  test('training memory at the Train tab’s batch size, a warning when a tab cannot hold it, and limits named in the inspector', async ({ page }) => {
    await page.goto('/new?template=course-cnn');
    const editor = new EditorPage(page);
    const memory = page.getByTestId('training-memory');
    // 25,882,880 bytes by hand (lib/graph/memory.test.ts).
    await expect(memory).toHaveText(/^Training memory ≈ 25\.9 MB at batch 32 \(Weights, gradients, Adam optimizer state/);
    await editor.select('conv1');
    await expect(page.getByTestId('inspector-memory')).toContainText('7.5 MB');

    await page.getByRole('tab', { name: 'Train' }).click();
    await page.getByLabel('Batch size', { exact: true }).fill('64');
    await page.getByRole('tab', { name: 'Design' }).click();
    await expect(memory).toContainText('Training memory ≈ 47.5 MB at batch 64');
    await expect(page.getByTestId('memory-warning')).toHaveCount(0);

    await editor.select('input');
    const shape = page.getByRole('textbox', { name: /^Shape \(height/ });
    await shape.fill('1024, 1024, 3');
    await shape.press('Enter');
    await expect(page.getByRole('note').filter({ hasText: 'Will likely not fit in a browser tab' })).toBeVisible();

    await editor.select('conv2');
    const filters = page.getByLabel('Filters', { exact: true });
    await filters.fill('100000');
    await expect(filters).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert').filter({ hasText: 'Filters can be at most 65,536' })).toBeVisible();
    await filters.press('Enter');
    await expect(editor.nodeShape('conv2')).toHaveText('512×512×50');
  });
});
