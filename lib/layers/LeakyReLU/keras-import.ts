import { defineKerasImport } from '../shared/keras-import';

// Keras 3 renamed alpha to negative_slope; Keras 2 and tfjs write alpha.
export const kerasImport = defineKerasImport({
  rename: { negative_slope: 'alpha' },
});
