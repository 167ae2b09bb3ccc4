import { expect, type Locator, type Page } from '@playwright/test';

/** The Train and Runs tabs of the editor, as a user sees them. */
export class TrainPage {
  constructor(readonly page: Page) {}

  /** Creates an architecture through the API, as the editor would save it. */
  async createArchitecture(document: { name: string }): Promise<string> {
    const created = await this.page.request.post('/api/architectures', { data: { name: document.name, document } });
    expect(created.status()).toBe(201);
    return ((await created.json()) as { id: string }).id;
  }

  /** Opens the editor at /a/<id> and its Train tab. */
  async open(id: string) {
    await this.page.goto(`/a/${id}`);
    await this.page.getByRole('tab', { name: 'Train' }).click();
    await expect(this.startButton).toBeVisible();
  }

  async openRuns(id: string) {
    await this.page.goto(`/a/${id}`);
    await this.page.getByRole('tab', { name: 'Runs' }).click();
  }

  get startButton(): Locator {
    return this.page.getByRole('button', { name: 'Start training' });
  }
  get stopButton(): Locator {
    return this.page.getByRole('button', { name: 'Stop', exact: true });
  }
  get progressBar(): Locator {
    return this.page.getByRole('progressbar', { name: 'Training progress' });
  }
  get backendStatus(): Locator {
    return this.page.getByRole('status').filter({ hasText: 'Backend:' });
  }
  get testAccuracy(): Locator {
    return this.page.getByTestId('test-accuracy');
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  async configure(options: { backend: string; trainLimit: number; epochs: number; batchSize: number; validationSplit: number }) {
    await this.page.getByLabel('Backend', { exact: true }).selectOption(options.backend);
    await this.field('Use the first N images').fill(String(options.trainLimit));
    await this.field('Epochs').fill(String(options.epochs));
    await this.field('Batch size').fill(String(options.batchSize));
    await this.field('Validation split').fill(String(options.validationSplit));
  }

  async progress(): Promise<number> {
    return Number(await this.progressBar.getAttribute('aria-valuenow'));
  }

  /** Points drawn in a chart (the x values uPlot was given). */
  async chartPoints(testId: 'loss-chart' | 'accuracy-chart'): Promise<number> {
    return Number(await this.page.getByTestId(testId).getAttribute('data-points'));
  }
}
