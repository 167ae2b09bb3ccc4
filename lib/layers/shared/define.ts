import type { z } from 'zod';
import type { ShapeResult } from '../../graph/issues';
import type { Padding, Pair, Shape } from '../../graph/shape';
import type { LessonId } from '../../learn/lessons';
import type { ParamField } from './fields';

/** The palette's groups, in the order the palette shows them. */
export const layerCategories = [
  'input',
  'augmentation',
  'convolution',
  'pooling',
  'normalization',
  'activation',
  'regularization',
  'reshaping',
  'core',
  'merge',
] as const;
export type LayerCategory = (typeof layerCategories)[number];

export interface ParamCount {
  trainable: number;
  nonTrainable: number;
}

/**
 * The sliding-window geometry of a convolution or pooling layer, for the
 * inspector's size arithmetic and the lessons: `transposed` grows the image
 * (`(n - 1)·s + k - 2p`) instead of shrinking it.
 */
export interface SlidingWindow {
  window: Pair;
  strides: Pair;
  padding: Padding;
  transposed?: boolean;
}

/** A link from a layer to the lesson that explains it, carrying the layer's own settings. */
export interface LessonLink {
  lesson: LessonId;
  href: string;
}

/**
 * Everything CNN Studio knows about one layer type, in one place (the pure
 * part; how it builds in tfjs sits beside it in `tfjs.ts`). Shape inference
 * never touches tfjs; lib/compile is tested to agree with it.
 */
export interface LayerDef<T extends string, P> {
  type: T;
  category: LayerCategory;
  /** Where the palette lists it inside its group: lower first (default 100). */
  paletteRank?: number;
  /** New node ids: `conv` gives conv1, conv2, … */
  idPrefix: string;
  /** Validates params; omitted params take Keras's defaults. */
  params: z.ZodType<P>;
  /** The params a node gets when it is dropped on the canvas. */
  initialParams: P;
  /** How many inputs it takes: Input 0, most layers exactly 1, merges 2 or more. */
  inputs: { min: number; max: number };
  outputShape(inputs: readonly Shape[], params: P): ShapeResult;
  paramCount(inputs: readonly Shape[], params: P): ParamCount;
  /** Key params in short form for the node badge, e.g. `75 · 3×3 · s1 · same · relu`. */
  summary(params: P): string;
  /**
   * The values its screen-reader label (editor.node.settings.<Type> in the
   * message files) reads, e.g. `{ filters: 75, kernel: '3×3', … }`.
   */
  spoken(params: P, inputCount: number): Record<string, string | number>;
  /** How the inspector edits each param (labels and help are in the message files). */
  fields: readonly ParamField[];
  /** The sliding window, for layers that have one. */
  window?(params: P): SlidingWindow;
  /** The lessons that explain it, most relevant first. */
  lessons?(params: P): LessonLink[];
  /** The Keras layer constructor as Python, e.g. `layers.Dense(10, …, name='dense1')`; `name` is already a Python string literal. */
  keras(params: P, name: string): string;
  /** Active only while training (Dropout, augmentation): identity at inference and evaluation. */
  trainingOnly?: boolean;
  /** Its output is an image worth showing channel by channel in Learn's "What the network perceives" (convolutions, pooling, upsampling). */
  featureMaps?: boolean;
}

/** P comes from the params schema alone, so initialParams is checked against it rather than widening it. */
export function defineLayer<T extends string, S extends z.ZodType>(def: LayerDef<T, z.output<S>> & { params: S }): LayerDef<T, z.output<S>> {
  return def;
}

export const noParams: ParamCount = { trainable: 0, nonTrainable: 0 };
