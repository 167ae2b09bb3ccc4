// Pure: a model file's JSON -> an architecture document. Reads
// - TF.js Layers `model.json` (written by tfjs's model.save or by the official
//   converter from Keras: `modelTopology` plain or as `model_config`),
// - Keras `model.to_json()` in its Keras 2 and Keras 3 forms, and the
//   `config.json` inside a `.keras` zip (Keras 3),
// - CNN Studio's own document JSON,
// Sequential and functional. Layer names become node ids. Each layer's config
// goes through one generic converter (snake_case -> camelCase params, Keras 3's
// {class_name, config} nesting, dtype policies) and its type's own hook
// (lib/layers/<Type>/keras-import.ts). Anything we cannot model exactly is
// refused, every case at once, by layer name; nothing is imported partially.
import { autoLayout } from '../graph/layout';
import { kerasImportRegistry } from '../layers/keras-import.generated';
import { isLayerType, layerDef, type LayerType } from '../layers/registry';
import { onlyValue, settingReasons, type KerasImportHook, type SettingCheck, type SettingReason } from '../layers/shared/keras-import';
import { showValue } from '../layers/shared/params';
import { LIMITS, parseArchitectureDocument, type ArchitectureDocument, type Edge } from '../schema';
import { MAX_MODEL_JSON_BYTES, problem, type ImportProblem } from './problems';

/** One entry of a TF.js weights manifest: the shard files and the weights they hold, in order. */
export interface WeightsManifestGroup {
  paths: string[];
  weights: { name: string; shape: number[]; dtype: string; quantization?: unknown }[];
}

export type ModelFormat = 'tfjs' | 'keras' | 'document';

export type ModelJsonImport =
  | {
      ok: true;
      format: ModelFormat;
      document: ArchitectureDocument;
      /** Keras / tfjs layer name -> node id (they differ only where a name is not a valid id). */
      nodeIdOf: Map<string, string>;
      /** Settings present in the file that do not change the architecture and were left out, by Keras name. */
      dropped: string[];
      /** A TF.js model.json's weights manifest (null for Keras JSON and documents). */
      weightsManifest: WeightsManifestGroup[] | null;
    }
  | { ok: false; problems: ImportProblem[] };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Class names older Keras versions and aliases use for our types. */
const aliases: Record<string, LayerType> = {
  Convolution2D: 'Conv2D',
  MaxPool2D: 'MaxPooling2D',
  AvgPool2D: 'AveragePooling2D',
  GlobalAvgPool2D: 'GlobalAveragePooling2D',
};

/** Activation names Keras and tfjs's model.json write for ours (tfjs serialises hardSigmoid as Keras's hard_sigmoid; Keras 3 writes swish as silu). */
const activationAliases: Record<string, string> = { hard_sigmoid: 'hardSigmoid', silu: 'swish' };

const dropped = (): null => null;
/** Settings every layer may carry: harmless ones are dropped (and noted), the rest refused. */
function genericCheck(key: string): SettingCheck | undefined {
  if (key === 'trainable' || key.endsWith('_initializer') || key === 'seed') return dropped;
  if (key === 'dtype') return dtypeCheck;
  if (key === 'data_format') return onlyValue(['channels_last', null], 'channelsFirst');
  if (key === 'dilation_rate') return onlyValue([1, [1, 1]], 'dilated');
  if (key.endsWith('_regularizer')) return onlyValue([null], 'regularizer');
  if (key.endsWith('_constraint')) return onlyValue([null], 'constraint');
  // Where the input shape is written on the first layer: read by the model, not the layer.
  if (key === 'batch_input_shape' || key === 'batch_shape' || key === 'input_shape' || key === 'input_dim' || key === 'batch_size') return dropped;
  if (key === 'autocast') return dropped;
  return undefined;
}

