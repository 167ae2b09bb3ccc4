import { z } from 'zod';
import { defineLayer, noParams } from '../shared/define';
import { sameImageShape } from '../shared/augment';
import { lessonLink } from '../shared/lessons';
import { oneOf } from '../shared/params';
import { pythonString } from '../shared/python';

export const flipModes = ['horizontal_and_vertical', 'horizontal', 'vertical'] as const;

export const RandomFlipParams = z.strictObject({ mode: oneOf(flipModes).default('horizontal_and_vertical') });
export type RandomFlipParams = z.infer<typeof RandomFlipParams>;

export const RandomFlip = defineLayer({
  type: 'RandomFlip',
  category: 'augmentation',
  paletteRank: 10,
  idPrefix: 'flip',
  params: RandomFlipParams,
  initialParams: { mode: 'horizontal' },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => sameImageShape('RandomFlip', inputs),
  paramCount: () => noParams,
  summary: (p) => p.mode.replaceAll('_', ' '),
  spoken: (p) => ({ mode: p.mode }),
  fields: [{ key: 'mode', kind: 'select', options: flipModes }],
  lessons: (p) => [lessonLink('augmentation', { layer: 'RandomFlip', mode: p.mode })],
  keras: (p, name) => `layers.RandomFlip(${pythonString(p.mode)}, name=${name})`,
  trainingOnly: true,
});
