// The 21 layer types added after the importer: each comes in from a Keras 2
// and a Keras 3 config written by hand from Keras's documented get_config()
// keys (Keras 2.15 / Keras 3.x sources), with our params; settings we do not
// model are refused by name; harmless ones (initializers, seeds) are dropped.
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../graph';
import type { LayerType } from '../layers/registry';
import { importModelJson } from './keras';

type Json = Record<string, unknown>;

// What Keras 3 writes for dtype and an initializer.
const policy = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };
const init = (className: string) => ({ module: 'keras.initializers', class_name: className, config: className === 'GlorotUniform' ? { seed: null } : {}, registered_name: null });
const k2init = (className: string) => ({ class_name: className, config: className === 'GlorotUniform' ? { seed: null } : {} });

/** A Keras 2 Sequential model.to_json(): InputLayer then the layer. */
function keras2(input: number[], className: string, config: Json): string {
  return JSON.stringify({
    class_name: 'Sequential',
    config: {
      name: 'sequential',
      layers: [
        { class_name: 'InputLayer', config: { batch_input_shape: [null, ...input], dtype: 'float32', sparse: false, ragged: false, name: 'input_1' } },
        { class_name: className, config: { name: 'layer', trainable: true, dtype: 'float32', ...config } },
      ],
    },
    keras_version: '2.15.0',
    backend: 'tensorflow',
  });
}

const k3tensor = (shape: (number | null)[], source: string) => ({ class_name: '__keras_tensor__', config: { shape, dtype: 'float32', keras_history: [source, 0, 0] } });

/** A Keras 3 functional model.to_json(): InputLayer then the layer (or two branches into a merge). */
function keras3(input: number[], className: string, config: Json, merge = false): string {
  const shape = [null, ...input];
  const layer = (name: string, cls: string, cfg: Json, sources: string[]) => ({
    module: 'keras.layers',
    class_name: cls,
    config: { name, trainable: true, dtype: policy, ...cfg },
    registered_name: null,
    build_config: { input_shape: merge && sources.length > 1 ? sources.map(() => shape) : shape },
    name,
    inbound_nodes: [{ args: sources.length > 1 ? [sources.map((s) => k3tensor(shape, s))] : [k3tensor(shape, sources[0]!)], kwargs: {} }],
  });
  const layers: unknown[] = [{ module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: shape, dtype: 'float32', sparse: false, name: 'img' }, registered_name: null, name: 'img', inbound_nodes: [] }];
  if (merge) {
    layers.push(layer('a', 'ReLU', { max_value: null, negative_slope: 0.0, threshold: 0.0 }, ['img']));
    layers.push(layer('layer', className, config, ['img', 'a']));
  } else layers.push(layer('layer', className, config, ['img']));
  return JSON.stringify({
    module: 'keras.src.models.functional',
    class_name: 'Functional',
    config: { name: 'functional', trainable: true, layers, input_layers: [['img', 0, 0]], output_layers: [['layer', 0, 0]] },
    registered_name: 'Functional',
    build_config: { input_shape: shape },
  });
}

/** A Keras 2 functional model with two branches (img and ReLU(img)) into a merge. */
function keras2Merge(input: number[], className: string): string {
  return JSON.stringify({
    class_name: 'Functional',
    config: {
      name: 'model',
      layers: [
        { class_name: 'InputLayer', config: { batch_input_shape: [null, ...input], dtype: 'float32', sparse: false, ragged: false, name: 'img' }, name: 'img', inbound_nodes: [] },
        { class_name: 'ReLU', config: { name: 'a', trainable: true, dtype: 'float32', max_value: null, negative_slope: 0.0, threshold: 0.0 }, name: 'a', inbound_nodes: [[['img', 0, 0, {}]]] },
        { class_name: className, config: { name: 'layer', trainable: true, dtype: 'float32' }, name: 'layer', inbound_nodes: [[['img', 0, 0, {}], ['a', 0, 0, {}]]] },
      ],
      input_layers: [['img', 0, 0]],
      output_layers: [['layer', 0, 0]],
    },
    keras_version: '2.15.0',
    backend: 'tensorflow',
  });
}

