// How a layer type reads a Keras / TF.js layer config (pure). Most types need
// nothing of their own: lib/modelio's generic converter maps snake_case keys
// to our camelCase params and checks the settings every layer shares
// (initializers, regularizers, constraints, data_format, dtype, …). A type
// whose Keras config holds settings our params do not model exports a hook
// from its own folder (`<Type>/keras-import.ts`) saying which values of them
// leave the architecture as ours and which must be refused.

/**
 * Why a setting cannot be imported, as a code the editor translates
 * (editor.modelImport.reasons.<code>), with the English words here.
 */
export const settingReasons = {
  notModelled: 'is not a setting CNN Studio models',
  dilated: 'is dilated (dilation_rate must be 1)',
  channelsFirst: 'is channels_first (CNN Studio works channels-last)',
  regularizer: 'adds a regularizer (not modelled)',
  constraint: 'adds a constraint (not modelled)',
  dtype: 'computes in another dtype than float32',
  grouped: 'is a grouped convolution (groups must be 1)',
  lora: 'has a LoRA adapter',
  noiseShape: 'drops whole slices (noise_shape is set)',
  normalizedAxis: 'normalises an axis other than the channels (axis must be -1)',
  noCenter: 'has no learned offset (center=False)',
  noScale: 'has no learned scale (scale=False)',
  synchronized: 'is synchronised across devices',
  renorm: 'uses batch renormalisation',
  keepdims: 'keeps the pooled dimensions (keepdims=True)',
} as const;
export type SettingReason = keyof typeof settingReasons;

/** null when the value leaves the layer as CNN Studio models it; otherwise why it cannot be imported. */
export type SettingCheck = (value: unknown) => SettingReason | null;

export interface KerasImportHook {
  /** Keras config keys this type does not hold as params, each with its check. */
  settings?: Readonly<Record<string, SettingCheck>>;
  /** Keras key -> our param name, where snake_case -> camelCase is not the name. */
  rename?: Readonly<Record<string, string>>;
  /**
   * Our param's value from the Keras value, by Keras key, where it is written
   * differently (e.g. a list of one axis); used instead of the generic
   * [n, n] -> n (a pair of equal factors is not one factor).
   */
  values?: Readonly<Record<string, (value: unknown) => unknown>>;
}

export function defineKerasImport(hook: KerasImportHook): KerasImportHook {
  return hook;
}

/** Accepts only `expected` (compared as JSON, so [1, 1] and [1, 1] match); anything else is refused with `reason`. */
export function onlyValue(expected: readonly unknown[], reason: SettingReason): SettingCheck {
  const allowed = expected.map((v) => JSON.stringify(v));
  return (value) => (allowed.includes(JSON.stringify(value ?? null)) ? null : reason);
}
