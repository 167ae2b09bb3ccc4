// The data augmentation lesson: which layers it shows, the slider each factor
// gets, the params it hands the real layer, and the link parameters it reads
//   /learn/augmentation?layer=RandomRotation&factor=0.1
//   /learn/augmentation?layer=RandomFlip&mode=horizontal
// A bad value is ignored with a notice naming it, as in the other lessons.
import { flipModes } from '../layers/RandomFlip';
import type { QueryNotice, SearchParams } from './query';

export const augmentationLayers = ['RandomRotation', 'RandomZoom', 'RandomTranslation', 'RandomContrast', 'RandomFlip'] as const;
export type AugmentationLayer = (typeof augmentationLayers)[number];
export type FactorLayer = Exclude<AugmentationLayer, 'RandomFlip'>;
export type FlipMode = (typeof flipModes)[number];
export { flipModes };

/** How many draws the lesson shows side by side. */
export const DRAW_COUNT = 6;

/** Each factor's slider: from 0 (no change) up to where the images stop looking like training data. */
export const factorSliders: Record<FactorLayer, { max: number; step: number; initial: number }> = {
  RandomRotation: { max: 0.5, step: 0.01, initial: 0.1 },
  RandomZoom: { max: 0.9, step: 0.05, initial: 0.3 },
  RandomTranslation: { max: 0.5, step: 0.05, initial: 0.2 },
  RandomContrast: { max: 1, step: 0.05, initial: 0.5 },
};

export const isFactorLayer = (layer: AugmentationLayer): layer is FactorLayer => layer !== 'RandomFlip';

/** The params the lesson builds the real layer with (Keras's defaults for the rest). */
export function lessonLayerParams(layer: AugmentationLayer, factor: number, mode: FlipMode): unknown {
  switch (layer) {
    case 'RandomRotation':
    case 'RandomContrast':
      return { factor };
    case 'RandomZoom':
      return { heightFactor: factor };
    case 'RandomTranslation':
      return { heightFactor: factor, widthFactor: factor, fillMode: 'reflect' };
    case 'RandomFlip':
      return { mode };
  }
}

/** The range a factor spans, in the user's terms: ±36° for rotation, ±20% for the others. */
export function factorMeaning(layer: FactorLayer, factor: number): { amount: string } {
  if (layer === 'RandomRotation') return { amount: `±${Math.round(factor * 3600) / 10}°` };
  if (layer === 'RandomContrast') return { amount: `×${round2(1 - factor)}–${round2(1 + factor)}` };
  return { amount: `±${Math.round(factor * 100)}%` };
}

const round2 = (v: number) => String(Math.round(v * 100) / 100);

export interface AugmentationQuery {
  layer: AugmentationLayer;
  /** null: the layer's initial slider value. */
  factor: number | null;
  mode: FlipMode;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function parseAugmentationQuery(params: SearchParams): { query: AugmentationQuery; notices: QueryNotice[] } {
  const notices: QueryNotice[] = [];
  const query: AugmentationQuery = { layer: 'RandomRotation', factor: null, mode: 'horizontal' };
  const layer = first(params.layer);
  if (layer !== undefined) {
    if ((augmentationLayers as readonly string[]).includes(layer)) query.layer = layer as AugmentationLayer;
    else notices.push({ code: 'badChoice', param: 'layer', value: layer, allowed: augmentationLayers.join(', ') });
  }
  const mode = first(params.mode);
  if (mode !== undefined) {
    if ((flipModes as readonly string[]).includes(mode)) query.mode = mode as FlipMode;
    else notices.push({ code: 'badChoice', param: 'mode', value: mode, allowed: flipModes.join(', ') });
  }
  const factor = first(params.factor);
  if (factor !== undefined && isFactorLayer(query.layer)) {
    const max = factorSliders[query.layer].max;
    const value = /^\s*(\d+\.?\d*|\.\d+)\s*$/.test(factor) ? Number(factor) : NaN;
    if (Number.isFinite(value) && value <= max) query.factor = value;
    else notices.push({ code: 'badChoice', param: 'factor', value: factor, allowed: `0 … ${max}` });
  }
  return { query, notices };
}
