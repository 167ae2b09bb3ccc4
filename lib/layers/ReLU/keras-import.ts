import { defineKerasImport, onlyValue } from '../shared/keras-import';

// tfjs-layers' ReLU has only max_value: a slope below the threshold, or a threshold, would change the numbers.
export const kerasImport = defineKerasImport({
  settings: {
    negative_slope: onlyValue([0], 'notModelled'),
    threshold: onlyValue([0], 'notModelled'),
  },
});
