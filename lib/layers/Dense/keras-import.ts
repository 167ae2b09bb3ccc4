import { defineKerasImport, onlyValue } from '../shared/keras-import';

export const kerasImport = defineKerasImport({
  settings: { lora_rank: onlyValue([null], 'lora') },
});
