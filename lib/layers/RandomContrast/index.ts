import { z } from 'zod';
import { defineLayer, noParams } from '../shared/define';
import { factorParam, pyFactor, sameImageShape, type Factor, factorBadge } from '../shared/augment';
import { lessonLink } from '../shared/lessons';

// Keras: a number f draws the contrast from [1 - f, 1 + f]; a pair [lower, upper] from [1 - lower, 1 + upper].
export const RandomContrastParams = z.strictObject({ factor: factorParam(1, 0, false) });
export type RandomContrastParams = z.infer<typeof RandomContrastParams>;

/** The range the contrast multiplier is drawn from. */
export function contrastRange(factor: Factor): [number, number] {
  return typeof factor === 'number' ? [1 - factor, 1 + factor] : [1 - factor[0], 1 + factor[1]];
}

export const RandomContrast = defineLayer({
  type: 'RandomContrast',
  category: 'augmentation',
  paletteRank: 50,
  idPrefix: 'contrast',
  params: RandomContrastParams,
  initialParams: { factor: 0.2 },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => sameImageShape('RandomContrast', inputs),
  paramCount: () => noParams,
  summary: (p) => {
    const [lower, upper] = contrastRange(p.factor);
    return `×${Math.round(lower * 100) / 100}…${Math.round(upper * 100) / 100}`;
  },
  spoken: (p) => ({ factor: factorBadge(p.factor) }),
  fields: [{ key: 'factor', kind: 'pair' }],
  lessons: (p) => [lessonLink('augmentation', { layer: 'RandomContrast', factor: String(typeof p.factor === 'number' ? p.factor : p.factor[1]) })],
  keras: (p, name) => `layers.RandomContrast(${pyFactor(p.factor)}, name=${name})`,
  trainingOnly: true,
});
