import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../graph';
import { exportKeras } from '../keras/export';
import { templateDocument } from '.';

describe('template course-cnn-augmented', () => {
  const doc = templateDocument('course-cnn-augmented');

  it('is the course CNN behind rotation, zoom and translation, and no flip (mirrored hands are other signs)', () => {
    const analysis = analyzeGraph(doc);
    expect(analysis.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(analysis.order.slice(0, 5)).toEqual(['input', 'rotate', 'zoom', 'translate', 'conv1']);
    expect(doc.nodes.some((n) => n.type === 'RandomFlip')).toBe(false);
    // The layers after the block are the course CNN's, node for node.
    const course = templateDocument('course-cnn');
    expect(doc.nodes.filter((n) => !['rotate', 'zoom', 'translate'].includes(n.id)).map(({ id, type, params }) => ({ id, type, params }))).toEqual(
      course.nodes.map(({ id, type, params }) => ({ id, type, params })),
    );
    // Augmentation adds no weights: Keras's model.summary() of both models reads 264,049 parameters
    // (263,749 trainable, 300 non-trainable), the figure the course quotes for its CNN.
    expect(analysis.totals).toMatchObject({ total: 264_049, trainable: 263_749, nonTrainable: 300 });
    expect(analysis.nodes.translate!.outputShape).toEqual([28, 28, 1]);
  });

  it('exports as Keras code with the three augmentation layers in front', () => {
    const exported = exportKeras(doc);
    if (!exported.ok) throw new Error('does not export');
    expect(exported.code).toContain("layers.RandomRotation(0.03, name='rotate')(input_)");
    expect(exported.code).toContain("layers.RandomZoom(0.1, None, name='zoom')(rotate)");
    expect(exported.code).toContain("layers.RandomTranslation(0.1, 0.1, fill_mode='reflect', name='translate')(zoom)");
    expect(exported.code).toContain("name='conv1')(translate)");
  });
});
