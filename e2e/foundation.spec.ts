import { expect, test } from '@playwright/test';
import courseCnn from '../lib/templates/course-cnn.json' with { type: 'json' };
import { EditorPage } from './pages/editor';

test('the course template, created through the API, shows its exact totals in the editor', async ({ page }) => {
  const health = await page.request.get('/api/health');
  expect(await health.json()).toEqual({ ok: true, db: 'sqlite', migrations: 'current' });

  const created = await page.request.post('/api/architectures', { data: { name: courseCnn.name, document: courseCnn } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await page.goto(`/a/${id}`);
  const editor = new EditorPage(page);
  await expect(editor.totalParams).toHaveText('264,049');
  await expect(editor.trainableParams).toHaveText('263,749');
  await expect(editor.nodeShape('pool1')).toHaveText('14×14×75');
  await expect(editor.nodeShape('flatten')).toHaveText('400');
});
