import { readFileSync } from 'node:fs';
import { expect, test, type Download, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import onnxProto from 'onnx-proto';
import type { ArchitectureDocument, LayerNode } from '../lib/schema';
import { EditorPage } from './pages/editor';

// The editor's ONNX and PyTorch downloads take the augmentation template
// (its augmentation layers left out) and a design with LayerNormalization,
// ReLU, LeakyReLU, Softmax, the element-wise merges and Rescaling, which
// they used to refuse by name.

const proto = onnxProto.onnx;

async function bytesOf(download: Download): Promise<Uint8Array> {
  return new Uint8Array(readFileSync((await download.path())!));
}

/** Clicks a download button; a refusal fails at once, with its text (the layers it names). */
async function download(page: Page, button: 'ONNX (.onnx)' | 'PyTorch (.zip)'): Promise<Uint8Array> {
  const refusal = page.locator('.model-downloads').getByRole('alert');
  const downloaded = page.waitForEvent('download');
  await page.getByRole('toolbar', { name: 'Editor tools' }).getByRole('button', { name: 'Download model' }).click();
  await page.getByRole('button', { name: button }).click();
  const first = await Promise.race([downloaded, refusal.waitFor().then(() => null, () => null)]);
  if (!first) throw new Error(`${button} was refused: ${await refusal.textContent()}`);
  return bytesOf(first);
}

async function downloads(page: Page) {
  const model = proto.ModelProto.decode(await download(page, 'ONNX (.onnx)'));
  const files = unzipSync(await download(page, 'PyTorch (.zip)'));
  await expect(page.locator('.model-downloads').getByRole('alert')).toHaveCount(0);
  return { model, modelPy: strFromU8(files['model.py']!) };
}

const layers: [string, string, unknown, string[]][] = [
  ['rescale', 'Rescaling', { scale: 2, offset: -1 }, ['input']],
  ['flip', 'RandomFlip', { mode: 'horizontal' }, ['rescale']],
  ['conv_a', 'Conv2D', { filters: 4, kernelSize: 3, strides: 1, padding: 'same', activation: 'linear', useBias: true }, ['flip']],
  ['conv_b', 'Conv2D', { filters: 4, kernelSize: 3, strides: 1, padding: 'same', activation: 'linear', useBias: true }, ['flip']],
  ['product', 'Multiply', {}, ['conv_a', 'conv_b']],
  ['mean', 'Average', {}, ['conv_a', 'product']],
  ['biggest', 'Maximum', {}, ['mean', 'conv_b']],
  ['norm', 'LayerNormalization', { axis: -1, epsilon: 0.001 }, ['biggest']],
  ['leaky', 'LeakyReLU', { alpha: 0.2 }, ['norm']],
  ['relu6', 'ReLU', { maxValue: 6 }, ['leaky']],
  ['flatten', 'Flatten', {}, ['relu6']],
  ['logits', 'Dense', { units: 3, activation: 'linear', useBias: true }, ['flatten']],
  ['probabilities', 'Softmax', { axis: -1 }, ['logits']],
];

const design: ArchitectureDocument = {
  version: 1,
  name: 'New layers out',
  nodes: [
    { id: 'input', type: 'Input', params: { shape: [8, 8, 3] }, position: { x: 0, y: 0 } },
    ...layers.map(([id, type, params], i) => ({ id, type, params, position: { x: (i % 2) * 200, y: (i + 1) * 100 } }) as LayerNode),
  ],
  edges: layers.flatMap(([id, , , sources]) => sources.map((source, k) => ({ id: `${source}-${id}`, source, target: id, targetHandle: `in${k}` }))),
};

test.describe('ONNX and PyTorch downloads of the newer layer types', () => {
  test('the augmentation template downloads as both, with its augmentation layers left out', async ({ page }) => {
    await page.goto('/new?template=course-cnn-augmented');
    await expect(new EditorPage(page).node('rotate')).toBeVisible();
    const { model, modelPy } = await downloads(page);
    const names = model.graph!.node!.map((n) => n.name);
    for (const left of ['rotate', 'zoom', 'translate']) expect(names).not.toContain(left);
    // conv1 reads the images straight from the input.
    expect(model.graph!.node!.find((n) => n.name === 'conv1')!.input![0]).toBe('input');
    expect(modelPy).toContain('conv1 = torch.relu(self.conv1(_pad(input_, (1, 1, 1, 1))))');
    expect(modelPy).not.toContain('rotate');
  });

  test('a design with LayerNormalization, ReLU, LeakyReLU, Softmax, the merges and Rescaling downloads as both', async ({ page }) => {
    await page.goto('/new?template=blank');
    await expect(new EditorPage(page).node('input')).toBeVisible();
    await page.getByTestId('import-file').setInputFiles({ name: 'design.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(design)) });
    await expect(page.getByRole('status').filter({ hasText: 'Imported “New layers out”' })).toBeVisible();
    const { model, modelPy } = await downloads(page);
    expect(Number(model.opsetImport[0]!.version)).toBe(13);
    const names = model.graph!.node!.map((n) => n.name);
    for (const [id, type] of layers) {
      if (type === 'RandomFlip') expect(names).not.toContain(id);
      else expect(names).toContain(id);
    }
    expect(model.graph!.output![0]!.name).toBe('probabilities');
    for (const line of ['rescale = input_ * 2 - 1', 'self.norm = nn.LayerNorm(4, eps=0.001)', 'F.leaky_relu(', 'torch.clamp(', 'torch.maximum(', 'torch.softmax(']) expect(modelPy).toContain(line);
  });
});