function importedLayer(json: string) {
  const result = importModelJson(json, 'model.json', 'model');
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  const node = result.document.nodes.find((n) => n.id === 'layer')!;
  // The imported model is valid as it stands: no error on any layer.
  expect(analyzeGraph(result.document).issues.filter((i) => i.severity === 'error')).toEqual([]);
  return { type: node.type, params: node.params, dropped: result.dropped };
}

function refusals(json: string) {
  const result = importModelJson(json, 'model.json', 'model');
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems.map((p) => [p.values.layer, p.values.setting ?? p.values.param, p.values.reason ?? p.code]);
}

const IMAGE = [8, 8, 3];

interface Case {
  input?: number[];
  keras2: Json;
  keras3: Json;
  params: unknown;
}

// Keras's get_config() for each type, as Keras 2 and Keras 3 write it; `params` is what we import.
const cases: Partial<Record<LayerType, Case>> = {
  DepthwiseConv2D: {
    keras2: {
      kernel_size: [3, 3], strides: [2, 2], padding: 'same', data_format: 'channels_last', dilation_rate: [1, 1], groups: 1, activation: 'relu', use_bias: true,
      bias_initializer: k2init('Zeros'), bias_regularizer: null, activity_regularizer: null, bias_constraint: null,
      depth_multiplier: 2, depthwise_initializer: k2init('GlorotUniform'), depthwise_regularizer: null, depthwise_constraint: null,
    },
    keras3: {
      kernel_size: [3, 3], strides: [2, 2], padding: 'same', depth_multiplier: 2, data_format: 'channels_last', dilation_rate: [1, 1], activation: 'relu', use_bias: true,
      depthwise_initializer: init('GlorotUniform'), bias_initializer: init('Zeros'), depthwise_regularizer: null, bias_regularizer: null, activity_regularizer: null, depthwise_constraint: null, bias_constraint: null,
    },
    params: { kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2, activation: 'relu', useBias: true },
  },
  SeparableConv2D: {
    keras2: {
      filters: 6, kernel_size: [3, 3], strides: [1, 1], padding: 'valid', data_format: 'channels_last', dilation_rate: [1, 1], groups: 1, activation: 'linear', use_bias: false,
      bias_initializer: k2init('Zeros'), bias_regularizer: null, activity_regularizer: null, bias_constraint: null,
      depth_multiplier: 1, depthwise_initializer: k2init('GlorotUniform'), pointwise_initializer: k2init('GlorotUniform'),
      depthwise_regularizer: null, pointwise_regularizer: null, depthwise_constraint: null, pointwise_constraint: null,
    },
    keras3: {
      filters: 6, kernel_size: [3, 3], strides: [1, 1], padding: 'valid', data_format: 'channels_last', dilation_rate: [1, 1], depth_multiplier: 1, activation: 'linear', use_bias: false,
      depthwise_initializer: init('GlorotUniform'), pointwise_initializer: init('GlorotUniform'), bias_initializer: init('Zeros'),
      depthwise_regularizer: null, pointwise_regularizer: null, bias_regularizer: null, activity_regularizer: null, depthwise_constraint: null, pointwise_constraint: null, bias_constraint: null,
    },
    params: { filters: 6, kernelSize: 3, strides: 1, padding: 'valid', depthMultiplier: 1, activation: 'linear', useBias: false },
  },
  Conv2DTranspose: {
    keras2: {
      filters: 4, kernel_size: [3, 3], strides: [2, 2], padding: 'same', data_format: 'channels_last', dilation_rate: [1, 1], groups: 1, activation: 'relu', use_bias: true,
      kernel_initializer: k2init('GlorotUniform'), bias_initializer: k2init('Zeros'), kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
      output_padding: null,
    },
    keras3: {
      filters: 4, kernel_size: [3, 3], strides: [2, 2], padding: 'same', data_format: 'channels_last', dilation_rate: [1, 1], activation: 'relu', use_bias: true,
      kernel_initializer: init('GlorotUniform'), bias_initializer: init('Zeros'), kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
    },
    params: { filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', useBias: true },
  },
  UpSampling2D: {
    keras2: { size: [2, 3], data_format: 'channels_last', interpolation: 'bilinear' },
    keras3: { size: [2, 3], data_format: 'channels_last', interpolation: 'bilinear' },
    params: { size: [2, 3], interpolation: 'bilinear' },
  },
  ZeroPadding2D: {
    keras2: { padding: [[1, 1], [2, 0]], data_format: 'channels_last' },
    keras3: { padding: [[1, 1], [2, 0]], data_format: 'channels_last' },
    params: { padding: [[1, 1], [2, 0]] },
  },
  Cropping2D: {
    keras2: { cropping: [[1, 0], [2, 2]], data_format: 'channels_last' },
    keras3: { cropping: [[1, 0], [2, 2]], data_format: 'channels_last' },
    params: { cropping: [[1, 0], [2, 2]] },
  },
  Reshape: {
    keras2: { target_shape: [16, 12] },
    keras3: { target_shape: [16, 12] },
    params: { targetShape: [16, 12] },
  },
  GlobalMaxPooling2D: {
    keras2: { data_format: 'channels_last', keepdims: false },
    keras3: { data_format: 'channels_last', keepdims: false },
    params: {},
  },
  LayerNormalization: {
    // Keras 2 writes the axis as the list it normalises (after build); Keras 3 as given, here a list of one.
    keras2: { axis: [3], epsilon: 0.001, center: true, scale: true, beta_initializer: k2init('Zeros'), gamma_initializer: k2init('Ones'), beta_regularizer: null, gamma_regularizer: null, beta_constraint: null, gamma_constraint: null },
    keras3: { axis: [-1], epsilon: 1e-5, center: true, scale: true, rms_scaling: false, beta_initializer: init('Zeros'), gamma_initializer: init('Ones'), beta_regularizer: null, gamma_regularizer: null, beta_constraint: null, gamma_constraint: null },
    params: undefined, // differs: checked below
  },
  ReLU: {
    keras2: { max_value: 6.0, negative_slope: 0.0, threshold: 0.0 },
    keras3: { max_value: 6.0, negative_slope: 0.0, threshold: 0.0 },
    params: { maxValue: 6 },
  },
  LeakyReLU: {
    keras2: { alpha: 0.2 },
    keras3: { negative_slope: 0.2 },
    params: { alpha: 0.2 },
  },
  Softmax: {
    keras2: { axis: -1 },
    keras3: { axis: -1 },
    params: { axis: -1 },
  },
  RandomFlip: {
    keras2: { mode: 'vertical', seed: 42 },
    keras3: { mode: 'vertical', seed: 42, data_format: 'channels_last' },
    params: { mode: 'vertical' },
  },
  RandomTranslation: {
    keras2: { height_factor: 0.2, width_factor: [-0.1, 0.3], fill_mode: 'constant', fill_value: 0.0, interpolation: 'bilinear', seed: null },
    keras3: { height_factor: 0.2, width_factor: [-0.1, 0.3], fill_mode: 'constant', fill_value: 0.0, interpolation: 'bilinear', seed: null, data_format: 'channels_last' },
    params: { heightFactor: 0.2, widthFactor: [-0.1, 0.3], fillMode: 'constant' },
  },
  RandomRotation: {
    // A pair of equal factors is a fixed turn, not the range ±factor: it must stay a pair.
    keras2: { factor: [0.1, 0.1], fill_mode: 'reflect', fill_value: 0.0, interpolation: 'bilinear', seed: 3 },
    keras3: { factor: [0.1, 0.1], fill_mode: 'reflect', fill_value: 0.0, interpolation: 'bilinear', seed: 3, data_format: 'channels_last' },
    params: { factor: [0.1, 0.1] },
  },
  RandomZoom: {
    keras2: { height_factor: [-0.2, 0.1], width_factor: null, fill_mode: 'reflect', fill_value: 0.0, interpolation: 'bilinear', seed: null },
    keras3: { height_factor: [-0.2, 0.1], width_factor: 0.1, fill_mode: 'reflect', fill_value: 0.0, interpolation: 'bilinear', seed: null, data_format: 'channels_last' },
    params: undefined, // width differs: checked below
  },
  RandomContrast: {
    keras2: { factor: 0.3, seed: null },
    keras3: { factor: 0.3, value_range: [0, 255], seed: null },
    params: { factor: 0.3 },
  },
  Rescaling: {
    keras2: { scale: 0.00392156862745098, offset: 0.0 },
    keras3: { scale: 0.00392156862745098, offset: 0.0 },
    params: { scale: 0.00392156862745098, offset: 0 },
  },
};

describe('Keras 2 and Keras 3 configs of the newer layer types', () => {
  it.each(Object.entries(cases).filter(([, c]) => c.params !== undefined))('%s imports to our params from both', (type, c) => {
    for (const json of [keras2(c.input ?? IMAGE, type, c.keras2), keras3(c.input ?? IMAGE, type, c.keras3)]) {
      const layer = importedLayer(json);
      expect(layer.type).toBe(type);
      expect(layer.params).toEqual(c.params);
    }
  });

  it('LayerNormalization: an axis written as a list of one comes in as that axis; epsilon kept', () => {
    const c = cases.LayerNormalization!;
    expect(importedLayer(keras2(IMAGE, 'LayerNormalization', c.keras2)).params).toEqual({ axis: 3, epsilon: 0.001 });
    expect(importedLayer(keras3(IMAGE, 'LayerNormalization', c.keras3)).params).toEqual({ axis: -1, epsilon: 1e-5 });
    expect(importedLayer(keras3(IMAGE, 'LayerNormalization', { ...c.keras3, axis: -1 })).params).toEqual({ axis: -1, epsilon: 1e-5 });
  });

  it('RandomZoom: no width factor (Keras None) keeps the aspect ratio; a width factor is kept', () => {
    const c = cases.RandomZoom!;
    expect(importedLayer(keras2(IMAGE, 'RandomZoom', c.keras2)).params).toEqual({ heightFactor: [-0.2, 0.1] });
    expect(importedLayer(keras3(IMAGE, 'RandomZoom', c.keras3)).params).toEqual({ heightFactor: [-0.2, 0.1], widthFactor: 0.1 });
  });

  it.each(['Multiply', 'Average', 'Maximum'] as const)('%s merges two branches from both forms', (type) => {
    for (const json of [keras2Merge(IMAGE, type), keras3(IMAGE, type, {}, true)]) {
      const result = importModelJson(json, 'model.json', 'model');
      if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
      expect(result.document.nodes.map((n) => `${n.id}:${n.type}`)).toEqual(['img:Input', 'a:ReLU', `layer:${type}`]);
      expect(result.document.edges.filter((e) => e.target === 'layer').map((e) => `${e.source}->${e.targetHandle}`)).toEqual(['img->in0', 'a->in1']);
    }
  });

  it('drops the settings that do not change the architecture, with the note', () => {
    expect(importedLayer(keras3(IMAGE, 'DepthwiseConv2D', cases.DepthwiseConv2D!.keras3)).dropped).toEqual(expect.arrayContaining(['bias_initializer', 'depthwise_initializer']));
    expect(importedLayer(keras2(IMAGE, 'SeparableConv2D', cases.SeparableConv2D!.keras2)).dropped).toEqual(expect.arrayContaining(['depthwise_initializer', 'pointwise_initializer']));
    expect(importedLayer(keras2(IMAGE, 'RandomFlip', cases.RandomFlip!.keras2)).dropped).toContain('seed');
  });
});

describe('settings of the newer types that CNN Studio does not model are refused by name', () => {
  const refused: [LayerType, 'keras2' | 'keras3', Json, [string, string, string][]][] = [
    ['LayerNormalization', 'keras3', { center: false }, [['layer', 'center', 'noCenter']]],
    ['LayerNormalization', 'keras2', { scale: false }, [['layer', 'scale', 'noScale']]],
    ['LayerNormalization', 'keras3', { rms_scaling: true }, [['layer', 'rms_scaling', 'notModelled']]],
    ['ReLU', 'keras2', { negative_slope: 0.1 }, [['layer', 'negative_slope', 'notModelled']]],
    ['ReLU', 'keras3', { threshold: 0.5 }, [['layer', 'threshold', 'notModelled']]],
    ['RandomTranslation', 'keras2', { interpolation: 'nearest' }, [['layer', 'interpolation', 'notModelled']]],
    ['RandomTranslation', 'keras3', { fill_value: 0.5 }, [['layer', 'fill_value', 'notModelled']]],
    ['RandomRotation', 'keras3', { fill_mode: 'constant' }, [['layer', 'fill_mode', 'notModelled']]],
    ['RandomZoom', 'keras2', { interpolation: 'nearest', fill_mode: 'wrap' }, [['layer', 'fill_mode', 'notModelled'], ['layer', 'interpolation', 'notModelled']]],
    ['RandomContrast', 'keras3', { value_range: [0, 1] }, [['layer', 'value_range', 'notModelled']]],
    ['DepthwiseConv2D', 'keras2', { groups: 3 }, [['layer', 'groups', 'grouped']]],
    ['SeparableConv2D', 'keras3', { dilation_rate: [2, 2] }, [['layer', 'dilation_rate', 'dilated']]],
    ['Conv2DTranspose', 'keras2', { output_padding: [1, 1] }, [['layer', 'output_padding', 'notModelled']]],
    ['GlobalMaxPooling2D', 'keras3', { keepdims: true }, [['layer', 'keepdims', 'keepdims']]],
    ['UpSampling2D', 'keras3', { data_format: 'channels_first' }, [['layer', 'data_format', 'channelsFirst']]],
  ];
  it.each(refused)('%s (%s) %j', (type, form, change, expected) => {
    const c = cases[type]!;
    const json = form === 'keras2' ? keras2(IMAGE, type, { ...c.keras2, ...change }) : keras3(IMAGE, type, { ...c.keras3, ...change });
    expect(refusals(json).sort()).toEqual(expected.sort());
  });

  it('an UpSampling2D interpolation we do not have is refused naming the param', () => {
    expect(refusals(keras3(IMAGE, 'UpSampling2D', { ...cases.UpSampling2D!.keras3, interpolation: 'bicubic' }))).toEqual([['layer', 'interpolation', 'badParam']]);
  });
});

describe('names tfjs and Keras write for our values', () => {
  it('reads tfjs’s null in a Reshape target_shape as the inferred -1', () => {
    expect(importedLayer(keras2(IMAGE, 'Reshape', { target_shape: [null, 6] })).params).toEqual({ targetShape: [-1, 6] });
  });

  it('reads hard_sigmoid (tfjs’s and Keras’s name) and silu (Keras 3’s swish) as our activations', () => {
    expect(importedLayer(keras2(IMAGE, 'Activation', { activation: 'hard_sigmoid' })).params).toEqual({ activation: 'hardSigmoid' });
    expect(importedLayer(keras3(IMAGE, 'Activation', { activation: 'silu' })).params).toEqual({ activation: 'swish' });
  });
});
