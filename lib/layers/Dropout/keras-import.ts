import { defineKerasImport, onlyValue } from '../shared/keras-import';

export const kerasImport = defineKerasImport({
  settings: {
    noise_shape: onlyValue([null], 'noiseShape'),
    // The draws' seed does not change the architecture.
    seed: () => null,
  },
});
