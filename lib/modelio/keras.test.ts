// Keras and TF.js model files in: the documented Keras examples come in with
// the parameter counts Keras's model.summary() prints, unsupported layers and
// settings are refused all at once by layer name, and bad files get a message
// naming the file and the problem.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../graph';
import { LIMITS } from '../schema';
import { templateDocument } from '../templates';
import keras2Mnist from './fixtures/keras2-mnist-convnet.json' with { type: 'json' };
import keras3Mnist from './fixtures/keras3-mnist-convnet.json' with { type: 'json' };
import keras3ToyResnet from './fixtures/keras3-toy-resnet.json' with { type: 'json' };
import { readModelFiles, type PickedFile } from './files';
import { importModelJson } from './keras';
import { MAX_MODEL_JSON_BYTES, MAX_PICKED_FILE_BYTES, pickedTooLarge } from './problems';

const file = (name: string, value: unknown): PickedFile => ({ name, bytes: strToU8(typeof value === 'string' ? value : JSON.stringify(value)) });

function imported(name: string, value: unknown) {
  const result = readModelFiles([file(name, value)]);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result;
}

function totals(doc: Parameters<typeof analyzeGraph>[0]) {
  const analysis = analyzeGraph(doc);
  expect(analysis.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return analysis.totals!;
}

describe('Keras JSON', () => {
  it('reads the Keras 2 Sequential MNIST convnet whose first layer carries batch_input_shape (no InputLayer)', () => {
    const result = imported('mnist_convnet.json', keras2Mnist);
    expect(result.format).toBe('keras');
    expect(result.document.name).toBe('mnist_convnet');
    expect(result.document.nodes.map((n) => `${n.id}:${n.type}`)).toEqual([
      'input:Input',
      'conv2d_1:Conv2D',
      'max_pooling2d_1:MaxPooling2D',
      'conv2d_2:Conv2D',
      'max_pooling2d_2:MaxPooling2D',
      'flatten_1:Flatten',
      'dropout_1:Dropout',
      'dense_1:Dense',
    ]);
    expect(result.document.nodes[0]!.params).toEqual({ shape: [28, 28, 1] });
    expect(result.document.nodes[1]!.params).toEqual({ filters: 32, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu', useBias: true });
    // keras.io "Simple MNIST convnet", model.summary(): Total params: 34,826
    // (by hand: 3·3·1·32+32 = 320; 3·3·32·64+64 = 18,496; 1600·10+10 = 16,010).
    expect(totals(result.document)).toEqual({ total: 34_826, trainable: 34_826, nonTrainable: 0 });
    // Settings that do not change the architecture are left out with one note.
    expect(result.dropped).toEqual(expect.arrayContaining(['bias_initializer', 'dtype', 'kernel_initializer', 'trainable']));
    // Laid out: not every layer at one spot.
    expect(new Set(result.document.nodes.map((n) => n.position.y)).size).toBe(result.document.nodes.length);
  });

  it('reads the Keras 3 form of the same model (InputLayer with batch_shape, dtype policies) to the same layers', () => {
    const result = imported('model.json', keras3Mnist);
    expect(result.document.nodes.map((n) => n.type)).toEqual(['Input', 'Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dropout', 'Dense']);
    expect(result.document.nodes[0]!.id).toBe('input_layer');
    expect(totals(result.document).total).toBe(34_826);
  });

  it('reads the Keras 3 functional toy ResNet with its two skip connections', () => {
    const result = imported('toy_resnet.json', keras3ToyResnet);
    const adds = result.document.edges.filter((e) => e.target === 'add' || e.target === 'add_1').map((e) => `${e.source}->${e.target}:${e.targetHandle}`);
    expect(adds.sort()).toEqual(['add->add_1:in1', 'conv2d_3->add:in0', 'conv2d_5->add_1:in0', 'max_pooling2d->add:in1']);
    // keras.io functional API guide, toy_resnet.summary(): Total params: 223,242
    // (by hand: 896 + 18,496 + 5 × 36,928 + 16,640 + 2,570).
    expect(totals(result.document)).toEqual({ total: 223_242, trainable: 223_242, nonTrainable: 0 });
    expect(result.document.nodes.find((n) => n.id === 'dense_1')!.params).toEqual({ units: 10, activation: 'linear', useBias: true });
  });

  it('reads config.json from a .keras zip and says its weights are not read', () => {
    const keras = zipSync({ 'config.json': strToU8(JSON.stringify(keras3ToyResnet)), 'metadata.json': strToU8('{"keras_version":"3.3.3"}'), 'model.weights.h5': new Uint8Array(16) });
    const result = readModelFiles([{ name: 'toy_resnet.keras', bytes: keras }]);
    if (!result.ok) throw new Error(result.problems[0]!.message);
    expect(result.kerasWeightsIgnored).toBe(true);
    expect(result.weights).toBeNull();
    expect(result.document.name).toBe('toy_resnet');
    expect(result.document.nodes).toHaveLength(15);
  });

  it('reads the converter form (modelTopology.model_config) of a TF.js model.json', () => {
    const converted = { format: 'layers-model', generatedBy: 'keras v2.2.4', convertedBy: 'TensorFlow.js Converter v4.22.0', modelTopology: { keras_version: '2.2.4', backend: 'tensorflow', model_config: keras2Mnist, training_config: { loss: 'categorical_crossentropy' } } };
    const result = imported('model.json', converted);
    expect(result.format).toBe('tfjs');
    expect(result.weightsNotGiven).toBe(false);
    expect(totals(result.document).total).toBe(34_826);
  });

  it('takes our own document JSON too', () => {
    const doc = templateDocument('residual');
    const result = imported('residual.json', doc);
    expect(result.format).toBe('document');
    expect(result.document).toEqual(doc);
  });
});

describe('refusals', () => {
  it('lists every unsupported layer and setting at once, by layer name, and imports nothing', () => {
    const model = structuredClone(keras3ToyResnet) as typeof keras3ToyResnet;
    const layers = model.config.layers as { class_name: string; config: Record<string, unknown> }[];
    layers[1]!.config.dilation_rate = [2, 2];
    layers[2]!.config.data_format = 'channels_first';
    layers[4]!.config.kernel_regularizer = { module: 'keras.regularizers', class_name: 'L2', config: { l2: 0.01 }, registered_name: null };
    layers[5]!.config.kernel_constraint = { module: 'keras.constraints', class_name: 'MaxNorm', config: { max_value: 2 } };
    layers[11]!.class_name = 'MyCustomBlock';
    const result = readModelFiles([file('toy_resnet.json', model)]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.message)).toEqual([
      '"conv2d" (Conv2D): dilation_rate=[2,2] is dilated (dilation_rate must be 1)',
      '"conv2d_1" (Conv2D): data_format="channels_first" is channels_first (CNN Studio works channels-last)',
      expect.stringMatching(/^"conv2d_2" \(Conv2D\): kernel_regularizer=.*adds a regularizer/),
      expect.stringMatching(/^"conv2d_3" \(Conv2D\): kernel_constraint=.*adds a constraint/),
      '"global_average_pooling2d" is a MyCustomBlock, a layer type CNN Studio does not have',
    ]);
    expect(result.problems.map((p) => p.values.layer)).toEqual(['conv2d', 'conv2d_1', 'conv2d_2', 'conv2d_3', 'global_average_pooling2d']);
  });

  it('refuses a non-image input, a variable size, a non-float dtype and a shared layer', () => {
    const text = structuredClone(keras3ToyResnet) as typeof keras3ToyResnet;
    (text.config.layers[0]!.config as Record<string, unknown>).batch_shape = [null, 100];
    (text.config.layers[0]!.config as Record<string, unknown>).dtype = 'int32';
    const r1 = readModelFiles([file('text.json', text)]);
    expect(!r1.ok && r1.problems.map((p) => [p.code, p.values.layer])).toEqual([['inputShape', 'img']]);

    const variable = structuredClone(keras3Mnist) as typeof keras3Mnist;
    (variable.config.layers[0]!.config as Record<string, unknown>).batch_shape = [null, null, null, 1];
    const r2 = readModelFiles([file('variable.json', variable)]);
    expect(!r2.ok && r2.problems[0]!.message).toContain('has a size that varies (None)');

    const shared = structuredClone(keras3ToyResnet) as typeof keras3ToyResnet;
    const layer = shared.config.layers[4] as { inbound_nodes: unknown[] };
    layer.inbound_nodes = [...layer.inbound_nodes, ...layer.inbound_nodes];
    const r3 = readModelFiles([file('shared.json', shared)]);
    expect(!r3.ok && r3.problems.map((p) => p.message)).toEqual(['"conv2d_2" is called 2 times (a shared layer); CNN Studio layers are used once']);
  });

  it('refuses a BatchNormalization without its learned offset or on another axis, and keeps the usual one', () => {
    const bn = (config: Record<string, unknown>) => ({
      class_name: 'Sequential',
      config: {
        name: 'bn',
        layers: [
          { class_name: 'InputLayer', config: { batch_input_shape: [null, 8, 8, 3], dtype: 'float32', sparse: false, name: 'in' } },
          { class_name: 'BatchNormalization', config: { name: 'bn', axis: -1, momentum: 0.9, epsilon: 0.001, center: true, scale: true, beta_initializer: { class_name: 'Zeros', config: {} }, ...config } },
        ],
      },
    });
    const usual = readModelFiles([file('bn.json', bn({}))]);
    expect(usual.ok && usual.document.nodes[1]!.params).toEqual({ momentum: 0.9, epsilon: 0.001 });
    const refused = readModelFiles([file('bn.json', bn({ center: false, axis: 1 }))]);
    expect(!refused.ok && refused.problems.map((p) => [p.values.setting, p.values.reason])).toEqual([
      ['axis', 'normalizedAxis'],
      ['center', 'noCenter'],
    ]);
  });

  it('imports the architecture of a model.json whose weight files were not picked, and says so', () => {
    const modelJson = { modelTopology: keras2Mnist, format: 'layers-model', weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [{ name: 'conv2d_1/kernel', shape: [3, 3, 1, 32], dtype: 'float32' }] }] };
    const result = imported('model.json', modelJson);
    expect(result.weights).toBeNull();
    expect(result.weightsNotGiven).toBe(true);
  });

  it('refuses a value our params reject, naming the layer and param', () => {
    const model = structuredClone(keras2Mnist) as typeof keras2Mnist;
    (model.config.layers[6]!.config as Record<string, unknown>).activation = 'gelu_approximate';
    const result = readModelFiles([file('m.json', model)]);
    expect(!result.ok && result.problems.map((p) => [p.code, p.values.layer, p.values.param])).toEqual([['badParam', 'dense_1', 'activation']]);
  });
});

