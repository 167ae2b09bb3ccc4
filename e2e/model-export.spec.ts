import { readFileSync } from 'node:fs';
import { expect, test, type Download } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import { unzipSync, strFromU8 } from 'fflate';
import onnxProto from 'onnx-proto';
import { encodeWeights } from '../lib/api/weights';
import { compileGraph } from '../lib/compile';
import { templateDocument } from '../lib/templates';
import { exportWeights } from '../lib/train/worker/weights';
import { expectNoSeriousViolations, useLanguage } from './pages/axe';
import { EditorPage } from './pages/editor';
import { messagesFor } from './pages/messages';
import { TrainPage } from './pages/train';

const proto = onnxProto.onnx;

async function bytesOf(download: Download): Promise<Uint8Array> {
  return new Uint8Array(readFileSync((await download.path())!));
}

test.describe('models out: one "Download model" menu with TensorFlow.js, ONNX and PyTorch', () => {
  test('the editor downloads the untrained course CNN as ONNX and as a PyTorch project from the keyboard; refusals name the errors and layers for every format', async ({ page }) => {
    await page.goto('/new?template=course-cnn');
    const menu = page.getByRole('toolbar', { name: 'Editor tools' }).getByRole('button', { name: 'Download model' });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('button', { name: 'ONNX (.onnx)' })).toBeHidden();
    // A disclosure: Enter opens it, Escape closes it and gives the focus back to it.
    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('button', { name: 'TensorFlow.js (.zip)' })).toBeVisible();
    await expectNoSeriousViolations(page, 'editor: download menu open');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'TensorFlow.js (.zip)' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(menu).toBeFocused();
    await expect(page.getByRole('button', { name: 'ONNX (.onnx)' })).toBeHidden();

    await menu.click();
    const [onnxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'ONNX (.onnx)' }).click()]);
    expect(onnxDownload.suggestedFilename()).toMatch(/^Course_CNN.*\.onnx$/);
    const model = proto.ModelProto.decode(await bytesOf(onnxDownload));
    expect(model.graph!.input![0]!.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue))).toEqual(['N', 1, 28, 28]);
    expect(model.graph!.node!.map((n) => n.name)).toContain('conv1');
    // Downloaded: the menu closes and the focus is back on its button.
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(menu).toBeFocused();

    await menu.click();
    const [zipDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PyTorch (.zip)' }).click()]);
    expect(zipDownload.suggestedFilename()).toMatch(/^Course_CNN.*_pytorch\.zip$/);
    const files = unzipSync(await bytesOf(zipDownload));
    expect(Object.keys(files).sort()).toEqual(['README.md', 'model.py', 'weights.npz']);
    expect(strFromU8(files['model.py']!)).toContain('self.conv1 = nn.Conv2d(1, 75, (3, 3)');

    // Without its Flatten the Dense layers hang loose: every format refuses, naming each error, and nothing is downloaded.
    await page.goto('/new?template=dense-baseline');
    const editor = new EditorPage(page);
    await editor.select('flatten');
    await page.keyboard.press('Delete');
    let downloaded = false;
    page.on('download', () => (downloaded = true));
    await menu.click();
    await page.getByRole('button', { name: 'ONNX (.onnx)' }).click();
    const refusal = page.locator('.model-downloads').getByRole('alert');
    await expect(refusal).toContainText('No ONNX download: the architecture has 3 errors: fix them in the editor first.');
    await expect(refusal).toContainText('dense1: Dense has no input');
    await expect(page.getByRole('button', { name: 'ONNX (.onnx)' })).toHaveAccessibleDescription(/No ONNX download/);
    await page.getByRole('button', { name: 'TensorFlow.js (.zip)' }).click();
    await expect(refusal).toContainText('No TensorFlow.js download: the architecture has');
    await expect(refusal).toContainText('dense1: Dense has no input');
    await page.getByRole('button', { name: 'PyTorch (.zip)' }).click();
    await expect(refusal).toContainText('No PyTorch download: the architecture has 3 errors');
    await expectNoSeriousViolations(page, 'editor: download refused');
    await refusal.getByRole('button', { name: 'Dismiss the message' }).click();
    await expect(refusal).toHaveCount(0);
    expect(downloaded).toBe(false);
  });

  test('a run with saved weights downloads them as ONNX and PyTorch from the Runs list, in Chinese too', async ({ page }) => {
    const doc = { ...templateDocument('dense-baseline'), name: 'Exported net' };
    await page.goto('/new?template=blank');
    const train = new TrainPage(page);
    const id = await train.createArchitecture(doc);
    const run = await page.request.post(`/api/architectures/${id}/runs`, {
      data: {
        document: doc,
        dataset: { name: 'MNIST', hash: 'abc123', shape: [28, 28, 1], classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], trainCount: 8000, testCount: 2000 },
        hyperparameters: { optimizer: 'adam', learningRate: 0.001, batchSize: 32, epochs: 1, validationSplit: 0.1, shuffle: true, seed: 42 },
        backend: 'cpu',
      },
    });
    expect(run.status()).toBe(201);
    const runId = ((await run.json()) as { id: string }).id;
    const epoch = await page.request.post(`/api/runs/${runId}/epochs`, { data: { epoch: 0, loss: 0.5, accuracy: 0.8, valLoss: 0.6, valAccuracy: 0.78, durationMs: 1000, samplesPerSec: 250 } });
    expect(epoch.status()).toBe(201);
    // Weights as the trainer saves them, from a seeded model: the ONNX file must carry exactly these.
    await tf.setBackend('cpu');
    const compiled = compileGraph(doc, { seed: 5 });
    if (!compiled.ok) throw new Error('does not compile');
    const payload = await exportWeights(compiled.model);
    const kernel = compiled.model.getLayer('dense1').getWeights()[0]!.dataSync();
    compiled.model.dispose();
    const put = await page.request.put(`/api/runs/${runId}/weights`, { headers: { 'content-type': 'application/octet-stream' }, data: Buffer.from(encodeWeights(payload.weightSpecs as never, payload.weightData)) });
    expect(put.status()).toBe(204);

    await train.openRuns(id);
    const row = page.locator('table.train-runs-table tbody tr');
    await expect(row).toHaveCount(1);
    await row.getByRole('button', { name: /^Download model of / }).click();
    const [onnxDownload] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'ONNX (.onnx)' }).click()]);
    expect(onnxDownload.suggestedFilename()).toBe('Exported_net.onnx');
    const model = proto.ModelProto.decode(await bytesOf(onnxDownload));
    const saved = model.graph!.initializer!.find((t) => t.name === 'dense1/kernel')!;
    const values = new Float32Array(saved.rawData!.slice().buffer);
    expect(Array.from(values.slice(0, 8))).toEqual(Array.from(kernel.slice(0, 8)));

    await row.getByRole('button', { name: /^Download model of / }).click();
    const [zipDownload] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'PyTorch (.zip)' }).click()]);
    expect(zipDownload.suggestedFilename()).toBe('Exported_net_pytorch.zip');
    await row.getByRole('button', { name: /^Download model of / }).click();
    const [tfjsDownload] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'TensorFlow.js (.zip)' }).click()]);
    expect(tfjsDownload.suggestedFilename()).toBe('Exported_net.zip');

    // The same menu in Chinese, accessible there too.
    await useLanguage(page.context(), page.url(), 'zh-CN');
    await page.goto(`/a/${id}`);
    await page.getByRole('tab', { name: messagesFor('zh-CN').editor.tabs.runs }).click();
    await page.getByRole('button', { name: /^下载 .* 的模型$/ }).click();
    for (const name of ['TensorFlow.js（.zip）', 'ONNX（.onnx）', 'PyTorch（.zip）']) await expect(page.getByRole('button', { name })).toBeVisible();
    await expectNoSeriousViolations(page, 'runs (zh-CN): download menu open');
  });
});
