import { defineKerasImport } from '../shared/keras-import';

/** tfjs-layers writes the inferred dimension of target_shape as null (Keras as -1): ours is -1. */
const inferredAsMinusOne = (value: unknown) => (Array.isArray(value) ? value.map((d) => (d === null ? -1 : d)) : value);

export const kerasImport = defineKerasImport({
  values: { target_shape: inferredAsMinusOne },
});
