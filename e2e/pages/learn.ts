import { expect, type Locator, type Page } from '@playwright/test';

/** The Learn lessons, as a user (or a screen reader) sees them. */
export class LearnPage {
  constructor(readonly page: Page) {}

  async open(path: string) {
    await this.page.goto(path);
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  /** The output grid: a table whose caption starts with "Output" (输出 in Chinese). */
  get output(): Locator {
    return this.page.getByRole('table', { name: /^(Output|输出) \d+×\d+$/ });
  }

  /** The input grid: "Input image 6×6" or "Padded input 8×8 (…)". */
  get input(): Locator {
    return this.page.getByRole('table', { name: /^(Input image|Padded input)/ });
  }

  async outputCaption(): Promise<string> {
    return ((await this.output.locator('caption').textContent()) ?? '').trim();
  }

  /** Every output row as the numbers a student reads, e.g. ".56 .57 .57 .56". */
  async outputRows(): Promise<string[]> {
    return this.output.locator('tr').evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => (td.textContent ?? '').trim()).join(' ')),
    );
  }

  async inputRows(): Promise<string[]> {
    return this.input.locator('tr').evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => (td.querySelector('.cell-value')?.textContent ?? '').trim()).join(' ')),
    );
  }

  get status(): Locator {
    return this.page.locator('.lab-status').first();
  }

  get stepForward(): Locator {
    return this.page.getByRole('button', { name: 'Step forward' });
  }

  get formula(): Locator {
    return this.page.locator('.formula').first();
  }

  async choose(group: string, option: string) {
    await this.page.getByRole('group', { name: group }).getByRole('radio', { name: option, exact: true }).check();
  }

  get rawRange(): Locator {
    return this.page.getByTestId('raw-range');
  }
}

/** The editor's Train tab, only as far as a short training run needs it; resolves once the run's weights are saved. */
export async function trainBriefly(page: Page, architectureId: string): Promise<string> {
  await page.goto(`/a/${architectureId}`);
  await page.getByRole('tab', { name: 'Train' }).click();
  const start = page.getByRole('button', { name: 'Start training' });
  await expect(start).toBeVisible();
  await page.getByLabel('Use the first N images', { exact: true }).fill('512');
  await page.getByLabel('Epochs', { exact: true }).fill('1');
  await page.getByLabel('Batch size', { exact: true }).fill('64');
  await page.getByLabel('Validation split', { exact: true }).fill('0.125');
  await start.click();
  // Once trained, the run is evaluated on the test images: a few hundred keep that short
  // (the field appears with the running session, and is read when evaluation starts).
  await page.getByLabel('Use the first N test images', { exact: true }).fill('256');
  await expect(page.getByRole('status').filter({ hasText: 'Backend:' })).toContainText('Finished', { timeout: 180_000 });
  const runs = (await (await page.request.get(`/api/architectures/${architectureId}/runs`)).json()) as { runs: { id: string }[] };
  const runId = runs.runs[0]!.id;
  // The run is evaluated on the test images after "Finished"; wait for that and for every write
  // (status, epoch, weights), since leaving the page aborts a write still in flight.
  await expect(page.getByTestId('test-accuracy')).toContainText('Test accuracy', { timeout: 180_000 });
  await expect
    .poll(
      async () => {
        const run = (await (await page.request.get(`/api/runs/${runId}`)).json()) as { hasWeights: boolean; status: string; epochs: unknown[] };
        return `${run.status} ${run.epochs.length} ${run.hasWeights}`;
      },
      { timeout: 60_000 },
    )
    .toBe('completed 1 true');
  return runId;
}
