import { defineKerasImport, onlyValue } from '../shared/keras-import';

export const kerasImport = defineKerasImport({
  settings: {
    // Our BatchNormalization normalises the channels (the last axis) with a learned scale and offset.
    axis: onlyValue([-1, 3, [-1], [3]], 'normalizedAxis'),
    center: onlyValue([true], 'noCenter'),
    scale: onlyValue([true], 'noScale'),
    synchronized: onlyValue([false], 'synchronized'),
    renorm: onlyValue([false], 'renorm'),
  },
});
