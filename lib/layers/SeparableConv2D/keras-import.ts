import { defineKerasImport, onlyValue } from '../shared/keras-import';

export const kerasImport = defineKerasImport({
  settings: { groups: onlyValue([1], 'grouped') },
});
