// A few images of a dataset, ready both to draw (grayscale) and to feed a
// model (all channels, 0–1, the way the trainer scales them).
import { sampleImage, type GrayImage } from '@/lib/learn/image';

export interface DatasetSample {
  image: GrayImage;
  /** [h, w, c] floats in 0–1 */
  pixels: Float32Array;
  className: string;
}

export async function loadDatasetSamples(id: string, count: number, onProgress?: (f: number) => void): Promise<{ samples: DatasetSample[]; shape: [number, number, number] }> {
  // lib/data touches IndexedDB and workers: load it only in the browser.
  const { loadDataset } = await import('@/lib/data');
  const dataset = await loadDataset(id, onProgress);
  const split = dataset.test ?? dataset.train;
  const size = dataset.shape[0] * dataset.shape[1] * dataset.shape[2];
  const samples = Array.from({ length: Math.min(count, split.count) }, (_, i) => {
    const bytes = split.images.subarray(i * size, (i + 1) * size);
    return {
      image: sampleImage(split.images, dataset.shape, i),
      pixels: Float32Array.from(bytes, (b) => b / 255),
      className: dataset.classNames[split.labels[i] ?? 0] ?? '',
    };
  });
  return { samples, shape: dataset.shape };
}

/** The dataset a run trained on (same content hash), else a stored one with the same image shape. */
export async function findDatasetFor(ref: { hash: string; shape: readonly number[] }): Promise<{ id: string; name: string; exact: boolean } | null> {
  const { listDatasets } = await import('@/lib/data');
  const all = await listDatasets();
  const exact = all.find((d) => d.hash === ref.hash);
  if (exact) return { id: exact.id, name: exact.name, exact: true };
  const similar = all.find((d) => d.shape.length === ref.shape.length && d.shape.every((v, i) => v === ref.shape[i]));
  return similar ? { id: similar.id, name: similar.name, exact: false } : null;
}
