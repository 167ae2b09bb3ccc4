import { expect, test } from '@playwright/test';
import { LearnPage, trainBriefly } from './pages/learn';

const COURSE_OUTPUT = ['.56 .57 .57 .56', '.70 .82 .82 .70', '.69 .95 .95 .69', '.64 .69 .69 .64'];

test('convolution: stepping the 6×6 example to its last window fills the course output', async ({ page }) => {
  const learn = new LearnPage(page);
  await learn.open('/learn/convolution');
  await expect(learn.input.locator('caption')).toHaveText('Input image 6×6');
  await expect(learn.output.locator('caption')).toHaveText('Output 4×4');
  expect(await learn.outputRows()).toEqual(['   ', '   ', '   ', '   ']);

  // First window: the nine products appear, then their sum lands in the first cell.
  await learn.stepForward.click();
  await expect(learn.status).toContainText('Window 1 of 16 · multiply');
  await learn.stepForward.click();
  await expect(learn.status).toContainText('= .56, written to output row 1, column 1');
  expect((await learn.outputRows())[0]).toBe('.56   ');

  // Back undoes the sum; forward to the end walks all 16 windows.
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(learn.status).toContainText('Window 1 of 16 · multiply');
  for (let i = 0; i < 31; i++) await learn.stepForward.click();
  await expect(learn.status).toContainText('Window 16 of 16 · sum');
  await expect(learn.status).toContainText('Done');
  await expect(learn.stepForward).toBeDisabled();
  expect(await learn.outputRows()).toEqual(COURSE_OUTPUT);

  // Play at full speed from the start reaches the same result.
  await page.getByRole('button', { name: 'Back to the start' }).click();
  expect((await learn.outputRows())[0]).toBe('   ');
  await page.getByRole('slider', { name: 'Speed' }).fill('5');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(() => learn.outputRows(), { timeout: 20_000 }).toEqual(COURSE_OUTPUT);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

  // Editing a weight changes the result at once.
  await page.getByRole('textbox', { name: 'Weight row 2, column 2' }).fill('0');
  expect((await learn.outputRows())[0]).toBe('.31 .57 .57 .31');
});

test('stride 1, 2 and 3 give the course first rows and the formula with its numbers', async ({ page }) => {
  const learn = new LearnPage(page);
  await learn.open('/learn/stride');
  const cases = [
    { stride: '2', caption: 'Output 2×2', first: '.56 .57', formula: '⌊(6 + 0 − 3) / 2⌋ + 1 = 2' },
    { stride: '3', caption: 'Output 2×2', first: '.56 .56', formula: '⌊(6 + 0 − 3) / 3⌋ + 1 = 2' },
    { stride: '1', caption: 'Output 4×4', first: '.56 .57 .57 .56', formula: '⌊(6 + 0 − 3) / 1⌋ + 1 = 4' },
  ];
  for (const c of cases) {
    await learn.choose('Stride', c.stride);
    await expect(learn.output.locator('caption')).toHaveText(c.caption);
    expect((await learn.outputRows())[0]).toBe(c.first);
    await expect(learn.formula).toContainText(c.formula);
  }
});

test('padding: valid, zeros and replicated edges, with their sizes', async ({ page }) => {
  const learn = new LearnPage(page);
  await learn.open('/learn/padding');
  await expect(learn.output.locator('caption')).toHaveText('Output 4×4');

  await learn.choose('Padding', "Zeros (Keras 'same')");
  await expect(learn.input.locator('caption')).toHaveText('Padded input 8×8 (the 6×6 image and its border)');
  await expect(learn.output.locator('caption')).toHaveText('Output 6×6');
  const zeros = await learn.inputRows();
  expect(zeros[0]).toBe('0 0 0 0 0 0 0 0');
  expect(zeros[1]).toBe('0 1 0 1 1 0 1 0');
  const zeroOut = await learn.outputRows();
  // The inner 4×4 is the valid output; the border is new.
  expect(zeroOut.slice(1, 5).map((r) => r.split(' ').slice(1, 5).join(' '))).toEqual(COURSE_OUTPUT);
  await expect(learn.formula).toContainText('⌊(6 + 2 − 3) / 1⌋ + 1 = 6');

  await learn.choose('Padding', 'Copy edge pixels');
  await expect(learn.output.locator('caption')).toHaveText('Output 6×6');
  expect((await learn.inputRows())[0]).toBe('1 1 0 1 1 0 1 1');
  const replicateOut = await learn.outputRows();
  expect(replicateOut[0]).not.toBe(zeroOut[0]);

  await learn.choose('Padding', 'None (valid)');
  await expect(learn.output.locator('caption')).toHaveText('Output 4×4');
  await expect(learn.input.locator('caption')).toHaveText('Input image 6×6');

  // The side-by-side comparison shows all three sizes.
  const compare = page.getByRole('region', { name: 'The three choices side by side' });
  await expect(compare.getByRole('table')).toHaveCount(3);
  await expect(compare.getByRole('table', { name: "Zeros (Keras 'same'): 6×6" })).toBeVisible();
});

