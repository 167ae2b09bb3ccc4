// The tfjs side of a layer type (beside its pure index.ts): how it builds.
import * as tf from '@tensorflow/tfjs';
import { activations, type ActivationName } from './params';

type Initializer = ReturnType<typeof tf.initializers.glorotUniform>;

export interface TfjsBuildContext {
  /** The tfjs layer name (derived from the node id), so weights and errors map back to the node. */
  name: string;
  /**
   * A seeded Glorot-uniform initializer for one weight slot ('kernel',
   * 'depthwise', 'pointwise', …), or undefined for tfjs's random default.
   * The same run seed, node id and slot give the same weights.
   */
  initializer(slot?: string): Initializer | undefined;
  /** A seed for layers that draw at random while training (augmentation); null leaves them unseeded. */
  seed: number | null;
}

export type TfjsBuild<P> = (params: P, context: TfjsBuildContext) => tf.layers.Layer;

export function defineTfjs<P>(build: TfjsBuild<P>): TfjsBuild<P> {
  return build;
}

type TfActivation = NonNullable<Parameters<typeof tf.layers.activation>[0]>['activation'];

/** The schema already checked the name; this only narrows its type (every name we allow exists in tfjs). */
export function tfActivation(name: string): TfActivation {
  if (!(activations as readonly string[]).includes(name)) throw new Error(`unknown activation ${JSON.stringify(name)}`);
  return name as ActivationName as TfActivation;
}

/** `{ kernelInitializer }` when seeded, else nothing (tfjs's default). */
export function seededKernel(context: TfjsBuildContext): { kernelInitializer?: Initializer } {
  const kernelInitializer = context.initializer('kernel');
  return kernelInitializer ? { kernelInitializer } : {};
}
