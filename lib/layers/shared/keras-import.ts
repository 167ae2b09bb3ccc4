// How a layer type reads a Keras / TF.js layer config (pure). Most types need
// nothing of their own: lib/modelio's generic converter maps snake_case keys
// to our camelCase params and checks the settings every layer shares
// (initializers, regularizers, constraints, data_format, dtype, …). A type
// whose Keras config holds settings our params do not model exports a hook
// from its own folder (`<Type>/keras-import.ts`) saying which values of them
// leave the architecture as ours and which must be refused.

/** null when the value leaves the layer as CNN Studio models it; otherwise why it cannot be imported. */
export type SettingCheck = (value: unknown) => string | null;

export interface KerasImportHook {
  /** Keras config keys this type does not hold as params, each with its check. */
  settings?: Readonly<Record<string, SettingCheck>>;
  /** Keras key -> our param name, where snake_case -> camelCase is not the name. */
  rename?: Readonly<Record<string, string>>;
}

export function defineKerasImport(hook: KerasImportHook): KerasImportHook {
  return hook;
}

/** Accepts only `expected` (compared as JSON, so [1, 1] and [1, 1] match); anything else is refused with `reason`. */
export function onlyValue(expected: readonly unknown[], reason: string): SettingCheck {
  const allowed = expected.map((v) => JSON.stringify(v));
  return (value) => (allowed.includes(JSON.stringify(value ?? null)) ? null : reason);
}
