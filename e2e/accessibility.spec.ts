import { expect, test, type Page } from '@playwright/test';
import { lessonIds } from '../lib/learn/lessons';
import { expectNoSeriousViolations, languages, useLanguage } from './pages/axe';
import { EditorPage } from './pages/editor';
import { messagesFor } from './pages/messages';
import { tinyCnn } from './fixtures/tinyCnn';

// axe-core on every page and dialog a user reaches, in both languages: no critical or
// serious violations (moderate and minor ones are printed, see pages/axe.ts).

async function createArchitecture(page: Page, document: { name: string }): Promise<{ id: string; shareId: string }> {
  const created = await page.request.post('/api/architectures', { data: { name: document.name, document } });
  expect(created.status()).toBe(201);
  return (await created.json()) as { id: string; shareId: string };
}

const nodeNames = {
  en: {
    conv1: 'Conv2D conv1, 75 filters 3×3, stride 1×1, same padding, relu, output 28×28×75',
    pool1: 'MaxPooling2D pool1, largest of each 2×2 window, stride 2×2, same padding, output 14×14×75',
    edge: 'Connection from input to conv1, 28×28×1',
    denseError: 'Dense dense1, 128 units, relu, output unknown. Error: Dense expects a flat input [n] but gets [28, 28, 32]: insert a Flatten before it',
  },
  'zh-CN': {
    conv1: 'Conv2D conv1，75 个 3×3 卷积核，步长 1×1，same 填充，激活函数 relu，输出 28×28×75',
    pool1: 'MaxPooling2D pool1，取每个 2×2 窗口的最大值，步长 2×2，same 填充，输出 14×14×75',
    edge: '从 input 到 conv1 的连接，28×28×1',
    denseError: 'Dense dense1，128 个神经元，激活函数 relu，输出 未知。1 个错误：Dense 需要扁平的输入 [n]，但得到的是 [28, 28, 32]：请在它前面插入 Flatten',
  },
};

/** The text of a message before its first placeholder, e.g. "Test accuracy: " of "Test accuracy: {value} …". */
const lead = (message: string) => message.split('{')[0]!;

