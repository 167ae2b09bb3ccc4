import { defineKerasImport, onlyValue } from '../shared/keras-import';

// Our augmentation resamples bilinearly; pairs of factors stay pairs (a pair of equal values is a fixed amount, not ±).
export const kerasImport = defineKerasImport({
  values: { height_factor: (v) => v, width_factor: (v) => v },
  settings: {
    interpolation: onlyValue(['bilinear'], 'notModelled'),
    // 'constant' fills with 0, Keras's default fill value.
    fill_value: onlyValue([0], 'notModelled'),
  },
});
