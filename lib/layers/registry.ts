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

/** The registered type a mistyped name most likely meant (`conv2d` → Conv2D, `Conv3D` → Conv2D), or null. */
export function closestLayerType(name: string): LayerType | null {
  const lower = name.toLowerCase();
  const exact = layerTypes.find((t) => t.toLowerCase() === lower);
  if (exact) return exact;
  let best: LayerType | null = null;
  let bestDistance = Math.min(3, Math.floor(name.length / 3));
  for (const t of layerTypes) {
    const d = editDistance(lower, t.toLowerCase(), bestDistance);
    if (d <= bestDistance && (best === null || d < bestDistance)) [best, bestDistance] = [t, d];
  }
  return best;
}

/** Levenshtein distance, giving up (returning limit + 1) once it exceeds limit. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit || a.length > 64) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    if (Math.min(...current) > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}