/** float32 as a string or as a (Keras 3) dtype policy; anything else changes the numbers. */
function dtypeName(value: unknown): unknown {
  if (isObject(value) && isObject(value.config)) return value.config.name;
  return value;
}
const dtypeCheck: SettingCheck = (value) => {
  const name = dtypeName(value);
  return name === undefined || name === null || name === 'float32' ? null : 'dtype';
};

/** Keras 3 writes some values as {class_name, config}; activations as a plain name. */
function unwrap(value: unknown): unknown {
  if (isObject(value) && typeof value.class_name === 'string' && 'config' in value && typeof value.config === 'string') return value.config;
  return value;
}

/** [3, 3] -> 3: documents write a square window as one number. */
function collapse(value: unknown): unknown {
  if (Array.isArray(value) && value.length === 2 && value[0] === value[1] && typeof value[0] === 'number') return value[0];
  return value;
}

const snakeToCamel = (key: string) => key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** The params a type has: its schema's keys (a strict object), and those of its initial params should a schema be wrapped. */
function paramKeys(type: LayerType): Set<string> {
  const def = layerDef(type);
  const schema = def.params as unknown as { shape?: Record<string, unknown> };
  return new Set([...Object.keys(schema.shape ?? {}), ...Object.keys(def.initialParams as object)]);
}

/** A node id from a layer name: the name itself when it is a valid id, else a cleaned-up unique one. */
function idsFor(names: readonly string[]): Map<string, string> {
  const valid = (s: string) => /^[A-Za-z0-9_-]+$/.test(s) && s.length <= LIMITS.id;
  const used = new Set(names.filter(valid));
  const out = new Map<string, string>();
  for (const name of names) {
    if (out.has(name)) continue;
    if (valid(name)) {
      out.set(name, name);
      continue;
    }
    const base = name.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, LIMITS.id - 4) || 'layer';
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    out.set(name, id);
  }
  return out;
}

interface LayerEntry {
  name: string;
  className: string;
  config: Json;
  /** One list of source layer names per call; null in a Sequential model. */
  calls: string[][] | null;
}

/** The source layer names of one call, in input order: Keras 2 / tfjs `[[name, node, tensor, kwargs], …]` or Keras 3 `{args, kwargs}`. */
function callSources(call: unknown): string[] {
  if (Array.isArray(call)) return call.map((t) => (Array.isArray(t) && typeof t[0] === 'string' ? t[0] : '')).filter(Boolean);
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) {
      if (v.class_name === '__keras_tensor__' && isObject(v.config) && Array.isArray(v.config.keras_history)) {
        const source = v.config.keras_history[0];
        if (typeof source === 'string') out.push(source);
      } else Object.values(v).forEach(walk);
    }
  };
  if (isObject(call)) walk(call.args);
  return out;
}

function layerEntry(raw: unknown, index: number, functional: boolean): LayerEntry | ImportProblem {
  if (!isObject(raw) || typeof raw.class_name !== 'string' || !isObject(raw.config)) {
    return problem('notAModel', { detail: `layers[${index}]` }, `layers[${index}] is not a Keras layer ({class_name, config})`);
  }
  const name = typeof raw.name === 'string' ? raw.name : typeof raw.config.name === 'string' ? raw.config.name : `layer${index + 1}`;
  const calls = functional ? (Array.isArray(raw.inbound_nodes) ? raw.inbound_nodes.map(callSources) : []) : null;
  return { name, className: raw.class_name, config: raw.config, calls };
}

/** [name, 0, 0] or [[name, 0, 0], …] -> the names. */
function endpointNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  if (typeof value[0] === 'string') return [value[0]];
  return value.map((v) => (Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '')).filter(Boolean);
}

function inputShapeOf(config: Json, buildConfig: unknown): unknown {
  if (Array.isArray(config.batch_input_shape)) return config.batch_input_shape.slice(1);
  if (Array.isArray(config.batch_shape)) return config.batch_shape.slice(1);
  if (Array.isArray(config.input_shape)) return config.input_shape;
  if (isObject(buildConfig) && Array.isArray(buildConfig.input_shape)) return buildConfig.input_shape.slice(1);
  return undefined;
}

