import { expect, type Locator, type Page } from '@playwright/test';

/** The architecture editor, as a user sees it. */
export class EditorPage {
  constructor(readonly page: Page) {}

  node(id: string): Locator {
    return this.page.getByTestId(`node-${id}`);
  }

  nodeShape(id: string): Locator {
    return this.node(id).getByTestId('output-shape');
  }

  paletteItem(type: string): Locator {
    return this.page.getByRole('button', { name: `Add ${type}`, exact: true });
  }

  get canvas(): Locator {
    return this.page.locator('.react-flow__pane');
  }

  get totalParams(): Locator {
    return this.page.getByTestId('total-params');
  }

  get trainableParams(): Locator {
    return this.page.getByTestId('trainable-params');
  }

  get saveState(): Locator {
    return this.page.getByTestId('save-state');
  }

  /** Drags a layer from the palette onto the canvas at (x, y) relative to the canvas. */
  async dragFromPalette(type: string, x: number, y: number) {
    const box = (await this.canvas.boundingBox())!;
    await this.paletteItem(type).dragTo(this.canvas, { targetPosition: { x, y }, force: true });
    void box;
  }

  /** Drags from a node's output handle to another node's input handle, as a user wires layers. */
  async connect(sourceId: string, targetId: string, handle = 0) {
    const from = this.page.locator(`.react-flow__node[data-id="${sourceId}"] .react-flow__handle.source`);
    const to = this.page.locator(`.react-flow__node[data-id="${targetId}"] .react-flow__handle.target[data-handleid="in${handle}"]`);
    const a = (await from.boundingBox())!;
    const b = (await to.boundingBox())!;
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
    await this.page.mouse.up();
  }

  async select(id: string) {
    await this.node(id).locator('.layer-node-head').click();
    await expect(this.page.getByRole('complementary', { name: /Inspector|属性/ }).getByText(id, { exact: true })).toBeVisible();
  }

  async undo() {
    await this.page.getByRole('button', { name: 'Undo' }).click();
  }

  async redo() {
    await this.page.getByRole('button', { name: 'Redo' }).click();
  }
}
