import { expect, test, type Page } from '@playwright/test';
import { templateDocument } from '../lib/templates';
import { EditorPage } from './pages/editor';
import { messagesFor } from './pages/messages';

// Import JSON with a hand-written file: edges often come without targetHandle.

async function importDocument(page: Page, doc: unknown, name = 'hand-written.json') {
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
}

function withoutHandle<T extends { edges: { id: string; targetHandle?: string }[] }>(doc: T, edgeIds?: string[]): T {
  const out = JSON.parse(JSON.stringify(doc)) as T;
  for (const edge of out.edges) if (!edgeIds || edgeIds.includes(edge.id)) delete edge.targetHandle;
  return out;
}

test.describe('Import JSON', () => {
  test('a document whose edges lack targetHandle imports when each goes into a one-input layer', async ({ page }) => {
    await page.goto('/new?template=blank');
    const editor = new EditorPage(page);
    await expect(editor.node('input')).toBeVisible();
    const doc = { ...withoutHandle(templateDocument('lenet5')), name: 'LeNet without handles' };
    await importDocument(page, doc);
    await expect(page.getByRole('status').filter({ hasText: 'Imported “LeNet without handles”' })).toContainText(`${doc.nodes.length} layers`);
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
    await expect(page.locator('.react-flow__edge')).toHaveCount(doc.edges.length);
    // Wired as the template is: the last layer has the template's output shape.
    const output = templateDocument('lenet5').nodes.at(-1)!.id;
    await expect(editor.nodeShape(output)).toHaveText(/10/);
  });

  test('an edge into a merge layer without targetHandle is named, in plain words, and nothing is loaded', async ({ page }) => {
    await page.goto('/new?template=course-cnn');
    const editor = new EditorPage(page);
    await expect(editor.node('conv1')).toBeVisible();
    const doc = withoutHandle(templateDocument('residual'), ['e5']);
    const edgeIndex = doc.edges.findIndex((e) => e.id === 'e5');
    await importDocument(page, doc);
    const dialog = page.getByRole('alertdialog', { name: 'This file is not a valid CNN Studio architecture:' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('listitem')).toHaveText([
      `edges[${edgeIndex}].targetHandle: is missing: add (Add) takes several inputs; say which one this edge feeds (in0, in1, …)`,
    ]);
    await expect(dialog).not.toContainText(/Invalid input|nonoptional|invalid_type/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(editor.node('conv1')).toBeVisible(); // the graph before the import is still there
    await expect(editor.node('add')).toHaveCount(0);
  });

  test('says import problems in Chinese for a Chinese user', async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: 'NEXT_LOCALE', value: 'zh-CN', url: baseURL! }]);
    const zh = messagesFor('zh-CN').editor.import;
    await page.goto('/new?template=blank');
    await expect(new EditorPage(page).node('input')).toBeVisible();
    const doc = JSON.parse(JSON.stringify(templateDocument('course-cnn'))) as { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] };
    delete doc.nodes[1]!.position;
    doc.edges[2]!.weight = 1;
    await importDocument(page, doc);
    const dialog = page.getByRole('alertdialog', { name: zh.failed });
    await expect(dialog.getByRole('listitem')).toHaveText(['nodes[1].position: 缺失：应为对象', 'edges[2].weight: 不是 CNN Studio 读取的字段：请删除']);
    await dialog.getByRole('button', { name: zh.close }).click();
    await expect(dialog).toBeHidden();
  });
});
