import { z } from 'zod';
import { defineLayer, noParams } from '../shared/define';
import { factorBadge, factorParam, pyFactor, sameImageShape } from '../shared/augment';
import { lessonLink } from '../shared/lessons';

export const RandomRotationParams = z.strictObject({ factor: factorParam() });
export type RandomRotationParams = z.infer<typeof RandomRotationParams>;

/** The largest angle in degrees a factor allows (a factor is a fraction of a full turn). */
export const rotationDegrees = (factor: number) => Math.round(factor * 360 * 10) / 10;

export const RandomRotation = defineLayer({
  type: 'RandomRotation',
  category: 'augmentation',
  paletteRank: 30,
  idPrefix: 'rotate',
  params: RandomRotationParams,
  initialParams: { factor: 0.03 },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => sameImageShape('RandomRotation', inputs),
  paramCount: () => noParams,
  summary: (p) => (typeof p.factor === 'number' ? `±${rotationDegrees(p.factor)}°` : `${rotationDegrees(p.factor[0])}°…${rotationDegrees(p.factor[1])}°`) + ` (${factorBadge(p.factor)})`,
  spoken: (p) => ({ factor: factorBadge(p.factor) }),
  fields: [{ key: 'factor', kind: 'pair' }],
  lessons: (p) => [lessonLink('augmentation', { layer: 'RandomRotation', factor: String(typeof p.factor === 'number' ? p.factor : p.factor[1]) })],
  keras: (p, name) => `layers.RandomRotation(${pyFactor(p.factor)}, name=${name})`,
  trainingOnly: true,
});