test('the editor link format preloads kernel, stride and padding, and names a bad value', async ({ page }) => {
  const learn = new LearnPage(page);
  await learn.open('/learn/stride?kernel=3&stride=2&padding=same');
  await expect(page.getByRole('group', { name: 'Stride' }).getByRole('radio', { name: '2', exact: true })).toBeChecked();
  // Keras 'same' at stride 2 pads 0 before and 1 after: 7×7 in, ceil(6 / 2) = 3 out.
  await expect(learn.input.locator('caption')).toHaveText('Padded input 7×7 (the 6×6 image and its border)');
  await expect(learn.output.locator('caption')).toHaveText('Output 3×3');

  await learn.open('/learn/padding?kernel=5&padding=replicate');
  await expect(page.getByRole('group', { name: 'Padding' }).getByRole('radio', { name: 'Copy edge pixels' })).toBeChecked();
  await expect(page.getByRole('table', { name: 'Kernel 5×5' })).toBeVisible();
  await expect(learn.output.locator('caption')).toHaveText('Output 6×6');

  await learn.open('/learn/pooling?pool=2&stride=2');
  await expect(page.getByRole('table', { name: 'MaxPooling2D 2×2' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'AveragePooling2D 2×2' })).toBeVisible();

  await learn.open('/learn/convolution?kernel=abc');
  await expect(page.getByRole('note')).toContainText('kernel=abc');
  await expect(page.getByRole('table', { name: 'Kernel 3×3' })).toBeVisible();
});

test('pooling highlights each window’s maximum, with average pooling beside it', async ({ page }) => {
  const learn = new LearnPage(page);
  await learn.open('/learn/pooling');
  const rows = (name: string) =>
    page.getByRole('table', { name }).locator('tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => (td.textContent ?? '').trim()).join(' ')));
  expect(await rows('MaxPooling2D 2×2')).toEqual(['.82 .82', '.95 .95']);
  expect(await rows('AveragePooling2D 2×2')).toEqual(['.66 .66', '.74 .74']);
  await expect(page.locator('.feature-table td.cell-max')).toHaveCount(4);
  await page.getByRole('button', { name: 'Next window' }).click();
  await expect(learn.status).toContainText('Window 2 of 4: .57, .56, .82, .70 → max .82');
});

test('dropout drops a fresh random set each training step and nothing at inference', async ({ page }) => {
  const learn = new LearnPage(page);
  await learn.open('/learn/dropout');
  await learn.choose('Rate', '0.4');
  // The dropped neurons are named in parentheses: "… dropped (h2, h7). …"
  const masks = new Set<string>();
  for (let i = 0; i < 8; i++) {
    await page.getByRole('button', { name: 'Next training step' }).click();
    await expect(learn.status).toContainText(`Training step ${i + 3}:`);
    masks.add(/\(([^)]*)\)/.exec((await learn.status.textContent()) ?? '')?.[1] ?? '');
  }
  expect(masks.size).toBeGreaterThan(1);
  await expect(page.getByRole('row', { name: /Passed on \(kept × 1\.67\)/ })).toBeVisible();
  await learn.choose('Mode', 'Inference');
  await expect(learn.status).toContainText('no neuron is dropped');
  const passed = page.getByRole('row', { name: /Passed on \(unchanged\)/ });
  await expect(passed.getByRole('cell')).toHaveText(['.80', '.30', '1.20', '.50', '.90', '.10', '.70', '1.00', '.40', '.60', '6.50']);
});

test('kernels are neurons: a weight edited in the drawing changes the grid and the output', async ({ page }) => {
  const learn = new LearnPage(page);
  await learn.open('/learn/neuron');
  await expect(page.getByRole('status', { name: 'Neuron output' })).toHaveText('.56');
  await page.getByRole('textbox', { name: 'w5', exact: true }).fill('1');
  await expect(page.getByRole('textbox', { name: 'Weight row 2, column 2' })).toHaveValue('1');
  await expect(page.getByRole('status', { name: 'Neuron output' })).toHaveText('1.31');
  await page.getByRole('textbox', { name: 'Weight row 1, column 1' }).fill('.5');
  await expect(page.getByRole('textbox', { name: 'w1', exact: true })).toHaveValue('.5');
});