describe('bad files', () => {
  it('names a truncated zip', () => {
    const zip = zipSync({ 'model.json': strToU8(JSON.stringify(keras2Mnist)), 'model.weights.bin': new Uint8Array(4000) });
    const result = readModelFiles([{ name: 'Course-CNN.zip', bytes: zip.slice(0, zip.length - 30) }]);
    expect(!result.ok && result.problems.map((p) => [p.code, p.values.file])).toEqual([['zipUnreadable', 'Course-CNN.zip']]);
  });

  it('names weights whose byte count does not match the manifest, and a missing shard', () => {
    const manifest = [{ paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'], weights: [{ name: 'conv2d_1/kernel', shape: [3, 3, 1, 32], dtype: 'float32' }] }];
    const modelJson = { modelTopology: keras2Mnist, format: 'layers-model', weightsManifest: manifest };
    const short = readModelFiles([file('model.json', modelJson), { name: 'group1-shard1of2.bin', bytes: new Uint8Array(1000) }, { name: 'group1-shard2of2.bin', bytes: new Uint8Array(100) }]);
    expect(!short.ok && short.problems.map((p) => p.message)).toEqual(['group1-shard1of2.bin, group1-shard2of2.bin: 1100 bytes of weights, but model.json describes 1152']);
    const missing = readModelFiles([file('model.json', modelJson), { name: 'group1-shard1of2.bin', bytes: new Uint8Array(1152) }]);
    expect(!missing.ok && missing.problems.map((p) => [p.code, p.values.file, p.values.shard])).toEqual([['missingShard', 'model.json', 'group1-shard2of2.bin']]);
  });

  it('names a JSON over the size limit without parsing it', () => {
    const big = { name: 'huge.json', bytes: new Uint8Array(MAX_MODEL_JSON_BYTES + 1) };
    const result = readModelFiles([big]);
    expect(!result.ok && result.problems.map((p) => [p.code, p.values.file])).toEqual([['tooLarge', 'huge.json']]);
  });

  it('names files too large to read from their sizes alone', () => {
    const problems = pickedTooLarge([
      { name: 'model.json', size: MAX_MODEL_JSON_BYTES + 1 },
      { name: 'group1-shard1of1.bin', size: 1000 },
      { name: 'weights.zip', size: MAX_PICKED_FILE_BYTES + 1 },
    ]);
    expect(problems.map((p) => [p.code, p.values.file])).toEqual([
      ['tooLarge', 'model.json'],
      ['tooLarge', 'weights.zip'],
    ]);
  });

  it('names a model of 10,000 layers', () => {
    const first = keras2Mnist.config.layers[0]!;
    const layers = Array.from({ length: 10_000 }, (_, i) => (i === 0 ? first : { class_name: 'Activation', config: { name: `act${i}`, activation: 'relu' } }));
    const result = readModelFiles([file('deep.json', { class_name: 'Sequential', config: { name: 'deep', layers } })]);
    expect(!result.ok && result.problems.map((p) => p.message)).toEqual([`deep.json has 10000 layers; CNN Studio takes at most ${LIMITS.nodes}`]);
  });

  it('names a file that is not JSON, or not a model', () => {
    const notJson = readModelFiles([file('model.json', '{"modelTopology": ')]);
    expect(!notJson.ok && notJson.problems.map((p) => [p.code, p.values.file])).toEqual([['notJson', 'model.json']]);
    const notModel = importModelJson('{"hello": 1}', 'hello.json', 'hello');
    expect(!notModel.ok && notModel.problems.map((p) => [p.code, p.values.file])).toEqual([['notAModel', 'hello.json']]);
    const none = readModelFiles([{ name: 'weights.bin', bytes: new Uint8Array(8) }]);
    expect(!none.ok && none.problems[0]!.code).toBe('noModelFile');
  });
});
