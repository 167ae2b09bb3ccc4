import { defineKerasImport, onlyValue } from '../shared/keras-import';

export const kerasImport = defineKerasImport({
  settings: {
    // Our BatchNormalization normalises the channels (the last axis) with a learned scale and offset.
    axis: onlyValue([-1, 3, [-1], [3]], 'normalises an axis other than the channels (axis must be -1)'),
    center: onlyValue([true], 'has no learned offset (center=False)'),
    scale: onlyValue([true], 'has no learned scale (scale=False)'),
    synchronized: onlyValue([false], 'is synchronised across devices'),
    renorm: onlyValue([false], 'uses batch renormalisation'),
  },
});
