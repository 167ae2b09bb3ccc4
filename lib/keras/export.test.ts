import { describe, expect, it } from 'vitest';
import { templateDocument } from '../templates';
import type { ArchitectureDocument } from '../schema';
import { exportKeras, variableNames } from './export';

function codeOf(doc: ArchitectureDocument): string {
  const result = exportKeras(doc);
  if (!result.ok) throw new Error(`refused: ${result.issues.map((i) => i.message).join('; ')}`);
  return result.code;
}

describe('exportKeras', () => {
  it('writes the course CNN as tf.keras functional code, layer by layer with the editor’s numbers', () => {
    const code = codeOf(templateDocument('course-cnn'));
    expect(code).toContain('from tensorflow import keras');
    expect(code).toContain("keras.Input(shape=(28, 28, 1), name='input')");
    expect(code).toContain("conv1 = layers.Conv2D(75, (3, 3), strides=(1, 1), padding='same', activation='relu', use_bias=True, name='conv1')(input_)");
    expect(code).toMatch(/bn1 = layers\.BatchNormalization\(momentum=0\.99, epsilon=0\.001, name='bn1'\)\(conv1\)/);
    expect(code).toContain("pool1 = layers.MaxPooling2D(pool_size=(2, 2), strides=(2, 2), padding='same', name='pool1')(bn1)");
    expect(code).toContain("layers.Dropout(0.2, name='drop1')");
    expect(code).toContain("layers.Dense(24, activation='softmax', use_bias=True");
    expect(code).toContain('(total 264,049: 263,749 trainable, 300 non-trainable)');
    expect(code).toMatch(/^model = keras\.Model\(inputs=input_, outputs=output, name='[A-Za-z][\w.-]*'\)$/m);
    // Every layer line uses only variables defined above it.
    const defined = new Set<string>();
    for (const line of code.split('\n')) {
      const input = /^(\w+) = keras\.Input\(/.exec(line);
      if (input) defined.add(input[1]!);
      const m = /^(\w+) = .*\)\((\[?[\w, ]+\]?)\)$/.exec(line);
      if (!m) continue;
      for (const used of m[2]!.replace(/[[\]]/g, '').split(',').map((s) => s.trim())) expect(defined.has(used), `${used} before its definition`).toBe(true);
      defined.add(m[1]!);
    }
    expect(defined.size).toBe(templateDocument('course-cnn').nodes.length);
  });

  it('passes merge layers their inputs as a list, in input order', () => {
    const code = codeOf(templateDocument('residual'));
    expect(code).toMatch(/= layers\.Add\(name='\w+'\)\(\[\w+, \w+\]\)/);
    expect(code).toContain('layers.GlobalAveragePooling2D(');
  });

  it('refuses a graph with errors, naming them, instead of writing code that would not build', () => {
    const doc = templateDocument('course-cnn');
    const broken: ArchitectureDocument = { ...doc, edges: doc.edges.filter((e) => e.target !== 'flatten') };
    const result = exportKeras(broken);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
  });

  it('turns any node id into a unique Python name that is not a keyword', () => {
    expect([...variableNames(['in', 'conv-1', 'conv_1', '2d', 'model', 'input']).values()]).toEqual(['in_', 'conv_1', 'conv_1_2', 'x_2d', 'model_', 'input_']);
  });
});
