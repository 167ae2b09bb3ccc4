import { expect, test } from '@playwright/test';
import { DatasetsPage } from './pages/datasets';

test('Fashion-MNIST is built in with all its images; an imported CSV keeps its label values as class names and survives a reload', async ({ page }) => {
  const data = new DatasetsPage(page);
  await page.goto('/datasets');
  await expect(page.getByRole('heading', { level: 1, name: 'Datasets' })).toBeVisible();

  await expect(data.card('Fashion-MNIST')).toContainText('60,000 training · 10,000 test');
  await expect(data.card('MNIST digits')).toContainText('8,000 training · 2,000 test');
  // The first dataset opens by itself: decoded from the shipped IDX .gz files, shown as a grid.
  await expect(data.view.getByRole('heading', { name: /Fashion-MNIST/ })).toBeVisible();
  await expect(data.samples).toHaveCount(48, { timeout: 60_000 });
  await expect(data.samples.first()).toHaveAccessibleName(/^Image \d+: (T-shirt\/top|Trouser|Pullover|Dress|Coat|Sandal|Shirt|Sneaker|Bag|Ankle boot)$/);
  await expect(data.view.getByRole('cell', { name: 'Ankle boot', exact: true })).toBeVisible();
  await expect(data.view.getByRole('button', { name: 'Show samples of Ankle boot' })).toContainText('6,000');

  // Sign-language layout, label values 0-11 with 9 missing, three images each.
  await data.importFiles('signs-small.csv');
  await expect(data.dialog).toBeHidden();
  await expect(data.card('signs-small')).toHaveAttribute('aria-current', 'true');
  await expect(data.card('signs-small')).toContainText('22 training · 11 test');
  await expect.poll(() => data.classNames()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '10', '11']);
  await expect(data.samples.first()).toHaveAccessibleName(/^Image \d+: \d+$/);
  // Label 10 is the letter K in sign-language MNIST: the user names it so.
  await data.view.getByRole('textbox', { name: 'Name of class 9' }).fill('K');
  await data.view.getByRole('button', { name: 'Save class names' }).click();
  await expect(data.view.getByText('Class names saved.')).toBeVisible();

  // A broken file is refused with the rows named, and nothing of it is kept.
  await data.importFiles('signs-broken.csv');
  const problems = data.dialog.getByRole('alert');
  await expect(problems).toContainText('Nothing was imported');
  await expect(problems).toContainText('signs-broken.csv, row 4: column pixel101: pixel 300 is outside 0–255');
  await expect(problems).toContainText('signs-broken.csv, row 6: has 784 values; the header has 785 columns');
  await data.dialog.getByRole('button', { name: 'Close' }).click();
  await expect(data.card('signs-broken')).toHaveCount(0);

  // Still there after a reload: it lives in IndexedDB.
  await page.reload();
  await data.card('signs-small').click();
  await expect.poll(() => data.classNames()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', 'K', '11']);
  await expect(data.samples.first()).toBeVisible();
});
