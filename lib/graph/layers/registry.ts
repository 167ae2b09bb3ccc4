import { Activation } from './Activation';
import { Add } from './Add';
import { AveragePooling2D } from './AveragePooling2D';
import { BatchNormalization } from './BatchNormalization';
import { Concatenate } from './Concatenate';
import { Conv2D } from './Conv2D';
import type { LayerCategory, LayerDef } from './define';
import { Dense } from './Dense';
import { Dropout } from './Dropout';
import { Flatten } from './Flatten';
import { GlobalAveragePooling2D } from './GlobalAveragePooling2D';
import { Input } from './Input';
import { MaxPooling2D } from './MaxPooling2D';

/** Every layer type, keyed by its Keras class name. Adding one touches its file and this table. */
export const layerRegistry = {
  Input,
  Conv2D,
  MaxPooling2D,
  AveragePooling2D,
  GlobalAveragePooling2D,
  Dropout,
  BatchNormalization,
  Flatten,
  Dense,
  Activation,
  Add,
  Concatenate,
} as const;

export type LayerType = keyof typeof layerRegistry;
export type ParamsOf<T extends LayerType> = (typeof layerRegistry)[T]['initialParams'];

export const layerTypes = Object.keys(layerRegistry) as LayerType[];

export function isLayerType(value: unknown): value is LayerType {
  return typeof value === 'string' && Object.hasOwn(layerRegistry, value);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry is heterogeneous by design
export function layerDef(type: LayerType): LayerDef<LayerType, any> {
  return layerRegistry[type];
}

export const categoryOrder: LayerCategory[] = ['input', 'convolution', 'pooling', 'regularization', 'core', 'merge'];

export function layersIn(category: LayerCategory): LayerType[] {
  return layerTypes.filter((t) => layerRegistry[t].category === category);
}