function inputParams(layer: string, shape: unknown, config: Json): { shape: number[] } | ImportProblem {
  if (shape === undefined) return problem('inputShape', { layer, detail: 'no input shape' }, `"${layer}": the model does not say its input shape: add an Input layer`);
  if (Array.isArray(shape) && shape.some((d) => d === null)) {
    return problem('inputShape', { layer, detail: showValue(shape) }, `"${layer}": the input shape ${showValue(shape)} has a size that varies (None); CNN Studio needs fixed image sizes`);
  }
  if (dtypeCheck(config.dtype)) return problem('inputShape', { layer, detail: showValue(dtypeName(config.dtype)) }, `"${layer}": the input is ${showValue(dtypeName(config.dtype))}, not float32 images`);
  if (config.sparse === true || config.ragged === true) return problem('inputShape', { layer, detail: 'sparse/ragged' }, `"${layer}": sparse or ragged inputs are not images`);
  const parsed = layerDef('Input').params.safeParse({ shape });
  if (!parsed.success) {
    return problem('inputShape', { layer, detail: showValue(shape) }, `"${layer}": the input shape ${showValue(shape)} is not an image [height, width, channels] (or a flat [n]) CNN Studio can take`);
  }
  return parsed.data as { shape: number[] };
}

function convertLayer(entry: LayerEntry, droppedKeys: Set<string>, problems: ImportProblem[]): { type: LayerType; params: unknown } | null {
  const layer = entry.name;
  const type = isLayerType(entry.className) ? entry.className : aliases[entry.className];
  if (!type || type === 'Input') {
    problems.push(problem('unsupportedLayer', { layer, className: entry.className }, `"${layer}" is a ${entry.className}, a layer type CNN Studio does not have`));
    return null;
  }
  const hook = (kerasImportRegistry as Partial<Record<LayerType, KerasImportHook>>)[type];
  const keys = paramKeys(type);
  const params: Json = {};
  let failed = false;
  for (const [key, raw] of Object.entries(entry.config)) {
    if (key === 'name') continue;
    const value = unwrap(raw);
    const param = hook?.rename?.[key] ?? snakeToCamel(key);
    if (keys.has(param)) {
      // Keras writes strides=None for pooling that strides by its pool size: our "omitted".
      const convert = hook?.values?.[key] ?? (key === 'activation' ? (v: unknown) => (typeof v === 'string' ? (activationAliases[v] ?? v) : v) : undefined);
      if (value !== null) params[param] = convert ? convert(value) : collapse(value);
      continue;
    }
    const check = hook?.settings?.[key] ?? genericCheck(key);
    const reason: SettingReason | null = check ? check(value) : 'notModelled';
    if (reason === null) {
      droppedKeys.add(key);
      continue;
    }
    failed = true;
    problems.push(problem('unsupportedSetting', { layer, setting: key, value: showValue(value), reason }, `"${layer}" (${type}): ${key}=${showValue(value)} ${settingReasons[reason]}`));
  }
  if (failed) return null;
  const parsed = layerDef(type).params.safeParse(params);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const param = issue.path.map(String).join('.') || '(params)';
      problems.push(problem('badParam', { layer, param, detail: issue.message }, `"${layer}" (${type}): ${param}: ${issue.message}`));
    }
    return null;
  }
  return { type, params: parsed.data };
}

