import { describe, expect, it } from 'vitest';
import { appendLayer, moveNodes, setParams } from '@/lib/graph';
import { blankDocument } from '@/lib/templates';
import { createEditorStore } from './store';

describe('editor store history', () => {
  it('one step per edit; selection is not history', () => {
    const store = createEditorStore(blankDocument());
    const { apply, select } = store.getState();
    apply(appendLayer(store.getState().doc, 'Conv2D', null).doc);
    select(['conv1']);
    apply(appendLayer(store.getState().doc, 'Flatten', 'conv1').doc);
    expect(store.temporal.getState().pastStates).toHaveLength(2);
    store.temporal.getState().undo();
    expect(store.getState().doc.nodes.map((n) => n.id)).toEqual(['input', 'conv1']);
    expect(store.getState().selectedNodeIds).toEqual(['conv1']);
    store.temporal.getState().redo();
    expect(store.getState().doc.nodes.map((n) => n.id)).toEqual(['input', 'conv1', 'flatten1']);
  });

  it('a drag or typed value is one step however many live updates it had', () => {
    const store = createEditorStore(blankDocument());
    store.getState().apply(appendLayer(store.getState().doc, 'Dense', null).doc);
    const before = store.getState().doc;
    for (let x = 1; x <= 20; x++) store.getState().applyLive(moveNodes(store.getState().doc, { dense1: { x, y: 5 } }));
    for (const units of [1, 12, 128]) {
      store.getState().applyLive(setParams(store.getState().doc, 'dense1', { units, activation: 'relu', useBias: true }));
    }
    store.getState().commitLive();
    expect(store.temporal.getState().pastStates).toHaveLength(2);
    store.temporal.getState().undo();
    expect(store.getState().doc).toBe(before);
  });
});
