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

/** Largest file read for an import (a zip of a model and its weights): runs keep at most 64 MiB of weights. */
export const MAX_PICKED_FILE_BYTES = 128 * 1024 * 1024;

/** Checked on the files' sizes before a byte is read, so a huge pick costs nothing. */
export function pickedTooLarge(files: readonly { name: string; size: number }[]): ImportProblem[] {
  return files.flatMap((f) => {
    const limit = /\.json$/i.test(f.name) ? MAX_MODEL_JSON_BYTES : MAX_PICKED_FILE_BYTES;
    return f.size > limit ? [problem('tooLarge', { file: f.name, size: f.size, limit }, `${f.name} is ${f.size} bytes, over the ${limit} a model file may have`)] : [];
  });
}