test('gallery: the vertical-edge kernel on a dataset sample, and an uploaded photo', async ({ page }) => {
  test.setTimeout(180_000);
  const learn = new LearnPage(page);
  await learn.open('/learn/kernels');
  await expect(learn.rawRange).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole('img', { name: /^Original: Sample 1/ })).toBeVisible();
  // The course blur's weights add up to 1.01, so it stays within 0–1.01.
  await expect(learn.rawRange).toHaveText(/^Raw values from (\.\d\d|0) to (\.\d\d|1\.0[01])/);

  await learn.choose('Kernel', 'Vertical edges');
  await expect(page.getByRole('img', { name: /after the Vertical edges kernel$/ })).toBeVisible();
  // An edge kernel gives negative values on one side of a stroke and positive on the other.
  await expect(learn.rawRange).toHaveText(/^Raw values from -\d*\.\d\d to \d*\.\d\d/);
  await expect(page.getByRole('table', { name: 'Kernel: Vertical edges' })).toBeVisible();

  // A custom weight makes the kernel Custom.
  await page.getByRole('textbox', { name: 'Weight row 2, column 2' }).fill('1');
  await expect(page.getByRole('table', { name: 'Kernel: Custom' })).toBeVisible();

  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAFklEQVR4nGP4r6AARwICH+CIYWhJAAABG0nhZ0cpNgAAAABJRU5ErkJggg==', 'base64');
  await page.getByLabel('Or upload a photo').setInputFiles({ name: 'red-blue.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByRole('img', { name: 'Original: red-blue.png' })).toBeVisible();
  await learn.choose('Kernel', 'Vertical edges');
  await expect(page.getByRole('img', { name: 'red-blue.png after the Vertical edges kernel' })).toBeVisible();
});

test('lessons follow the course order with previous and next links', async ({ page }) => {
  const learn = new LearnPage(page);
  await learn.open('/learn');
  const titles = await page.locator('.lesson-list strong').allTextContents();
  expect(titles).toEqual([
    'Kernels and convolution',
    'Blur, sharpen, brighten, darken',
    'Stride',
    'Padding',
    'Kernels are neurons',
    'Finding edges',
    'What the network perceives',
    'Max pooling',
    'Dropout',
    'Data augmentation',
    'The full architecture',
  ]);
  await page.getByRole('link', { name: /Kernels and convolution/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kernels and convolution');
  await page.getByRole('link', { name: 'Next: Blur, sharpen, brighten, darken →' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Blur, sharpen, brighten, darken');
  await page.getByRole('link', { name: '← Previous: Kernels and convolution' }).click();
  await expect(page).toHaveURL(/\/learn\/convolution$/);
});

test('after a short training run, the learned kernels of the first Conv2D and its feature maps open', async ({ page }) => {
  test.setTimeout(360_000);
  const doc = {
    version: 1,
    name: 'Learn tiny CNN',
    nodes: [
      { id: 'input', type: 'Input', params: { shape: [28, 28, 1] }, position: { x: 0, y: 0 } },
      { id: 'conv', type: 'Conv2D', params: { filters: 4, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu', useBias: true }, position: { x: 0, y: 110 } },
      { id: 'pool', type: 'MaxPooling2D', params: { poolSize: 2, strides: 2, padding: 'valid' }, position: { x: 0, y: 220 } },
      { id: 'up', type: 'UpSampling2D', params: { size: 2, interpolation: 'nearest' }, position: { x: 0, y: 275 } },
      { id: 'flatten', type: 'Flatten', params: {}, position: { x: 0, y: 330 } },
      { id: 'output', type: 'Dense', params: { units: 10, activation: 'softmax', useBias: true }, position: { x: 0, y: 440 } },
    ],
    edges: [
      { id: 'e1', source: 'input', target: 'conv', targetHandle: 'in0' },
      { id: 'e2', source: 'conv', target: 'pool', targetHandle: 'in0' },
      { id: 'e3', source: 'pool', target: 'up', targetHandle: 'in0' },
      { id: 'e5', source: 'up', target: 'flatten', targetHandle: 'in0' },
      { id: 'e4', source: 'flatten', target: 'output', targetHandle: 'in0' },
    ],
  };
  const created = await page.request.post('/api/architectures', { data: { name: doc.name, document: doc } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await trainBriefly(page, id);

  const learn = new LearnPage(page);
  await learn.open('/learn/perceive');
  const picker = page.getByLabel('Network', { exact: true });
  const runOption = picker.locator('optgroup[label="Learn tiny CNN"] option').first();
  await expect(runOption).toBeAttached({ timeout: 30_000 });
  await picker.selectOption((await runOption.getAttribute('value'))!);
  await expect(page).toHaveURL(/\/learn\/perceive\?run=/);

  const kernels = page.getByRole('list', { name: 'Kernels of conv: 4 filters, 3×3' });
  await expect(kernels).toBeVisible({ timeout: 60_000 });
  await expect(kernels.getByRole('img')).toHaveCount(4);
  await expect(page.getByLabel('Conv2D layer')).toHaveValue('conv');
  await expect(page.getByText(/^Learn tiny CNN, trained on .+\.$/)).toBeVisible();

  // Feature maps of every convolution, pooling and upsampling layer for a sample.
  await expect(page.getByRole('region', { name: 'Feature maps of conv' }).getByRole('img')).toHaveCount(4, { timeout: 120_000 });
  await expect(page.getByRole('region', { name: 'Feature maps of pool' }).getByRole('heading')).toContainText('14×14×4');
  await expect(page.getByRole('region', { name: 'Feature maps of up' }).getByRole('heading')).toContainText('UpSampling2D · 28×28×4');
  await page.getByRole('button', { name: /^Sample 2:/ }).click();
  await expect(page.getByRole('img', { name: /^Input image: / })).toBeVisible();
});

test.describe('in Chinese', () => {
  test.beforeEach(async ({ context, baseURL }) => {
    await context.addCookies([{ name: 'NEXT_LOCALE', value: 'zh-CN', url: baseURL! }]);
  });

  const pages: { path: string; title: string; check?: (page: import('@playwright/test').Page) => Promise<void> }[] = [
    { path: '/learn', title: '学习' },
    {
      path: '/learn/convolution',
      title: '卷积核与卷积',
      check: async (page) => {
        await expect(page.getByRole('table', { name: '输出 4×4' })).toBeVisible();
        await page.getByRole('button', { name: '跳到结尾' }).click();
        await expect(page.locator('.lab-status')).toContainText('完成');
      },
    },
    { path: '/learn/kernels', title: '模糊、锐化、变亮、变暗', check: async (page) => expect(page.getByRole('radio', { name: '竖直边缘' })).toBeVisible() },
    {
      path: '/learn/stride',
      title: '步长',
      check: async (page) => {
        await page.getByRole('group', { name: '步长' }).getByRole('radio', { name: '2', exact: true }).check();
        await expect(page.getByRole('table', { name: '输出 2×2' })).toBeVisible();
      },
    },
    {
      path: '/learn/padding',
      title: '填充',
      check: async (page) => {
        await page.getByRole('radio', { name: '复制边缘像素' }).check();
        await expect(page.getByRole('table', { name: '输出 6×6' }).first()).toBeVisible();
      },
    },
    { path: '/learn/neuron', title: '卷积核就是神经元', check: async (page) => expect(page.getByRole('status', { name: '神经元输出' })).toHaveText('.56') },
    { path: '/learn/edges', title: '寻找边缘' },
    { path: '/learn/perceive', title: '网络看到了什么', check: async (page) => expect(page.getByLabel('网络', { exact: true })).toBeVisible() },
    { path: '/learn/pooling', title: '最大池化', check: async (page) => expect(page.getByRole('button', { name: '下一个窗口' })).toBeVisible() },
    { path: '/learn/dropout', title: 'Dropout', check: async (page) => expect(page.getByRole('button', { name: '下一个训练步' })).toBeVisible() },
    { path: '/learn/architecture', title: '完整的网络结构', check: async (page) => expect(page.getByRole('link', { name: '在编辑器中打开这个网络' })).toBeVisible() },
  ];

  for (const p of pages) {
    test(`${p.path} renders in Chinese`, async ({ page }) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error' && /MISSING_MESSAGE|INVALID_MESSAGE|FORMATTING_ERROR/.test(m.text())) errors.push(m.text());
      });
      await page.goto(p.path);
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.title);
      expect(await page.title()).toContain(p.title);
      // No English lesson text left behind: the menu is Chinese too.
      await expect(page.getByRole('navigation', { name: '课程' })).toContainText('卷积核与卷积');
      await p.check?.(page);
      expect(errors).toEqual([]);
    });
  }
});
