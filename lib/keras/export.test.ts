import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pythonComment } from '../codegen/python';
import { anyText, hasPython, parsePython } from '../codegen/testing';
import { templateDocument, type TemplateId } from '../templates';
import type { ArchitectureDocument } from '../schema';
import { exportKeras, modelName, variableNames } from './export';

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

/** The same document with other node ids (edges follow), as a hand-edited or hostile file could carry. */
function withIds(doc: ArchitectureDocument, ids: readonly string[]): ArchitectureDocument {
  const rename = new Map(doc.nodes.map((n, i) => [n.id, ids[i]!]));
  return {
    ...doc,
    nodes: doc.nodes.map((n) => ({ ...n, id: rename.get(n.id)! }) as typeof n),
    edges: doc.edges.map((e) => ({ ...e, source: rename.get(e.source)!, target: rename.get(e.target)! })),
  };
}

describe('exportKeras with hostile names', () => {
  it('keeps a name with a carriage return in the comment line instead of running it', () => {
    const code = codeOf({ ...templateDocument('course-cnn'), name: 'Nice CNN\rprint("INJECTED")' });
    expect(code.split(/\r\n|\r|\n/)[0]).toBe('# Nice CNN\\rprint("INJECTED")');
    expect(code).not.toMatch(/^print/m);
    expect(code).not.toMatch(/[\r\u2028\u2029\x85\x0b\x0c]/);
  });

  it.skipIf(!hasPython)('any Unicode name and node ids give Python with exactly the statements of a plain export (python3 judges)', () => {
    const templates: TemplateId[] = ['course-cnn', 'residual'];
    const cases = fc.sample(
      fc.record({
        template: fc.constantFrom(...templates),
        name: anyText({ minLength: 1, maxLength: 40 }),
        ids: fc.uniqueArray(anyText({ minLength: 1, maxLength: 12 }), { minLength: 16, maxLength: 16 }),
      }),
      { numRuns: 150, seed: 13 },
    );
    const docs = cases.map(({ template, name, ids }) => {
      const base = templateDocument(template);
      return { plain: { ...base, name: 'plain' }, hostile: withIds({ ...base, name }, ids.slice(0, base.nodes.length)) };
    });
    const plainCode = docs.map((d) => codeOf(d.plain));
    const hostileCode = docs.map((d) => codeOf(d.hostile));
    const parsed = parsePython([...plainCode, ...hostileCode]);
    cases.forEach((c, i) => {
      const plain = parsed[i]!;
      const hostile = parsed[cases.length + i]!;
      const shown = JSON.stringify(c);
      expect(plain.error, shown).toBeNull();
      expect(hostile.error, shown).toBeNull();
      // Same statements, same shape: nothing injected, nothing lost.
      expect(hostile.skeleton, shown).toEqual(plain.skeleton);
      expect(hostile.comments.length, shown).toBe(plain.comments.length);
      expect(hostile.comments[0], shown).toBe(`# ${pythonComment(c.name)}`);
      // Every string constant is what the exporter meant: the model's name from the document name, the rest as in the plain export
      // except layer names, which are the ids themselves when Keras accepts them.
      expect(hostile.strings.at(-1), shown).toBe(modelName(c.name));
      expect(hostile.strings.length, shown).toBe(plain.strings.length);
      for (const value of hostile.strings) {
        const meant = plain.strings.includes(value) || c.ids.includes(value) || value === modelName(c.name) || /^[A-Za-z_]\w*$/.test(value);
        expect(meant, `${JSON.stringify(value)} in ${shown}`).toBe(true);
      }
    });
  });
});
