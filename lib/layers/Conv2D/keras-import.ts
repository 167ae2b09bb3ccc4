import { defineKerasImport, onlyValue } from '../shared/keras-import';

export const kerasImport = defineKerasImport({
  settings: {
    groups: onlyValue([1], 'is a grouped convolution (groups must be 1)'),
    lora_rank: onlyValue([null], 'has a LoRA adapter'),
  },
});
