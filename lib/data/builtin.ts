// The datasets that ship with the app. Their files are IDX .gz under
// public/datasets/<id>/ (Fashion-MNIST committed as published; MNIST written
// by scripts/setup/20-datasets.mjs). Sizes and hashes are known ahead so the
// picker can show them without downloading anything; builtin.test.ts checks them.
import type { DatasetSummary } from './types';

export interface BuiltinDataset {
  summary: DatasetSummary;
  /** URL folder holding train-/t10k- images/labels IDX .gz files */
  folder: string;
  /** Compressed sizes, for a download progress bar when the server sends no Content-Length. */
  approxBytes: number;
}

export const builtinFiles = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
} as const;

export const builtinDatasets: readonly BuiltinDataset[] = [
  {
    folder: '/datasets/fashion-mnist/',
    approxBytes: 30_878_551,
    summary: {
      id: 'fashion-mnist',
      name: 'Fashion-MNIST',
      source: 'builtin',
      shape: [28, 28, 1],
      classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
      trainCount: 60_000,
      testCount: 10_000,
      hash: '2fa355e48fec04239f2b20d07a65f7f55447a5a3c4d914edbf284c5c948d3404',
    },
  },
  {
    folder: '/datasets/mnist/',
    approxBytes: 1_615_260,
    summary: {
      id: 'mnist',
      name: 'MNIST digits',
      source: 'builtin',
      shape: [28, 28, 1],
      classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
      trainCount: 8_000,
      testCount: 2_000,
      hash: '29cdc1f5c058e4cff313d874ca0c0dda6a2069cf2bc80ab1cd9cbaf63b280ed9',
    },
  },
];

export function findBuiltin(id: string): BuiltinDataset | undefined {
  return builtinDatasets.find((d) => d.summary.id === id);
}
