import type { LayerType } from '../registry';
import type { KerasImportHook } from './keras-import';

/** Only the types whose Keras config needs more than the generic converter have a hook. */
export type KerasImportRegistry = Partial<Record<LayerType, KerasImportHook>>;
