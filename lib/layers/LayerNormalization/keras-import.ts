import { defineKerasImport, onlyValue } from '../shared/keras-import';

/** Keras 2 writes the normalised axes as a list after build ([3]); Keras 3 as given (-1 or a list). One axis is ours. */
const oneAxis = (value: unknown) => (Array.isArray(value) && value.length === 1 ? value[0] : value);

export const kerasImport = defineKerasImport({
  values: { axis: oneAxis },
  settings: {
    center: onlyValue([true], 'noCenter'),
    scale: onlyValue([true], 'noScale'),
    rms_scaling: onlyValue([false], 'notModelled'),
  },
});
