import { defineKerasImport, onlyValue } from '../shared/keras-import';

// Our contrast clips to Keras's default value range [0, 255] (Keras 3 writes it; Keras 2 always clips so).
export const kerasImport = defineKerasImport({
  values: { factor: (v) => v },
  settings: { value_range: onlyValue([[0, 255]], 'notModelled') },
});
