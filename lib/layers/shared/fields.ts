import { activations, paddings } from './params';

/**
 * How the inspector edits one param; the value itself is validated by the
 * layer's own schema. Labels come from `layers.params.<key>` and help from
 * `layers.paramHelp.<Type>_<key>` or `layers.paramHelp.<key>`.
 */
export type ParamField =
  | { key: string; kind: 'int' }
  /** `optional`: an empty field omits the param (Keras's None, e.g. ReLU's maxValue). */
  | { key: string; kind: 'number'; step: number; min?: number; max?: number; optional?: boolean }
  | { key: string; kind: 'pair'; optional?: boolean }
  | { key: string; kind: 'intList' }
  /** Padding or cropping per side: `1`, `1, 2` (height, width) or `1, 2, 3, 4` (top, bottom, left, right). */
  | { key: string; kind: 'sides' }
  | { key: string; kind: 'select'; options: readonly string[] }
  | { key: string; kind: 'boolean' };

export const activationField = { key: 'activation', kind: 'select', options: activations } as const satisfies ParamField;
export const paddingField = { key: 'padding', kind: 'select', options: paddings } as const satisfies ParamField;
export const useBiasField = { key: 'useBias', kind: 'boolean' } as const satisfies ParamField;
