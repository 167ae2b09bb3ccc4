import { defineKerasImport, onlyValue } from '../shared/keras-import';

// Our augmentation resamples bilinearly; pairs of factors stay pairs (a pair of equal values is a fixed amount, not ±).
// It fills what comes from outside the image by reflection, Keras's default.
export const kerasImport = defineKerasImport({
  values: { factor: (v) => v },
  settings: {
    interpolation: onlyValue(['bilinear'], 'notModelled'),
    fill_mode: onlyValue(['reflect'], 'notModelled'),
    // Read only with fill_mode 'constant', which is refused.
    fill_value: () => null,
  },
});
