import { layerCategories, type LayerCategory, type LayerDef } from './shared/define';
import { layerRegistry } from './registry.generated';

export { layerRegistry };

export type LayerType = keyof typeof layerRegistry;
/** A layer type's params as its schema gives them (Keras defaults filled in). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- only to infer P
export type ParamsOf<T extends LayerType> = (typeof layerRegistry)[T] extends LayerDef<any, infer P> ? P : never;

export const layerTypes = Object.keys(layerRegistry) as LayerType[];

export function isLayerType(value: unknown): value is LayerType {
  return typeof value === 'string' && Object.hasOwn(layerRegistry, value);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry is heterogeneous by design
export function layerDef(type: LayerType): LayerDef<LayerType, any> {
  return layerRegistry[type];
}

export const categoryOrder: readonly LayerCategory[] = layerCategories;

/** The palette's entries of one group, by rank then name. */
export function layersIn(category: LayerCategory): LayerType[] {
  return layerTypes
    .filter((t) => layerDef(t).category === category)
    .sort((a, b) => (layerDef(a).paletteRank ?? 100) - (layerDef(b).paletteRank ?? 100) || a.localeCompare(b));
}

/** Layers active only while training (Dropout, augmentation): identity at inference. */
export function isTrainingOnly(type: LayerType): boolean {
  return layerDef(type).trainingOnly === true;
}