/** Reads a model file's JSON text; `name` (the file name without extension) names the document when the file does not. */
export function importModelJson(text: string, fileName: string, name: string): ModelJsonImport {
  if (text.length > MAX_MODEL_JSON_BYTES) {
    return { ok: false, problems: [problem('tooLarge', { file: fileName, size: text.length, limit: MAX_MODEL_JSON_BYTES }, `${fileName} is ${text.length} bytes, over the ${MAX_MODEL_JSON_BYTES} a model file may have`)] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [problem('notJson', { file: fileName, detail: (e as Error).message }, `${fileName} is not valid JSON: ${(e as Error).message}`)] };
  }
  const notAModel = (detail: string) => ({ ok: false as const, problems: [problem('notAModel', { file: fileName, detail }, `${fileName} is not a TF.js, Keras or CNN Studio model: ${detail}`)] });
  if (!isObject(json)) return notAModel('expected a JSON object');

  if ('nodes' in json && 'version' in json) {
    const parsed = parseArchitectureDocument(json);
    if (!parsed.ok) {
      return { ok: false, problems: parsed.issues.map((i) => problem('badDocument', { file: fileName, path: i.path, detail: i.message }, `${fileName}: ${i.path}: ${i.message}`)) };
    }
    return { ok: true, format: 'document', document: parsed.document, nodeIdOf: new Map(parsed.document.nodes.map((n) => [n.id, n.id])), dropped: [], weightsManifest: null };
  }

  let topology: unknown = json;
  let manifest: WeightsManifestGroup[] | null = null;
  let format: ModelFormat = 'keras';
  if ('modelTopology' in json) {
    format = 'tfjs';
    topology = isObject(json.modelTopology) && isObject(json.modelTopology.model_config) ? json.modelTopology.model_config : json.modelTopology;
    const groups = json.weightsManifest;
    if (groups !== undefined) {
      const valid =
        Array.isArray(groups) &&
        groups.every(
          (g) =>
            isObject(g) &&
            Array.isArray(g.paths) &&
            g.paths.every((p) => typeof p === 'string') &&
            Array.isArray(g.weights) &&
            g.weights.every((w) => isObject(w) && typeof w.name === 'string' && Array.isArray(w.shape) && w.shape.every((d) => Number.isInteger(d) && (d as number) >= 0) && typeof w.dtype === 'string'),
        );
      if (!valid) return notAModel('weightsManifest is not a list of {paths, weights}');
      manifest = groups as WeightsManifestGroup[];
    }
  }
  if (!isObject(topology) || typeof topology.class_name !== 'string') return notAModel('no class_name at the top');
  const modelClass = topology.class_name;
  const config = topology.config;
  const sequential = modelClass === 'Sequential';
  if (!sequential && modelClass !== 'Model' && modelClass !== 'Functional') return notAModel(`the top is a ${modelClass}, not a Sequential or functional Model`);
  const rawLayers = Array.isArray(config) ? config : isObject(config) && Array.isArray(config.layers) ? config.layers : null;
  if (!rawLayers) return notAModel('config.layers is missing');
  if (rawLayers.length > LIMITS.nodes) {
    return { ok: false, problems: [problem('tooManyLayers', { file: fileName, count: rawLayers.length, limit: LIMITS.nodes }, `${fileName} has ${rawLayers.length} layers; CNN Studio takes at most ${LIMITS.nodes}`)] };
  }

  const problems: ImportProblem[] = [];
  const entries: LayerEntry[] = [];
  rawLayers.forEach((raw, i) => {
    const entry = layerEntry(raw, i, !sequential);
    if ('code' in entry) problems.push({ ...entry, values: { ...entry.values, file: fileName } });
    else entries.push(entry);
  });
  if (problems.length > 0) return { ok: false, problems };

  const droppedKeys = new Set<string>();
  type Pending = { name: string; type: LayerType; params: unknown; sources: string[] };
  const pending: Pending[] = [];

  if (sequential) {
    const first = entries[0];
    let previous: string | null = null;
    if (first && first.className !== 'InputLayer') {
      const raw = rawLayers[0] as Json;
      const shape = inputShapeOf(first.config, raw.build_config);
      const inputName = entries.some((e) => e.name === 'input') ? 'input_1' : 'input';
      const params = inputParams(first.name, shape, first.config);
      if ('code' in params) problems.push(params);
      else pending.push({ name: inputName, type: 'Input', params, sources: [] });
      previous = inputName;
    }
    for (const entry of entries) {
      if (entry.className === 'InputLayer') {
        if (previous !== null) {
          problems.push(problem('inputsOutputs', { file: fileName, detail: entry.name }, `${fileName}: "${entry.name}" is a second input; CNN Studio models have one`));
          continue;
        }
        const params = inputParams(entry.name, inputShapeOf(entry.config, undefined), entry.config);
        if ('code' in params) problems.push(params);
        else pending.push({ name: entry.name, type: 'Input', params, sources: [] });
        previous = entry.name;
        continue;
      }
      const converted = convertLayer(entry, droppedKeys, problems);
      if (converted) pending.push({ name: entry.name, ...converted, sources: previous === null ? [] : [previous] });
      previous = entry.name;
    }
  } else {
    const inputs = endpointNames(isObject(config) ? config.input_layers : undefined);
    const outputs = endpointNames(isObject(config) ? config.output_layers : undefined);
    if (inputs.length !== 1 || outputs.length !== 1) {
      problems.push(
        problem('inputsOutputs', { file: fileName, detail: `${inputs.length} inputs, ${outputs.length} outputs` }, `${fileName} has ${inputs.length} inputs and ${outputs.length} outputs; CNN Studio models have one of each`),
      );
    }
    for (const entry of entries) {
      if ((entry.calls?.length ?? 0) > 1) {
        problems.push(problem('sharedLayer', { layer: entry.name, count: entry.calls!.length }, `"${entry.name}" is called ${entry.calls!.length} times (a shared layer); CNN Studio layers are used once`));
        continue;
      }
      const sources = entry.calls?.[0] ?? [];
      if (entry.className === 'InputLayer') {
        const params = inputParams(entry.name, inputShapeOf(entry.config, undefined), entry.config);
        if ('code' in params) problems.push(params);
        else pending.push({ name: entry.name, type: 'Input', params, sources: [] });
        continue;
      }
      const converted = convertLayer(entry, droppedKeys, problems);
      if (converted) pending.push({ name: entry.name, ...converted, sources });
    }
    const known = new Set(entries.map((e) => e.name));
    for (const p of pending) {
      for (const s of p.sources) {
        if (!known.has(s)) problems.push(problem('unknownInbound', { layer: p.name, source: s }, `"${p.name}" takes its input from "${s}", which is not a layer of the model`));
      }
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const nodeIdOf = idsFor(pending.map((p) => p.name));
  const edges: Edge[] = [];
  for (const p of pending) {
    p.sources.forEach((source, i) => {
      edges.push({ id: `e${edges.length + 1}`, source: nodeIdOf.get(source)!, target: nodeIdOf.get(p.name)!, targetHandle: `in${i}` });
    });
  }
  const modelName = typeof name === 'string' && name.trim() ? name.trim().slice(0, LIMITS.name) : 'Imported model';
  const draft = {
    version: 1 as const,
    name: modelName,
    nodes: pending.map((p) => ({ id: nodeIdOf.get(p.name)!, type: p.type, params: p.params, position: { x: 0, y: 0 } })),
    edges,
  };
  const parsed = parseArchitectureDocument(draft);
  if (!parsed.ok) {
    return { ok: false, problems: parsed.issues.map((i) => problem('badDocument', { file: fileName, path: i.path, detail: i.message }, `${fileName}: ${i.path}: ${i.message}`)) };
  }
  const positions = autoLayout(parsed.document);
  const document = { ...parsed.document, nodes: parsed.document.nodes.map((n) => ({ ...n, position: positions[n.id] ?? n.position })) };
  return { ok: true, format, document, nodeIdOf, dropped: [...droppedKeys].sort(), weightsManifest: manifest };
}
