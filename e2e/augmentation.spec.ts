import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TrainPage } from './pages/train';

const template = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'lib', 'templates', 'course-cnn-augmented.json'), 'utf8')) as { name: string };

test('the course CNN with augmentation trains one epoch on a Fashion-MNIST subset on WASM', async ({ page }) => {
  test.setTimeout(300_000);
  const train = new TrainPage(page);
  const id = await train.createArchitecture(template);
  await train.open(id);
  await train.configure({ backend: 'wasm', trainLimit: 256, epochs: 1, batchSize: 32, validationSplit: 0.125 });
  // The sign-language network has 24 outputs; Fashion-MNIST has 10 classes.
  await page.getByRole('button', { name: 'Set its units to 10' }).click();
  await train.startButton.click();
  await expect(train.backendStatus).toContainText('Backend: wasm', { timeout: 60_000 });
  await expect(train.backendStatus).toContainText('Finished', { timeout: 180_000 });
  expect(await train.progress()).toBe(100);
  expect(await train.chartPoints('loss-chart')).toBeGreaterThan(1);
  await train.openRuns(id);
  await expect(page.locator('tr[data-status="completed"]')).toContainText('1 / 1');
});

/** What the six draws show, as image data (they are canvases). */
async function drawPictures(page: Page): Promise<string[]> {
  const draws = page.getByRole('list', { name: /draws while training/ }).getByRole('img');
  await expect(draws).toHaveCount(6);
  return draws.evaluateAll((canvases) => canvases.map((c) => (c as HTMLCanvasElement).toDataURL()));
}

/** Waits until the draws differ from `before` (they are recomputed after each change) and returns them. */
async function changedFrom(page: Page, before: string[]): Promise<string[]> {
  let now: string[] = before;
  await expect.poll(async () => JSON.stringify((now = await drawPictures(page))) !== JSON.stringify(before), { timeout: 30_000 }).toBe(true);
  return now;
}

test('the Data augmentation lesson shows six different draws that change with the factor slider and Draw again', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/learn/augmentation?layer=RandomRotation&factor=0.1');
  await expect(page.getByRole('heading', { level: 1, name: 'Data augmentation' })).toBeVisible();
  const status = page.locator('.lab-status');
  await expect(status).toContainText('Round 1: 6 draws through RandomRotation(0.1)', { timeout: 60_000 });
  await expect(page.getByRole('img', { name: /^Draw 1 of 6: .+ through RandomRotation\(0\.1\)$/ })).toBeVisible();

  const blank = await page.evaluate(() => document.createElement('canvas').toDataURL());
  let pictures = await changedFrom(page, [blank, blank, blank, blank, blank, blank]);
  // Six draws, not one picture six times.
  expect(new Set(pictures).size).toBeGreaterThan(1);

  // The slider, by keyboard: End takes the factor to its largest value.
  const slider = page.getByRole('slider', { name: 'Factor' });
  await slider.focus();
  await page.keyboard.press('End');
  await expect(slider).toHaveAttribute('aria-valuetext', '0.5 (±180°)');
  await expect(status).toContainText('RandomRotation(0.5)');
  pictures = await changedFrom(page, pictures);

  // Draw again: same factor, new draws.
  await page.getByRole('button', { name: 'Draw again' }).click();
  await expect(status).toContainText('Round 2');
  pictures = await changedFrom(page, pictures);

  // Factor 0 (Home): every draw is the original image.
  await page.keyboard.press('Home');
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(slider).toHaveAttribute('aria-valuetext', '0 (±0°)');
  pictures = await changedFrom(page, pictures);
  expect(new Set(pictures).size).toBe(1);

  // RandomFlip has a mode instead of a factor, and the lesson says when flipping is wrong.
  await page.getByRole('radio', { name: 'RandomFlip' }).check();
  await expect(page.getByRole('group', { name: 'Mode' })).toBeVisible();
  await expect(page.getByRole('slider', { name: 'Factor' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'When flipping is wrong' })).toBeVisible();
  await expect(status).toContainText("RandomFlip('horizontal')");
});
