// What can go wrong when a model comes in, as values: a code the page
// translates (editor.modelImport.problems.<code>), the values it names and an
// English message for tests and logs. Every problem names the file or layer at fault.

export type ImportProblemCode =
  | 'tooLarge'
  | 'notJson'
  | 'notAModel'
  | 'zipUnreadable'
  | 'noModelFile'
  | 'severalModelFiles'
  | 'tooManyLayers'
  | 'unsupportedLayer'
  | 'unsupportedSetting'
  | 'badParam'
  | 'inputShape'
  | 'sharedLayer'
  | 'unknownInbound'
  | 'inputsOutputs'
  | 'badDocument'
  | 'missingShard'
  | 'shardSize'
  | 'weightsMissing'
  | 'weightShape';

export interface ImportProblem {
  code: ImportProblemCode;
  values: Record<string, string | number>;
  message: string;
}

export function problem(code: ImportProblemCode, values: Record<string, string | number>, message: string): ImportProblem {
  return { code, values, message };
}

/** Largest model.json / Keras JSON read, in bytes. A topology of 500 layers is far below it. */
export const MAX_MODEL_JSON_BYTES = 8 * 1024 * 1024;
