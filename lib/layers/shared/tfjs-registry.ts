import type { LayerType, ParamsOf } from '../registry';
import type { TfjsBuild } from './tfjs';

/** One tfjs builder per layer type but Input (which compiles to tf.input): a missing one fails `tsc`. */
export type TfjsRegistry = { [T in Exclude<LayerType, 'Input'>]: TfjsBuild<ParamsOf<T>> };
