import { expect, test } from '@playwright/test';
import { TrainPage } from './pages/train';
import { tinyCnn } from './fixtures/tinyCnn';
import { DatasetsPage } from './pages/datasets';

test('trains a small CNN on WebGPU in the browser, records runs, and opens misclassified examples', async ({ page }) => {
  test.setTimeout(360_000);
  const train = new TrainPage(page);
  const id = await train.createArchitecture(tinyCnn());
  await train.open(id);

  // Run 1: one epoch on the first 1,024 Fashion-MNIST images, on WebGPU.
  await train.configure({ backend: 'webgpu', trainLimit: 1024, epochs: 1, batchSize: 32, validationSplit: 0.125 });
  await train.startButton.click();
  await expect(train.backendStatus).toContainText('Backend: webgpu', { timeout: 60_000 });
  await expect.poll(() => train.progress(), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(train.backendStatus).toContainText('Finished', { timeout: 120_000 });
  expect(await train.progress()).toBe(100);
  // Both curves drawn: per-batch points plus the epoch's training and validation values.
  expect(await train.chartPoints('loss-chart')).toBeGreaterThan(1);
  expect(await train.chartPoints('accuracy-chart')).toBeGreaterThan(1);
  await expect(page.locator('[data-testid="loss-chart"] canvas')).toBeVisible();

  // The finished run is evaluated on the 10,000 test images: well above chance (10%).
  await expect(train.testAccuracy).toContainText('Test accuracy', { timeout: 120_000 });
  const accuracy = Number(/([\d.]+)%/.exec((await train.testAccuracy.textContent()) ?? '')?.[1]);
  expect(accuracy).toBeGreaterThan(30);

  // A confusion-matrix cell opens its misclassified images.
  const cell = page.getByRole('button', { name: /^Actual .+, predicted .+: \d+ images$/ }).first();
  const label = (await cell.getAttribute('aria-label'))!;
  const [, actual, predicted] = /^Actual (.+), predicted (.+): \d+ images$/.exec(label)!;
  await cell.click();
  const examples = page.getByRole('region', { name: `${actual} predicted as ${predicted}` });
  await expect(examples.getByRole('img').first()).toBeVisible();
  expect(await examples.getByRole('img').count()).toBeGreaterThan(0);

  // Run 2: stopped mid-epoch.
  await train.configure({ backend: 'webgpu', trainLimit: 30_000, epochs: 2, batchSize: 32, validationSplit: 0.1 });
  await train.startButton.click();
  await expect.poll(() => train.progress(), { timeout: 60_000 }).toBeGreaterThan(0);
  await train.stopButton.click();
  await expect(train.backendStatus).toContainText('Stopped', { timeout: 60_000 });
  expect(await train.progress()).toBeLessThan(50);

  // Both runs survive a reload.
  await page.reload();
  await train.openRuns(id);
  const rows = page.locator('table.train-runs-table tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(page.locator('tr[data-status="completed"]')).toContainText('webgpu');
  await expect(page.locator('tr[data-status="stopped"]')).toHaveCount(1);
  await expect(page.locator('tr[data-status="completed"]')).toContainText('1 / 1');
});

test('trains on an imported CSV with a missing label value, on the backend the autotune measured fastest, and reopens the run', async ({ page }) => {
  test.setTimeout(300_000);
  // Sign-language layout: label values 0-11 with no 9, 22 training and 11 test images.
  await page.goto('/datasets');
  const datasets = new DatasetsPage(page);
  await datasets.importFiles('signs-small.csv');
  await expect(datasets.dialog).toBeHidden();

  const train = new TrainPage(page);
  const id = await train.createArchitecture(tinyCnn({ name: 'Signs' }));
  await train.open(id);
  await page.getByLabel('Dataset', { exact: true }).selectOption({ label: 'signs-small (22 / 11 images, 28×28×1)' });
  await train.configure({ backend: 'auto', trainLimit: 22, epochs: 2, batchSize: 8, validationSplit: 0.25 });
  // 10 output units for 11 classes: the page says so and offers the fix.
  await expect(train.startButton).toBeDisabled();
  await page.getByRole('button', { name: 'Set its units to 11' }).click();
  await expect(train.startButton).toBeEnabled();
  await train.startButton.click();
  await expect(train.backendStatus).toContainText('Finished', { timeout: 180_000 });

  // Every backend is listed, with its figure or why it was not timed (a software GPU, CPU while
  // WASM runs); the one used is the fastest timed, or the only candidate, started untimed.
  const measured = page.getByRole('list', { name: 'Measured on this model (samples/s)' }).getByRole('listitem');
  await expect(measured).toHaveCount(4);
  const rates = await measured.evaluateAll((items) =>
    items.map((li) => ({ backend: li.getAttribute('data-backend')!, rate: Number(li.querySelector('[data-testid="samples-per-sec"]')?.getAttribute('data-value') ?? 0), text: li.textContent ?? '' })),
  );
  expect(rates.map((r) => r.backend).sort()).toEqual(['cpu', 'wasm', 'webgl', 'webgpu']);
  for (const r of rates) expect(r.rate > 0 || /could not train|not timed|started without timing/.test(r.text), r.text).toBe(true);
  const timed = rates.filter((r) => r.rate > 0);
  const fastest = timed.length > 0 ? timed.reduce((a, r) => (r.rate > a.rate ? r : a)) : rates.find((r) => r.text.includes('started without timing'))!;
  expect(fastest).toBeDefined();
  await expect(train.backendStatus).toContainText(`Backend: ${fastest.backend}`);
  await expect(page.locator(`li[data-backend="${fastest.backend}"]`)).toContainText(timed.length > 0 ? 'fastest' : 'used');
  if (fastest.backend === 'wasm') {
    // The page is cross-origin isolated, so WASM trains on every core (up to 8), not tfjs's default of half.
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const threads = Math.min(cores, 8);
    await expect(train.backendStatus).toContainText(`Backend: wasm · ${threads} thread${threads === 1 ? '' : 's'}`);
  }

  // The run is kept with its class count and can be loaded back into the Train tab,
  // even after the form has moved on to other settings.
  await page.getByLabel('Dataset', { exact: true }).selectOption({ index: 0 });
  await train.field('Batch size').fill('32');
  await page.getByRole('tab', { name: 'Runs' }).click();
  const row = page.locator('table.train-runs-table tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('signs-small');
  await expect(row).toContainText(fastest.backend);
  await expect(row).toContainText('2 / 2');
  await expect(row.getByRole('link', { name: 'What it learned' })).toHaveAttribute('href', /\/learn\/perceive\?run=/);
  await row.getByRole('button', { name: /^Open run .* in Train$/ }).click();
  await expect(page.getByRole('tab', { name: 'Train' })).toHaveAttribute('aria-selected', 'true');
  // The form shows the run's own dataset and settings.
  await expect(page.getByLabel('Dataset', { exact: true }).locator('option:checked')).toHaveText('signs-small (22 / 11 images, 28×28×1)');
  await expect(train.field('Batch size')).toHaveValue('8');
  await page.getByRole('button', { name: 'Evaluate on the test set' }).click();
  await expect(train.testAccuracy).toContainText('Test accuracy', { timeout: 60_000 });

  // After a reload the same model starts at once on the backend measured before: the figures are kept.
  await page.reload();
  await page.getByRole('tab', { name: 'Train' }).click();
  await page.getByLabel('Dataset', { exact: true }).selectOption({ label: 'signs-small (22 / 11 images, 28×28×1)' });
  await train.configure({ backend: 'auto', trainLimit: 22, epochs: 1, batchSize: 8, validationSplit: 0.25 });
  await train.startButton.click();
  await expect(train.backendStatus).toContainText('Finished', { timeout: 120_000 });
  await expect(train.backendStatus).toContainText(`Backend: ${fastest.backend}`);
  await expect(page.getByText(/measured on .+, kept for this model/)).toBeVisible();
  await page.getByRole('button', { name: 'Measure again at the next start' }).click();
  await expect(page.getByText(/kept for this model/)).toHaveCount(0);
});
