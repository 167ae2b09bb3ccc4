import { definePooling } from './pooling-shared';

/** Keeps the mean of each window. */
export const AveragePooling2D = definePooling('AveragePooling2D');
