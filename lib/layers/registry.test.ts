// Every registered layer type has every part: params, shape, count, inspector
// fields, a tfjs build, Keras code and messages in both languages. A new type
// that forgets one fails here by name (and a missing tfjs.ts fails tsc).
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { generate } from '../../scripts/setup/05-layer-registries.mjs';
import { messagesByLocale } from '../i18n/messages';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { layerDef, layerTypes, layersIn, type LayerType } from './registry';
import { categoryOrder } from './registry';
import { tfjsRegistry } from './tfjs.generated';
import type { Shape } from '../graph/shape';
import type { TfjsBuild } from './shared/tfjs';

/** An input each layer type accepts with its initial params (most take an image). */
function sampleInputs(type: LayerType): Shape[] {
  const def = layerDef(type);
  if (def.inputs.max === 0) return [];
  const image: Shape = [16, 16, 4];
  const tryShapes: Shape[] = [image, [64], [16, 16]];
  for (const shape of tryShapes) {
    const inputs = Array.from({ length: def.inputs.min }, () => shape);
    if (def.outputShape(inputs, def.initialParams).ok) return inputs;
  }
  return Array.from({ length: def.inputs.min }, () => image);
}

type Messages = {
  layers: { descriptions: Record<string, string>; params: Record<string, string>; groups: Record<string, string> };
  editor: { node: { settings: Record<string, string> } };
};

describe('every layer type has every part', () => {
  it('lists the registered types (the registry is generated from lib/layers)', () => {
    expect(layerTypes.length).toBeGreaterThanOrEqual(12);
    const generated = generate() as Record<string, string>;
    for (const [file, text] of Object.entries(generated)) {
      expect(readFileSync(path.join(__dirname, file), 'utf8'), `${file} is stale: run npm run setup`).toBe(text);
    }
  });

  describe.each(layerTypes)('%s', (type) => {
    const def = layerDef(type);

    it('validates its initial params and fills Keras defaults from {}', () => {
      expect(def.params.safeParse(def.initialParams).success).toBe(true);
      expect(def.type).toBe(type);
      expect(def.idPrefix).toMatch(/^[a-z][a-z0-9_]*$/);
    });

    it('infers an output shape and a parameter count with its initial params', () => {
      const inputs = sampleInputs(type);
      const out = def.outputShape(inputs, def.initialParams);
      expect(out.ok, JSON.stringify(out)).toBe(true);
      const count = def.paramCount(inputs, def.initialParams);
      expect(Number.isInteger(count.trainable) && count.trainable >= 0).toBe(true);
      expect(Number.isInteger(count.nonTrainable) && count.nonTrainable >= 0).toBe(true);
      expect(typeof def.summary(def.initialParams)).toBe('string');
    });

    it('has an inspector field for every param, and no field for a param it lacks', () => {
      const keys = Object.keys(def.params.parse({ ...def.initialParams }) as object);
      const fieldKeys = def.fields.map((f) => f.key);
      expect([...fieldKeys].sort()).toEqual([...new Set([...keys, ...fieldKeys])].sort());
      for (const key of fieldKeys) expect(keys.includes(key) || def.fields.some((f) => f.key === key && 'optional' in f && f.optional)).toBe(true);
    });

    it('builds in tfjs with its initial params and agrees with the shape inference', () => {
      if (type === 'Input') return;
      const build = (tfjsRegistry as Record<string, TfjsBuild<unknown>>)[type];
      expect(build, `${type}/tfjs.ts`).toBeTypeOf('function');
      const inputs = sampleInputs(type);
      const layer = build!(def.initialParams, { name: `probe_${type}`, initializer: () => undefined, seed: 1 });
      const symbolic = inputs.map((s) => tf.input({ shape: [...s] }));
      const out = layer.apply(symbolic.length === 1 ? symbolic[0]! : symbolic) as tf.SymbolicTensor;
      const expected = def.outputShape(inputs, def.initialParams);
      expect(expected.ok && out.shape.slice(1)).toEqual(expected.ok && expected.shape);
    });

    it('writes itself as Keras Python named after the node', () => {
      const code = def.keras(def.initialParams, "'node1'");
      expect(code).toMatch(type === 'Input' ? /^keras\.Input\(/ : new RegExp(`^layers\\.${type}\\(`));
      expect(code).toContain("name='node1'");
    });

    it.each(['en', 'zh-CN'] as const)('has its messages in %s', (locale) => {
      const all = messagesByLocale[locale] as unknown as Messages;
      const m = all.layers;
      expect(all.editor.node.settings[type], `editor.node.settings.${type} (the screen-reader label)`).toBeTruthy();
      expect(typeof def.spoken(def.initialParams, def.inputs.min)).toBe('object');
      expect(m.descriptions[type], `layers.descriptions.${type}`).toBeTruthy();
      expect(m.groups[def.category], `layers.groups.${def.category}`).toBeTruthy();
      for (const field of def.fields) expect(m.params[field.key], `layers.params.${field.key}`).toBeTruthy();
    });
  });

  it('puts every type in exactly one palette group', () => {
    const listed = categoryOrder.flatMap((c) => layersIn(c));
    expect([...listed].sort()).toEqual([...layerTypes].sort());
  });
});

describe('closestLayerType', () => {
  it('suggests the type a mistyped name meant, and nothing for a name far from every type', async () => {
    const { closestLayerType } = await import('./registry');
    expect(closestLayerType('conv2d')).toBe('Conv2D');
    expect(closestLayerType('Conv3D')).toBe('Conv2D');
    expect(closestLayerType('MaxPool2D')).toBe('MaxPooling2D');
    expect(closestLayerType('Banana')).toBeNull();
    expect(closestLayerType('x'.repeat(10_000))).toBeNull();
  });
});
