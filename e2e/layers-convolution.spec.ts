import { expect, test } from '@playwright/test';
import { analyzeGraph } from '../lib/graph/analyze';
import { appendLayer } from '../lib/graph/edit';
import { blankDocument, templateDocument } from '../lib/templates';
import { EditorPage } from './pages/editor';
import { TrainPage } from './pages/train';

test.describe('convolution layer types', () => {
  test('DepthwiseConv2D, SeparableConv2D and Conv2DTranspose from the palette: live shapes and parameter counts; a depthwise stride error fixed in one click', async ({ page }) => {
    await page.goto('/new?template=blank');
    const editor = new EditorPage(page);
    await expect(editor.node('input')).toBeVisible();
    await editor.dragFromPalette('DepthwiseConv2D', 140, 60);
    await editor.dragFromPalette('SeparableConv2D', 640, 60);
    await editor.dragFromPalette('Conv2DTranspose', 140, 440);
    for (const id of ['dwconv1', 'sepconv1', 'deconv1']) await expect(editor.node(id)).toBeVisible();
    await expect(editor.node('deconv1')).toContainText('Conv2DTranspose has no input');

    await editor.connect('input', 'dwconv1');
    await editor.connect('dwconv1', 'sepconv1');
    await editor.connect('sepconv1', 'deconv1');

    // The same chain built with the pure graph functions gives the numbers to expect.
    let doc = blankDocument();
    for (const t of ['DepthwiseConv2D', 'SeparableConv2D', 'Conv2DTranspose'] as const) doc = appendLayer(doc, t, null).doc;
    const expected = analyzeGraph(doc);
    for (const id of ['dwconv1', 'sepconv1', 'deconv1']) {
      await expect(editor.nodeShape(id)).toHaveText(expected.nodes[id]!.outputShape!.join('×'));
      await expect(editor.node(id).getByTestId('param-count')).toHaveText(`${expected.nodes[id]!.paramCount!.total.toLocaleString('en-US')} params`);
    }
    // By hand: 3·3·1 + 1; 3·3·1 + 1·32 + 32; 3·3·32·32 + 32, growing 28 → 56 with stride 2.
    await expect(editor.node('dwconv1').getByTestId('param-count')).toHaveText('10 params');
    await expect(editor.node('sepconv1').getByTestId('param-count')).toHaveText('73 params');
    await expect(editor.nodeShape('deconv1')).toHaveText('56×56×32');
    await expect(editor.node('deconv1').getByTestId('param-count')).toHaveText('9,248 params');
    await expect(editor.totalParams).toHaveText(expected.totals!.total.toLocaleString('en-US'));

    // The inspector shows the transposed size arithmetic with its numbers.
    await editor.select('deconv1');
    await expect(page.getByTestId('size-arithmetic')).toHaveText('same: (28 − 1)·2 + 3 − 1 = 56');

    // Unequal depthwise strides: the error is on that node, named, with a one-click fix.
    await editor.select('dwconv1');
    const strides = page.getByLabel('Strides', { exact: true });
    await strides.fill('2, 1');
    await strides.press('Enter');
    const dw = editor.node('dwconv1');
    await expect(dw).toHaveClass(/has-error/);
    await expect(dw).toContainText('The strides 2×1 of DepthwiseConv2D differ');
    await dw.getByRole('button', { name: 'Set strides to 2' }).click();
    await expect(dw).not.toHaveClass(/has-error/);
    await expect(editor.nodeShape('dwconv1')).toHaveText('14×14×1');
    await expect(editor.nodeShape('deconv1')).toHaveText('28×28×32');
  });

  test('mobilenet-mini trains one epoch on a Fashion-MNIST subset on WASM and exports as Keras code with DepthwiseConv2D', async ({ page }) => {
    test.setTimeout(300_000);
    const train = new TrainPage(page);
    const id = await train.createArchitecture(templateDocument('mobilenet-mini'));
    await train.open(id);
    // WASM: the backend whose missing depthwise gradients the project kernels supply.
    await train.configure({ backend: 'wasm', trainLimit: 512, epochs: 1, batchSize: 32, validationSplit: 0.125 });
    const started = Date.now();
    await train.startButton.click();
    await expect(train.backendStatus).toContainText('Backend: wasm', { timeout: 60_000 });
    await expect(train.backendStatus).toContainText('Finished', { timeout: 180_000 });
    console.log(`mobilenet-mini: one epoch of 448 images on WASM in ${((Date.now() - started) / 1000).toFixed(1)} s (page clock, start to finish)`);
    expect(await train.progress()).toBe(100);
    expect(await train.chartPoints('loss-chart')).toBeGreaterThan(1);
    await expect(page.getByRole('alert').filter({ hasText: /error|failed/i })).toHaveCount(0);

    await page.getByRole('tab', { name: 'Design' }).click();
    await page.getByRole('button', { name: 'Keras code' }).click();
    const code = page.getByRole('dialog', { name: 'Keras code (tf.keras)' }).getByLabel('Python code');
    await expect(code).toContainText("dw1 = layers.DepthwiseConv2D((3, 3), strides=(1, 1), padding='same', depth_multiplier=1, activation='linear', use_bias=False, name='dw1')(stem)");
    await expect(code).toContainText('layers.DepthwiseConv2D(');
    await expect(code).toContainText('(total 9,562: 9,018 trainable, 544 non-trainable)');
  });
});
