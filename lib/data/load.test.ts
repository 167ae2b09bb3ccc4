// A built-in dataset as the training worker loads it: fetched (here from
// public/ through a stubbed fetch, streamed in small chunks as a server
// sends them), gunzipped and paired into the published counts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findBuiltin } from './builtin';
import { loadDataset } from './index';

function serveFromPublic(chunkSize: number) {
  vi.stubGlobal('fetch', async (url: string) => {
    const file = path.join(process.cwd(), 'public', url);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(file));
    } catch {
      return new Response(null, { status: 404 });
    }
    let at = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(at, at + chunkSize));
        at += chunkSize;
      },
    });
    return new Response(body, { headers: { 'Content-Length': String(bytes.length) } });
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('loading a built-in dataset', () => {
  it('MNIST digits: every image and label, progress to the end', async () => {
    serveFromPublic(65_536);
    const progress: number[] = [];
    const dataset = await loadDataset('mnist', (f) => progress.push(f));
    const summary = findBuiltin('mnist')!.summary;
    expect(dataset.train.count).toBe(summary.trainCount);
    expect(dataset.test?.count).toBe(summary.testCount);
    expect(dataset.train.images.length).toBe(summary.trainCount * 28 * 28);
    expect(dataset.train.labels.length).toBe(summary.trainCount);
    expect(Math.max(...dataset.train.labels)).toBe(9);
    // The images are not all blank: the bytes were decoded, not zero-filled.
    expect(dataset.train.images.some((v) => v > 200)).toBe(true);
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((f, i) => i === 0 || f >= progress[i - 1]!)).toBe(true);
  });

  it('a missing file names the file and the status', async () => {
    vi.stubGlobal('fetch', async () => new Response(null, { status: 404 }));
    await expect(loadDataset('fashion-mnist')).rejects.toThrow(/fashion-mnist\/.*HTTP 404/);
  });
});
