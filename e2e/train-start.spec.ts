import { expect, test } from '@playwright/test';
import { TrainPage } from './pages/train';

// Two 3×3 convolutions with pooling: quick on WebAssembly, so each start trains at once.
const smallCnn = {
  version: 1,
  name: 'Start and stop',
  nodes: [
    { id: 'input', type: 'Input', params: { shape: [28, 28, 1] }, position: { x: 0, y: 0 } },
    { id: 'conv1', type: 'Conv2D', params: { filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }, position: { x: 0, y: 100 } },
    { id: 'pool1', type: 'MaxPooling2D', params: { poolSize: 2 }, position: { x: 0, y: 200 } },
    { id: 'conv2', type: 'Conv2D', params: { filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }, position: { x: 0, y: 300 } },
    { id: 'pool2', type: 'MaxPooling2D', params: { poolSize: 2 }, position: { x: 0, y: 400 } },
    { id: 'flatten', type: 'Flatten', params: {}, position: { x: 0, y: 500 } },
    { id: 'output', type: 'Dense', params: { units: 10, activation: 'softmax' }, position: { x: 0, y: 600 } },
  ],
  edges: ['conv1', 'pool1', 'conv2', 'pool2', 'flatten', 'output'].map((target, i, all) => ({
    id: `e${i}`,
    source: i === 0 ? 'input' : all[i - 1]!,
    target,
    targetHandle: 'in0',
  })),
};

test('Stop while the backends are measured (or the dataset loads), then Start: WebAssembly trains on every core', async ({ page }) => {
  test.setTimeout(300_000);
  const train = new TrainPage(page);
  const id = await train.createArchitecture(smallCnn);
  await train.open(id);
  const cores = await page.evaluate(() => Math.min(navigator.hardwareConcurrency, 8));

  // Stop at different moments of the start: WASM and its threads start while the dataset loads
  // and the backends are screened and measured.
  const starting = /Loading the dataset|Measuring|Starting the backend/;
  let stoppedWhileStarting = 0;
  for (const delayMs of [0, 200, 500, 900]) {
    // No kept figures: every round measures afresh.
    await page.evaluate(() => localStorage.clear());
    await train.open(id);
    await train.configure({ backend: 'auto', trainLimit: 2048, epochs: 1, batchSize: 32, validationSplit: 0.1 });
    await train.startButton.click();
    await expect(train.backendStatus).toContainText(starting, { timeout: 60_000 });
    await page.waitForTimeout(delayMs);
    if (!starting.test((await train.backendStatus.textContent()) ?? '')) continue; // started already: try the next moment
    await train.stopButton.click();
    await expect(train.startButton).toBeEnabled();
    stoppedWhileStarting++;

    await train.startButton.click();
    await expect(train.backendStatus).toContainText('Backend: wasm', { timeout: 60_000 });
    await expect(train.backendStatus).toContainText(cores === 1 ? '1 thread' : `${cores} threads`);
    await expect.poll(() => train.progress(), { timeout: 60_000 }).toBeGreaterThan(0);
    await train.stopButton.click();
    await expect(train.backendStatus).toContainText(/Stopped|Finished/, { timeout: 60_000 });
  }
  expect(stoppedWhileStarting).toBeGreaterThan(0);
});
