import { z } from 'zod';
import { defineLayer, noParams } from '../shared/define';
import { factorBadge, factorParam, pyFactor, sameImageShape } from '../shared/augment';
import { lessonLink } from '../shared/lessons';

export const RandomZoomParams = z.strictObject({
  heightFactor: factorParam(),
  /** Absent: the width zooms as the height does (Keras's width_factor=None keeps the aspect ratio). */
  widthFactor: factorParam().optional(),
});
export type RandomZoomParams = z.infer<typeof RandomZoomParams>;

export const RandomZoom = defineLayer({
  type: 'RandomZoom',
  category: 'augmentation',
  paletteRank: 40,
  idPrefix: 'zoom',
  params: RandomZoomParams,
  initialParams: { heightFactor: 0.1 },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => sameImageShape('RandomZoom', inputs),
  paramCount: () => noParams,
  summary: (p) => (p.widthFactor === undefined ? factorBadge(p.heightFactor) : `↕ ${factorBadge(p.heightFactor)} · ↔ ${factorBadge(p.widthFactor)}`),
  spoken: (p) => ({ height: factorBadge(p.heightFactor), width: factorBadge(p.widthFactor ?? p.heightFactor) }),
  fields: [
    { key: 'heightFactor', kind: 'pair' },
    { key: 'widthFactor', kind: 'pair', optional: true },
  ],
  lessons: (p) => [lessonLink('augmentation', { layer: 'RandomZoom', factor: String(typeof p.heightFactor === 'number' ? p.heightFactor : p.heightFactor[1]) })],
  keras: (p, name) =>
    `layers.RandomZoom(${pyFactor(p.heightFactor)}, ${p.widthFactor === undefined ? 'None' : pyFactor(p.widthFactor)}, name=${name})`,
  trainingOnly: true,
});
