import type { z } from 'zod';
import type { ShapeResult } from '../issues';
import type { Shape } from '../shape';

export type LayerCategory = 'input' | 'convolution' | 'pooling' | 'regularization' | 'core' | 'merge';

export interface ParamCount {
  trainable: number;
  nonTrainable: number;
}

/**
 * Everything CNN Studio knows about one layer type, in one place: how its
 * params are validated, what a new node starts with, how many inputs it
 * takes, its output shape and its parameter count. Shape inference never
 * touches tfjs; lib/compile is tested to agree with it.
 */
export interface LayerDef<T extends string, P> {
  type: T;
  category: LayerCategory;
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
}

export function defineLayer<T extends string, P>(def: LayerDef<T, P>): LayerDef<T, P> {
  return def;
}

export const noParams: ParamCount = { trainable: 0, nonTrainable: 0 };
