import { z } from 'zod';
import { defineLayer, noParams } from '../shared/define';
import { factorBadge, factorParam, fillModes, pyFactor, sameImageShape } from '../shared/augment';
import { lessonLink } from '../shared/lessons';
import { oneOf } from '../shared/params';
import { pythonString } from '../shared/python';

export const RandomTranslationParams = z.strictObject({
  heightFactor: factorParam(),
  widthFactor: factorParam(),
  fillMode: oneOf(fillModes).default('reflect'),
});
export type RandomTranslationParams = z.infer<typeof RandomTranslationParams>;

export const RandomTranslation = defineLayer({
  type: 'RandomTranslation',
  category: 'augmentation',
  paletteRank: 20,
  idPrefix: 'translate',
  params: RandomTranslationParams,
  initialParams: { heightFactor: 0.1, widthFactor: 0.1, fillMode: 'reflect' },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => sameImageShape('RandomTranslation', inputs),
  paramCount: () => noParams,
  summary: (p) => `↕ ${factorBadge(p.heightFactor)} · ↔ ${factorBadge(p.widthFactor)} · ${p.fillMode}`,
  spoken: (p) => ({ height: factorBadge(p.heightFactor), width: factorBadge(p.widthFactor), fillMode: p.fillMode }),
  fields: [
    { key: 'heightFactor', kind: 'pair' },
    { key: 'widthFactor', kind: 'pair' },
    { key: 'fillMode', kind: 'select', options: fillModes },
  ],
  lessons: (p) => [
    lessonLink('augmentation', { layer: 'RandomTranslation', factor: String(typeof p.heightFactor === 'number' ? p.heightFactor : p.heightFactor[1]) }),
  ],
  keras: (p, name) =>
    `layers.RandomTranslation(${pyFactor(p.heightFactor)}, ${pyFactor(p.widthFactor)}, fill_mode=${pythonString(p.fillMode)}, name=${name})`,
  trainingOnly: true,
});
