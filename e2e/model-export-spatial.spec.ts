import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Download } from '@playwright/test';
import { unzipSync, strFromU8 } from 'fflate';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-web';

const proto = onnxProto.onnx;

async function bytesOf(download: Download): Promise<Uint8Array> {
  return new Uint8Array(readFileSync((await download.path())!));
}

test('the MobileNet-style template downloads as ONNX (grouped convolutions that run in onnxruntime) and as a PyTorch project', async ({ page }) => {
  await page.goto('/new?template=mobilenet-mini');
  const menu = page.getByRole('toolbar', { name: 'Editor tools' }).getByRole('button', { name: 'Download model' });
  await menu.click();
  const [onnxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'ONNX (.onnx)' }).click()]);
  expect(onnxDownload.suggestedFilename()).toMatch(/\.onnx$/);
  const bytes = await bytesOf(onnxDownload);
  const graph = proto.ModelProto.decode(bytes).graph!;
  // Each DepthwiseConv2D is one Conv grouped by its 16 input channels.
  const dw1 = graph.node!.find((n) => n.name === 'dw1')!;
  expect(dw1.opType).toBe('Conv');
  expect(Number(dw1.attribute!.find((a) => a.name === 'group')!.i)).toBe(16);

  // The file runs: two images in, two rows of class probabilities out.
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmPaths = `${path.join(process.cwd(), 'node_modules', 'onnxruntime-web', 'dist')}/`;
  const session = await ort.InferenceSession.create(bytes);
  const images = Float32Array.from({ length: 2 * 28 * 28 }, (_, i) => (i % 255) / 255);
  const result = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', images, [2, 1, 28, 28]) });
  const output = result[session.outputNames[0]!]!;
  expect([...output.dims]).toEqual([2, 10]);
  const values = output.data as Float32Array;
  for (const row of [0, 1]) expect(values.slice(row * 10, row * 10 + 10).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  await session.release();

  await menu.click();
  const [zipDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PyTorch (.zip)' }).click()]);
  const files = unzipSync(await bytesOf(zipDownload));
  expect(Object.keys(files).sort()).toEqual(['README.md', 'model.py', 'weights.npz']);
  expect(strFromU8(files['model.py']!)).toContain('self.dw1 = nn.Conv2d(16, 16, (3, 3), stride=(1, 1), groups=16, bias=False)');
  await expect(page.locator('.model-downloads').getByRole('alert')).toHaveCount(0);
});
