import { defineKerasImport, onlyValue } from '../shared/keras-import';

export const kerasImport = defineKerasImport({
  settings: {
    groups: onlyValue([1], 'grouped'),
    // Keras 2's extra rows and columns of the output; tfjs-layers has no such setting.
    output_padding: onlyValue([null], 'notModelled'),
  },
});