for (const language of languages) {
  const m = messagesFor(language.locale);
  const tag = `(${language.name})`;

  test.describe(`accessibility ${tag}`, () => {
    test.use({ viewport: { width: 1440, height: 900 } });
    test.beforeEach(async ({ context, baseURL }) => {
      await useLanguage(context, baseURL!, language.locale);
    });

    for (const path of ['/', '/new', '/learn']) {
      test(`${path} ${tag}`, async ({ page }) => {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expectNoSeriousViolations(page, `${path} ${tag}`);
      });
    }

    test(`/mine with a saved architecture ${tag}`, async ({ page }) => {
      await createArchitecture(page, tinyCnn());
      await page.goto('/mine');
      await expect(page.getByRole('link', { name: /Tiny CNN/ }).first()).toBeVisible();
      await expectNoSeriousViolations(page, `/mine ${tag}`);
    });

    test(`/datasets with a dataset open, and its import dialog ${tag}`, async ({ page }) => {
      await page.goto('/datasets');
      const importButton = page.getByRole('button', { name: m.data.list.import });
      await expect(importButton).toBeVisible();
      // The first dataset opens with its classes and their counts.
      await expect(page.getByRole('heading', { name: m.data.view.classesHeading, exact: true })).toBeVisible({ timeout: 60_000 });
      await expect(page.locator('.count-button').first()).toBeVisible();
      await expectNoSeriousViolations(page, `/datasets ${tag}`);
      await importButton.click();
      await expect(page.getByRole('dialog', { name: m.data.import.title })).toBeVisible();
      await expectNoSeriousViolations(page, `/datasets import dialog ${tag}`);
    });

    for (const id of lessonIds) {
      test(`/learn/${id} mid-animation ${tag}`, async ({ page }) => {
        await page.goto(`/learn/${id}`);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        // The augmentation lesson is checked with its six draws on screen.
        if (id === 'augmentation') await expect(page.locator('canvas.augmentation-draw')).toHaveCount(6, { timeout: 60_000 });
        // Lessons with a stepper are checked a few steps in, with cells highlighted.
        const forward = page.getByRole('button', { name: m.learn.stepper.forward, exact: true }).first();
        if (await forward.isVisible()) {
          for (let i = 0; i < 3; i++) if (await forward.isEnabled()) await forward.click();
        }
        await expectNoSeriousViolations(page, `/learn/${id} ${tag}`);
      });
    }

    test(`editor with the course template ${tag}`, async ({ page }) => {
      await page.goto('/new?template=course-cnn');
      await expect(new EditorPage(page).node('conv1')).toBeVisible();
      // A screen reader hears each layer's type, key settings and output shape, in the page's language.
      await expect(page.locator('.react-flow__node[data-id="conv1"]')).toHaveAccessibleName(nodeNames[language.locale].conv1);
      await expect(page.locator('.react-flow__node[data-id="pool1"]')).toHaveAccessibleName(nodeNames[language.locale].pool1);
      await expect(page.locator('.react-flow__edge').first()).toHaveAccessibleName(nodeNames[language.locale].edge);
      await expectNoSeriousViolations(page, `editor course template ${tag}`);
    });

    test(`editor with the palette filtered ${tag}`, async ({ page }) => {
      await page.goto('/new?template=course-cnn');
      await expect(new EditorPage(page).node('conv1')).toBeVisible();
      await page.getByRole('searchbox', { name: m.editor.palette.filter }).fill('pool');
      await expect(page.getByRole('status').filter({ hasText: /4/ })).toBeVisible();
      await expectNoSeriousViolations(page, `editor palette filtered ${tag}`);
    });

    test(`editor with a selected node and the inspector ${tag}`, async ({ page }) => {
      await page.goto('/new?template=course-cnn');
      const editor = new EditorPage(page);
      await editor.node('conv1').locator('.layer-node-head').click();
      await expect(page.getByRole('complementary', { name: m.editor.inspector.title }).getByText('conv1', { exact: true })).toBeVisible();
      await expectNoSeriousViolations(page, `editor selected node ${tag}`);
    });

    test(`editor with an error on a node ${tag}`, async ({ page }) => {
      await page.goto('/new?template=blank');
      const editor = new EditorPage(page);
      await editor.node('input').locator('.layer-node-head').click();
      await page.getByRole('button', { name: m.editor.palette.add.replace('{layer}', 'Conv2D'), exact: true }).click();
      await page.getByRole('button', { name: m.editor.palette.add.replace('{layer}', 'Dense'), exact: true }).click();
      await expect(editor.node('dense1')).toHaveClass(/has-error/);
      // Not only red: an icon and the word "Error", and the error is part of the node's name.
      await expect(editor.node('dense1').getByRole('alert')).toContainText(`⛔ ${m.editor.node.error}:`);
      await expect(page.locator('.react-flow__node[data-id="dense1"]')).toHaveAccessibleName(nodeNames[language.locale].denseError);
      await expectNoSeriousViolations(page, `editor node error ${tag}`);
    });

    test(`editor import error dialog ${tag}`, async ({ page }) => {
      await page.goto('/new?template=course-cnn');
      await page.getByTestId('import-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"version":1}') });
      await expect(page.getByRole('alertdialog')).toContainText(m.editor.import.failed);
      await expectNoSeriousViolations(page, `editor import errors ${tag}`);
    });

    test(`editor Keras code dialog ${tag}`, async ({ page }) => {
      await page.goto('/new?template=course-cnn');
      await page.getByRole('button', { name: m.editor.keras.button, exact: true }).click();
      await expect(page.getByRole('dialog', { name: m.editor.keras.title })).toBeVisible();
      await expectNoSeriousViolations(page, `editor Keras dialog ${tag}`);
    });

    test(`share dialog, with a copied link and after turning it off ${tag}`, async ({ page, context }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const { id } = await createArchitecture(page, tinyCnn());
      await page.goto(`/a/${id}`);
      await page.getByRole('button', { name: m.editor.toolbar.share, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: m.editor.shareDialog.title });
      await dialog.getByRole('button', { name: m.editor.shareDialog.copy, exact: true }).click();
      await expect(dialog.getByRole('status')).toHaveText(m.editor.shareDialog.copied);
      await expectNoSeriousViolations(page, `share dialog ${tag}`);
      await dialog.getByRole('button', { name: m.editor.shareDialog.turnOff, exact: true }).click();
      await expect(dialog.getByRole('status')).toHaveText(m.editor.shareDialog.turnedOff);
      await expectNoSeriousViolations(page, `share dialog, link off ${tag}`);
    });

    test(`/mine with the recovery key shown ${tag}`, async ({ page }) => {
      await createArchitecture(page, tinyCnn());
      await page.goto('/mine');
      await page.getByRole('button', { name: m.editor.recovery.show, exact: true }).click();
      await expect(page.getByRole('textbox', { name: m.editor.recovery.keyLabel, exact: true })).toHaveValue(/^[A-Za-z0-9_-]{43}$/);
      await expectNoSeriousViolations(page, `/mine recovery key ${tag}`);
    });

    test(`leave dialog and local-draft offer of an unsaved new architecture ${tag}`, async ({ page }) => {
      await page.goto('/new?template=course-cnn');
      const editor = new EditorPage(page);
      await expect(editor.node('conv1')).toBeVisible();
      // An edit, never saved: leaving by a link asks first.
      await editor.node('output').locator('.layer-node-head').click();
      await page.getByRole('button', { name: m.editor.palette.add.replace('{layer}', 'Dropout'), exact: true }).click();
      await page.getByRole('link', { name: m.common.nav.mine, exact: true }).click();
      const leave = page.getByRole('alertdialog', { name: m.editor.leave.title });
      await expect(leave).toBeVisible();
      await expectNoSeriousViolations(page, `leave dialog ${tag}`);
      await leave.getByRole('button', { name: m.editor.leave.leave, exact: true }).click();
      await expect(page).toHaveURL(/\/mine$/);
      // The next new architecture offers the draft back.
      await page.goto('/new?template=blank');
      await expect(page.getByRole('button', { name: m.editor.draft.restore, exact: true })).toBeVisible();
      await expectNoSeriousViolations(page, `draft offer ${tag}`);
    });

    test(`read-only shared view ${tag}`, async ({ page }) => {
      const { shareId } = await createArchitecture(page, tinyCnn());
      await page.goto(`/s/${shareId}`);
      await expect(page.getByText(m.editor.readOnly.banner)).toBeVisible();
      await expect(new EditorPage(page).node('conv')).toBeVisible();
      await expectNoSeriousViolations(page, `shared view ${tag}`);
    });

    // One page through the Train tab's states: before, while and after a run, the
    // confusion matrix, then Runs with two runs compared.
    test.describe.serial(`training ${tag}`, () => {
      let page: Page;
      let id: string;
      test.beforeAll(async ({ browser, baseURL }) => {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
        await useLanguage(context, baseURL!, language.locale);
        page = await context.newPage();
        id = (await createArchitecture(page, tinyCnn())).id;
      });
      test.afterAll(async () => {
        await page.context().close();
      });

      const field = (label: string) => page.getByLabel(label, { exact: true });
      const runOnce = async () => {
        await field(m.train.hyper.trainLimit).fill('256');
        await field(m.train.hyper.epochs).fill('1');
        await field(m.train.hyper.batchSize).fill('32');
        await page.getByRole('button', { name: m.train.controls.start, exact: true }).click();
        await field(m.train.evaluation.limit).fill('256');
      };
      const finished = async (runs: number) => {
        await expect(page.getByTestId('test-accuracy')).toContainText(lead(m.train.evaluation.testAccuracy), { timeout: 180_000 });
        await expect
          .poll(
            async () => {
              const list = (await (await page.request.get(`/api/architectures/${id}/runs`)).json()) as { runs: { status: string }[] };
              return list.runs.filter((r) => r.status === 'completed').length;
            },
            { timeout: 60_000 },
          )
          .toBe(runs);
      };

      test(`Train tab before training ${tag}`, async () => {
        test.setTimeout(180_000);
        await page.goto(`/a/${id}`);
        await page.getByRole('tab', { name: m.editor.tabs.train, exact: true }).click();
        await expect(page.getByRole('button', { name: m.train.controls.start, exact: true })).toBeEnabled({ timeout: 60_000 });
        await expectNoSeriousViolations(page, `Train before ${tag}`);
        // Importing data without leaving the editor: the dialog over the Train tab.
        await page.getByRole('button', { name: m.data.picker.import, exact: true }).click();
        const dialog = page.getByRole('dialog');
        await expect(dialog).toBeVisible();
        await expectNoSeriousViolations(page, `Train import dialog ${tag}`);
        await page.keyboard.press('Escape');
        await expect(dialog).toBeHidden();
      });

      test(`Train tab while training ${tag}`, async () => {
        test.setTimeout(180_000);
        await runOnce();
        // Training has begun: the progress bar shows (the charts follow with the first batches).
        await expect(page.getByRole('progressbar', { name: m.train.progress.label })).toBeVisible({ timeout: 120_000 });
        await expectNoSeriousViolations(page, `Train while ${tag}`);
      });

      test(`Train tab after training, with the confusion matrix ${tag}`, async () => {
        test.setTimeout(300_000);
        await finished(1);
        await expect(page.getByRole('heading', { name: m.train.evaluation.confusion })).toBeVisible();
        // The curves in words: the best epoch, in the page's language.
        await expect(page.getByTestId('chart-summary')).toContainText(lead(m.train.charts.summaryBestValidation));
        await expectNoSeriousViolations(page, `Train after ${tag}`);
      });

      test(`Runs with a compared pair ${tag}`, async () => {
        test.setTimeout(300_000);
        await runOnce();
        await finished(2);
        await page.getByRole('tab', { name: m.editor.tabs.runs, exact: true }).click();
        const compare = page.getByRole('checkbox', { name: new RegExp(`^${lead(m.train.runs.compareRun)}`) });
        await expect(compare).toHaveCount(2);
        await compare.nth(0).check();
        await compare.nth(1).check();
        await expect(page.locator('.train-runs .train-charts canvas')).toHaveCount(2);
        await expectNoSeriousViolations(page, `Runs compared ${tag}`);
      });
    });
  });
}
