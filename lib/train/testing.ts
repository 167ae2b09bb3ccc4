// Shared by the unit tests of lib/train: a tiny learnable dataset and model.
import type { ArchitectureDocument, LayerNode } from '../schema';
import type { ImageSource } from './worker/batches';

/** `count` 8×8 grey images of `classes` classes: class k lights up row band k, plus noise. */
export function stripesDataset(count: number, classes = 4, seed = 1): ImageSource {
  const h = 8;
  const w = 8;
  const images = new Uint8Array(count * h * w);
  const labels = new Uint16Array(count);
  let s = seed;
  const noise = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % 60;
  };
  const band = Math.floor(h / classes);
  for (let i = 0; i < count; i++) {
    const label = i % classes;
    labels[i] = label;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const lit = y >= label * band && y < (label + 1) * band;
        images[i * h * w + y * w + x] = (lit ? 180 : 0) + noise();
      }
    }
  }
  return { images, labels, count, shape: [h, w, 1] };
}

export function tinyCnn(classes = 4, shape: [number, number, number] = [8, 8, 1]): ArchitectureDocument {
  const nodes: LayerNode[] = [
    { id: 'input', type: 'Input', params: { shape }, position: { x: 0, y: 0 } },
    { id: 'conv', type: 'Conv2D', params: { filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', useBias: true }, position: { x: 0, y: 100 } },
    { id: 'bn', type: 'BatchNormalization', params: { momentum: 0.9, epsilon: 0.001 }, position: { x: 0, y: 150 } },
    { id: 'drop', type: 'Dropout', params: { rate: 0.1 }, position: { x: 0, y: 175 } },
    { id: 'flat', type: 'Flatten', params: {}, position: { x: 0, y: 200 } },
    { id: 'out', type: 'Dense', params: { units: classes, activation: 'softmax', useBias: true }, position: { x: 0, y: 300 } },
  ];
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]!.id, target: n.id, targetHandle: 'in0' }));
  return { version: 1, name: 'tiny', nodes, edges };
}
