import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { unzipSync, strFromU8 } from 'fflate';
import { tinyCnn } from './fixtures/tinyCnn';
import { TrainPage } from './pages/train';
import { expectNoSeriousViolations, useLanguage } from './pages/axe';

const percent = async (text: Promise<string | null>) => Number(/([\d.]+)\s*%/.exec((await text) ?? '')?.[1]);

test('a trained run goes out as a TF.js zip and comes back in as "Imported weights" with the same test accuracy', async ({ page }, testInfo) => {
  test.setTimeout(420_000);
  const train = new TrainPage(page);
  const id = await train.createArchitecture(tinyCnn({ name: 'Model IO' }));
  await train.open(id);
  await train.configure({ backend: 'wasm', trainLimit: 1024, epochs: 1, batchSize: 32, validationSplit: 0.125 });
  await train.startButton.click();
  await expect(train.backendStatus).toContainText('Finished', { timeout: 180_000 });
  await expect(train.testAccuracy).toContainText('Test accuracy', { timeout: 120_000 });
  const trainedAccuracy = await percent(train.testAccuracy.textContent());
  expect(trainedAccuracy).toBeGreaterThan(10);

  // Runs → Download model → TensorFlow.js (.zip): model.json and its weights, named after the architecture.
  await page.getByRole('tab', { name: 'Runs' }).click();
  const row = page.locator('table.train-runs-table tbody tr');
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: /^Download model of / }).click();
  await expectNoSeriousViolations(page, 'runs: download menu open');
  const downloading = page.waitForEvent('download');
  await row.getByRole('button', { name: 'TensorFlow.js (.zip)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Model_IO.zip');
  const zipPath = testInfo.outputPath('Model_IO.zip');
  await download.saveAs(zipPath);
  const files = unzipSync(new Uint8Array(readFileSync(zipPath)));
  expect(Object.keys(files).sort()).toEqual(['model.json', 'model.weights.bin']);
  expect(JSON.parse(strFromU8(files['model.json']!)).format).toBe('layers-model');

  // A new editor: Import model… with the zip.
  await page.goto('/new?template=blank');
  await page.getByTestId('model-import-files').setInputFiles(zipPath);
  const done = page.getByRole('dialog', { name: /Imported 4 layers from model\.json/ });
  await expect(done).toBeVisible();
  for (const node of ['input', 'conv', 'flatten', 'output']) await expect(page.getByTestId(`node-${node}`)).toBeVisible();
  await expect(done).toContainText('Save the architecture first');
  await expectNoSeriousViolations(page, 'editor: model imported with weights');
  await page.getByRole('toolbar', { name: 'Editor tools' }).getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page).toHaveURL(/\/a\//);
  await done.getByLabel('Dataset they were trained on').selectOption({ label: 'Fashion-MNIST' });
  await done.getByRole('button', { name: 'Save as run “Imported weights”' }).click();
  await expect(done.getByRole('status')).toContainText('Saved as the run “Imported weights”');
  await done.getByRole('button', { name: 'Close' }).click();

  // The imported run opens in Train and evaluates to the same test accuracy.
  await page.getByRole('tab', { name: 'Runs' }).click();
  const imported = page.locator('table.train-runs-table tbody tr');
  await expect(imported).toHaveCount(1);
  await expect(imported).toContainText('Imported weights');
  await imported.getByRole('button', { name: /^Open run Imported weights .* in Train$/ }).click();
  await expect(page.getByRole('tab', { name: 'Train' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Evaluate on the test set' }).click();
  await expect(train.testAccuracy).toContainText('Test accuracy', { timeout: 120_000 });
  const importedAccuracy = await percent(train.testAccuracy.textContent());
  console.log(`test accuracy: trained run ${trainedAccuracy}%, imported weights ${importedAccuracy}%`);
  expect(importedAccuracy).toBe(trainedAccuracy);
});

test('a truncated zip is refused with a message naming it, and the canvas is left as it was', async ({ page }) => {
  await page.goto('/new?template=lenet5');
  await expect(page.getByTestId('node-c1')).toBeVisible();
  await page.getByTestId('model-import-files').setInputFiles({ name: 'broken.zip', mimeType: 'application/zip', buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) });
  const problems = page.getByRole('alertdialog', { name: 'Could not import broken.zip' });
  await expect(problems).toContainText('broken.zip is not a readable zip');
  await expectNoSeriousViolations(page, 'editor: model import refused');
  await problems.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('node-c1')).toBeVisible();
});

test('the refusal is in the user’s language', async ({ page, context, baseURL }) => {
  await useLanguage(context, baseURL!, 'zh-CN');
  await page.goto('/new?template=lenet5');
  await expect(page.getByTestId('node-c1')).toBeVisible();
  const modelJson = JSON.stringify({ class_name: 'Sequential', config: { name: 'deep', layers: Array.from({ length: 10_000 }, (_, i) => ({ class_name: 'Activation', config: { name: `a${i}`, activation: 'relu' } })) } });
  await page.getByTestId('model-import-files').setInputFiles({ name: 'deep.json', mimeType: 'application/json', buffer: Buffer.from(modelJson) });
  const problems = page.getByRole('alertdialog', { name: '无法导入 deep.json' });
  await expect(problems).toContainText('deep.json 有 10,000 层；CNN Studio 最多接受 500 层。');
  await expect(page.getByTestId('node-c1')).toBeVisible();
});
