import { definePooling } from '../shared/pooling';

/** Keeps the average of each window. */
export const AveragePooling2D = definePooling('AveragePooling2D', 'avgpool', 20);
