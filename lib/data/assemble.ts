// Turns parsed files (pixels + label values as written in the files) into a
// dataset's splits: label values -> class indices, the checks that need all
// rows at once, and a held-out split when no test file was given.
import { seededRandom } from '../random';
import { mapLabels } from './classes';
import { dataError, formatShape } from './errors';
import type { RawSplit } from './raw';
import type { DataError, ImageSplit, ParseResult } from './types';

export interface AssembledDataset {
  shape: [number, number, number];
  classNames: string[];
  train: ImageSplit;
  test: ImageSplit | null;
}

export const defaultValidationFraction = 0.2;

/** Problems after which the user has enough to fix. */
const maxProblems = 10;

export function assemble(train: RawSplit, test: RawSplit | null, validationFraction = defaultValidationFraction): ParseResult<AssembledDataset> {
  const errors: DataError[] = [];
  const { classNames, indexOf } = mapLabels(train.labels);
  if (classNames.length < 2) return { ok: false, errors: [dataError(train.file, 'tooFewClasses', { count: classNames.length })] };
  const counts = new Map<string, number[]>();
  train.labels.forEach((label, i) => {
    const list = counts.get(label) ?? [];
    if (list.length < 2) list.push(i);
    counts.set(label, list);
  });
  for (const name of classNames) {
    const seen = counts.get(name) ?? [];
    if (seen.length === 1) errors.push(dataError(train.file, 'classOneImage', { name }, train.locate(seen[0] ?? 0)));
  }
  if (test) {
    const [h, w, c] = train.shape;
    const [th, tw, tc] = test.shape;
    if (h !== th || w !== tw || c !== tc) {
      errors.push(dataError(test.file, 'shapeDiffers', { testShape: formatShape(test.shape), trainShape: formatShape(train.shape) }));
    }
    for (let i = 0; i < test.count && errors.length < maxProblems; i++) {
      const label = test.labels[i] ?? '';
      if (!indexOf.has(label)) errors.push(dataError(test.file, 'classNoTrainImages', { name: label }, test.locate(i)));
    }
  }
  if (errors.length > maxProblems) return { ok: false, errors: [...errors.slice(0, maxProblems), dataError(train.file, 'tooManyProblems', { count: maxProblems })] };
  if (errors.length) return { ok: false, errors };

  const toIndices = (labels: string[]) => Uint16Array.from(labels, (l) => indexOf.get(l) ?? 0);
  const trainSplit: ImageSplit = { images: train.images, labels: toIndices(train.labels), count: train.count };
  if (test) {
    return { ok: true, value: { shape: train.shape, classNames, train: trainSplit, test: { images: test.images, labels: toIndices(test.labels), count: test.count } } };
  }
  if (validationFraction <= 0) return { ok: true, value: { shape: train.shape, classNames, train: trainSplit, test: null } };
  const [kept, held] = stratifiedSplit(trainSplit, classNames.length, train.shape, validationFraction);
  return { ok: true, value: { shape: train.shape, classNames, train: kept, test: held } };
}

/**
 * Holds out `fraction` of each class (at least one image stays in training),
 * picked by a fixed-seed shuffle so the same file always gives the same split
 * and hence the same content hash.
 */
export function stratifiedSplit(split: ImageSplit, classCount: number, [h, w, c]: readonly [number, number, number], fraction: number): [ImageSplit, ImageSplit] {
  const size = h * w * c;
  const byClass: number[][] = Array.from({ length: classCount }, () => []);
  split.labels.forEach((label, i) => byClass[label]?.push(i));
  const random = seededRandom(0x5eed);
  const heldOut = new Uint8Array(split.count);
  for (const members of byClass) {
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j] as number, members[i] as number];
    }
    const take = Math.min(members.length - 1, Math.round(members.length * fraction));
    for (const index of members.slice(0, take)) heldOut[index] = 1;
  }
  const pick = (wanted: 0 | 1): ImageSplit => {
    const indices: number[] = [];
    heldOut.forEach((flag, i) => flag === wanted && indices.push(i));
    const images = new Uint8Array(indices.length * size);
    indices.forEach((from, to) => images.set(split.images.subarray(from * size, (from + 1) * size), to * size));
    return { images, labels: Uint16Array.from(indices, (i) => split.labels[i] ?? 0), count: indices.length };
  };
  return [pick(0), pick(1)];
}
