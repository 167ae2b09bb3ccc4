import { expect, test, type Page } from '@playwright/test';
import { useLanguage } from './pages/axe';
import { EditorPage } from './pages/editor';
import { messagesFor } from './pages/messages';

// The palette with many layer types: a filter by name or description (in the
// user's language), groups that fold and stay folded, and the buttons still
// append layers.

const palette = (page: Page) => page.getByRole('complementary', { name: /^(Layers|层)$/ });
const layerButtons = (page: Page) => palette(page).getByRole('button', { name: /^(Add|添加) / });

test.describe('palette', () => {
  test('type "pool": only the pooling types; the count is announced; Escape restores all', async ({ page }) => {
    const m = messagesFor('en');
    await page.goto('/new?template=blank');
    const all = await layerButtons(page).count();
    expect(all).toBeGreaterThan(5);
    const texts = (buttons: ReturnType<typeof layerButtons>) => buttons.evaluateAll((els) => els.map((e) => e.textContent ?? '').sort());
    const pooling = await texts(palette(page).locator('details', { has: page.locator('summary', { hasText: 'Pooling' }) }).getByRole('button'));
    expect(pooling).toContain('MaxPooling2D');
    const filter = palette(page).getByRole('searchbox', { name: m.editor.palette.filter });
    await filter.fill('pool');
    await expect(palette(page).getByRole('status')).toHaveText(`${pooling.length} layers shown`);
    expect(await texts(layerButtons(page))).toEqual(pooling);
    await expect(palette(page).getByText('Pooling', { exact: true })).toBeVisible();

    await filter.fill('zebra');
    await expect(layerButtons(page)).toHaveCount(0);
    await expect(palette(page).getByRole('status')).toHaveText('No layer matches');

    await filter.press('Escape');
    await expect(filter).toHaveValue('');
    await expect(layerButtons(page)).toHaveCount(all);

    // Filtered buttons still append after the selection.
    await filter.fill('conv');
    await new EditorPage(page).paletteItem('Conv2D').press('Enter');
    await expect(new EditorPage(page).node('conv1')).toBeVisible();
  });

  test('in Chinese the filter matches the Chinese description', async ({ page, context, baseURL }) => {
    await useLanguage(context, baseURL!, 'zh-CN');
    const m = messagesFor('zh-CN');
    await page.goto('/new?template=blank');
    const filter = palette(page).getByRole('searchbox', { name: m.editor.palette.filter });
    await filter.fill('最大值');
    await expect(palette(page).getByRole('button', { name: '添加 MaxPooling2D', exact: true })).toBeVisible();
    await expect(palette(page).getByRole('button', { name: '添加 Conv2D', exact: true })).toBeHidden();
    const count = await layerButtons(page).count();
    await expect(palette(page).getByRole('status')).toHaveText(`显示 ${count} 个层`);
  });

  test('a folded group stays folded after a reload, and opens again from the keyboard', async ({ page }) => {
    await page.goto('/new?template=blank');
    const editor = new EditorPage(page);
    const group = palette(page).locator('summary', { hasText: 'Pooling' });
    await expect(editor.paletteItem('MaxPooling2D')).toBeVisible();
    await group.click();
    await expect(editor.paletteItem('MaxPooling2D')).toBeHidden();
    await page.reload();
    await expect(editor.paletteItem('Conv2D')).toBeVisible();
    await expect(editor.paletteItem('MaxPooling2D')).toBeHidden();
    await group.focus();
    await page.keyboard.press('Enter');
    await expect(editor.paletteItem('MaxPooling2D')).toBeVisible();
  });
});
