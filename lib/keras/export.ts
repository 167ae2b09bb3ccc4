// The architecture as Python for tf.keras (functional API), for practitioners
// who sketch here and then write Keras code. Pure: the document in, text out.
// A graph with errors is refused with them (never code that would not build).
import { analyzeGraph, incomingEdges, type GraphIssue } from '../graph';
import { layerDef } from '../layers/registry';
import { pyTuple } from '../layers/shared/python';
import type { ArchitectureDocument, LayerNode } from '../schema';
import { pythonComment, pythonString } from '../codegen/python';

export type KerasExport = { ok: true; code: string } | { ok: false; issues: GraphIssue[] };


/** Python variable names: node ids made identifiers, unique, never a keyword or a builtin the code needs. */
export function variableNames(ids: readonly string[]): Map<string, string> {
  const keywords = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'keras', 'layers', 'model', 'inputs', 'outputs', 'tf', 'input', 'print', 'sum', 'max', 'min', 'len', 'range', 'list', 'dict', 'type', 'id', 'object', 'str', 'int', 'float']);
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const id of ids) {
    let base = id.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z_]/.test(base)) base = `x_${base}`;
    if (keywords.has(base)) base = `${base}_`;
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    names.set(id, name);
  }
  return names;
}

/** The Keras layer call for one node (without its inputs), named after the node: each type writes its own. */
export function kerasLayer(node: Exclude<LayerNode, { type: 'Input' }>, layerName = node.id): string {
  return layerDef(node.type).keras(node.params, pythonString(layerName));
}

/**
 * Python that builds the same model with tf.keras: same layers, parameters,
 * names and wiring, so `model.summary()` shows the shapes and parameter counts
 * CNN Studio shows. Compile and fit are left to the user (a comment says how
 * CNN Studio trained it).
 */
export function exportKeras(doc: ArchitectureDocument): KerasExport {
  const analysis = analyzeGraph(doc);
  const errors = analysis.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0 || analysis.inputId === null || analysis.outputId === null) return { ok: false, issues: errors };
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const incoming = incomingEdges(doc);
  const vars = variableNames(analysis.order);
  const totals = analysis.totals;
  const lines = [
    `# ${pythonComment(doc.name)}`,
    '# Exported from CNN Studio. Build it with TensorFlow 2 (tf.keras):',
    '#   model.summary() lists the same shapes and parameter counts as the editor',
    totals ? `#   (total ${totals.total.toLocaleString('en-US')}: ${totals.trainable.toLocaleString('en-US')} trainable, ${totals.nonTrainable.toLocaleString('en-US')} non-trainable).` : '#',
    'from tensorflow import keras',
    'from tensorflow.keras import layers',
    '',
  ];
  for (const id of analysis.order) {
    const node = byId.get(id)!;
    const v = vars.get(id)!;
    if (node.type === 'Input') {
      lines.push(`${v} = keras.Input(shape=${pyTuple(node.params.shape)}, name=${pythonString(kerasName(id, v))})`);
      continue;
    }
    const inputs = (incoming.get(id) ?? []).map((e) => vars.get(e.source)!);
    const call = layerDef(node.type).inputs.max === 1 ? inputs[0]! : `[${inputs.join(', ')}]`;
    lines.push(`${v} = ${kerasLayer(node, kerasName(id, v))}(${call})`);
  }
  lines.push(
    '',
    `model = keras.Model(inputs=${vars.get(analysis.inputId)!}, outputs=${vars.get(analysis.outputId)!}, name=${pythonString(modelName(doc.name))})`,
    'model.summary()',
    '',
    '# CNN Studio trains with integer labels one-hot encoded and categorical cross-entropy, e.g.:',
    "# model.compile(optimizer=keras.optimizers.Adam(1e-3), loss='categorical_crossentropy', metrics=['accuracy'])",
    '# model.fit(x_train / 255.0, keras.utils.to_categorical(y_train), batch_size=32, epochs=5, validation_split=0.1)',
    '',
    "# Trained weights: download a run's model as TensorFlow.js (.zip) from the Runs tab, unzip it and convert it with",
    '# the official converter (pip install tensorflowjs):',
    '#   tensorflowjs_converter --input_format=tfjs_layers_model --output_format=keras model.json model.h5',
    "# then load them into this model by layer name (Dropout is left out of that file; it has no weights):",
    "# model.load_weights('model.h5', by_name=True)",
    '',
  );
  return { ok: true, code: lines.join('\n') };
}

/** The node id as the Keras layer name when Keras takes it (no '/', no spaces), else the variable name. */
export function kerasName(id: string, variable: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(id) ? id : variable;
}

/** Keras model names follow the same rule as layer names: letters, digits, `_`, `-`, `.`. */
export function modelName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `model_${cleaned}`.replace(/_+$/, '');
}
