import { defineKerasImport, onlyValue } from '../shared/keras-import';

export const kerasImport = defineKerasImport({
  settings: { keepdims: onlyValue([false], 'keepdims') },
});
