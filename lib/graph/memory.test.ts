import { describe, expect, it } from 'vitest';
import { templateDocument } from '../templates';
import type { ArchitectureDocument } from '../schema';
import { analyzeGraph } from './analyze';
import { TAB_MEMORY_BUDGET, trainingMemory } from './memory';

describe('trainingMemory', () => {
  const course = analyzeGraph(templateDocument('course-cnn'));

  it('counts conv1 of the course CNN by hand: 750 weights, Adam, 32 outputs of 28×28×75 kept for backprop', () => {
    expect(trainingMemory(course, 32).layers.conv1).toEqual({
      weights: 750 * 4,
      gradients: 750 * 4,
      optimizer: 2 * 750 * 4,
      activations: 32 * 28 * 28 * 75 * 4, // 7,526,400
      total: 3_000 + 3_000 + 6_000 + 7_526_400,
    });
  });

  it('keeps the moving statistics of BatchNormalization as weights without gradients', () => {
    const bn1 = trainingMemory(course, 32).layers.bn1!;
    expect([bn1.weights, bn1.gradients, bn1.optimizer]).toEqual([300 * 4, 150 * 4, 300 * 4]);
  });

  it('totals the course CNN at batch 32 with Adam: 25,882,880 bytes, most of it activations', () => {
    const { total, exceedsBudget } = trainingMemory(course, 32, 'adam');
    // 264,049 weights, 263,749 trainable; activations: the batch plus every layer's output × 32.
    expect(total).toEqual({
      weights: 264_049 * 4,
      gradients: 263_749 * 4,
      optimizer: 2 * 263_749 * 4,
      activations: 21_661_696,
      total: 25_882_880,
    });
    expect(exceedsBudget).toBe(false);
  });

  it('grows activations with the batch size and drops optimizer slots for SGD', () => {
    const sgd = trainingMemory(course, 64, 'sgd').total!;
    expect(sgd.activations).toBe(2 * 21_661_696);
    expect(sgd.optimizer).toBe(0);
  });

  it('warns when a model will not fit in a browser tab', () => {
    const doc: ArchitectureDocument = {
      ...templateDocument('course-cnn'),
    };
    doc.nodes = doc.nodes.map((n) => (n.type === 'Input' ? { ...n, params: { shape: [1024, 1024, 3] } } : n));
    doc.nodes = doc.nodes.map((n) => (n.type === 'Dense' && n.id === 'dense1' ? { ...n, params: { ...n.params, units: 8 } } : n));
    const memory = trainingMemory(analyzeGraph(doc), 32);
    expect(memory.total!.total).toBeGreaterThan(TAB_MEMORY_BUDGET);
    expect(memory.exceedsBudget).toBe(true);
  });

  it('gives no total while the graph has errors (never a wrong figure)', () => {
    const doc = templateDocument('course-cnn');
    const broken = { ...doc, edges: doc.edges.filter((e) => e.target !== 'flatten') };
    expect(trainingMemory(analyzeGraph(broken), 32).total).toBeNull();
  });
});
