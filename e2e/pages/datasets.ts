import type { Locator, Page } from '@playwright/test';
import path from 'node:path';

const fixture = (name: string) => path.join(import.meta.dirname, '..', 'fixtures', 'data', name);

/** The datasets page, as a user sees it. */
export class DatasetsPage {
  constructor(readonly page: Page) {}

  /** The dataset's card in the list (its name comes first; "Delete <name>" does not match). */
  card(name: string): Locator {
    return this.page.getByRole('navigation', { name: 'Datasets' }).getByRole('button', { name: new RegExp(`^${name} `) });
  }

  get view(): Locator {
    return this.page.getByRole('article');
  }

  get samples(): Locator {
    return this.view.getByTestId('sample-grid').getByRole('img');
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Import a dataset' });
  }

  async importFiles(...files: string[]) {
    await this.page.getByRole('button', { name: 'Import dataset…' }).click();
    await this.dialog.getByLabel('Files').setInputFiles(files.map(fixture));
    await this.dialog.getByRole('button', { name: 'Import', exact: true }).click();
  }

  async classNames(): Promise<string[]> {
    return this.view.getByRole('textbox', { name: /^Name of class/ }).evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  }
}
