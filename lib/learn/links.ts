// Links from a layer in the editor to the lessons that explain it: each layer
// type says which (lib/layers/<Type>), carrying its own settings.
import { layerDef } from '../layers/registry';
import type { LessonLink } from '../layers/shared/define';
import type { LayerNode } from '../schema';

export type { LessonLink };

/** The lessons for a node, most relevant first; [] for layers no lesson covers. */
export function learnLinksFor(node: LayerNode): LessonLink[] {
  return layerDef(node.type).lessons?.(node.params) ?? [];
}
