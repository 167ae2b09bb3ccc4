import { describe, expect, it } from 'vitest';
import { blankDocument, templateDocument } from '../templates';
import { analyzeGraph } from './analyze';
import { appendLayer, applyFix, checkConnection, connect, copySelection, paste, removeNodes } from './edit';
import { autoLayout } from './layout';

describe('graph edits', () => {
  it('builds a chain by appending, each layer wired to the one before', () => {
    let doc = blankDocument();
    for (const type of ['Conv2D', 'MaxPooling2D', 'Flatten', 'Dense'] as const) doc = appendLayer(doc, type, null).doc;
    expect(doc.nodes.map((n) => n.id)).toEqual(['input', 'conv1', 'maxpool1', 'flatten1', 'dense1']);
    const a = analyzeGraph(doc);
    expect(a.errorCount).toBe(0);
    expect(a.nodes.maxpool1!.outputShape).toEqual([14, 14, 32]);
  });

  it('appending after a node in the middle splices the new layer in', () => {
    const doc = templateDocument('dense-baseline');
    const { doc: next, nodeId } = appendLayer(doc, 'Dropout', 'dense1');
    expect(next.edges.filter((e) => e.source === 'dense1').map((e) => e.target)).toEqual([nodeId]);
    expect(next.edges.filter((e) => e.source === nodeId).map((e) => e.target)).toEqual(['dense2']);
    expect(analyzeGraph(next).errorCount).toBe(0);
  });

  it('refuses cycles, second inputs and connections into the Input, with reasons', () => {
    const doc = templateDocument('dense-baseline');
    expect(checkConnection(doc, { source: 'output', target: 'flatten' })?.code).toBe('secondInput');
    expect(checkConnection(doc, { source: 'dense2', target: 'input' })?.code).toBe('intoInput');
    const opened = removeNodes(doc, []);
    const noFeed = { ...opened, edges: opened.edges.filter((e) => e.target !== 'dense1') };
    expect(checkConnection(noFeed, { source: 'dense2', target: 'dense1' })?.code).toBe('cycle');
    expect(connect(noFeed, { source: 'flatten', target: 'dense1' }).ok).toBe(true);
  });

  it('the Insert Flatten fix makes a Dense after a Conv2D valid', () => {
    let doc = blankDocument();
    doc = appendLayer(doc, 'Conv2D', null).doc;
    doc = appendLayer(doc, 'Dense', null).doc;
    const issue = analyzeGraph(doc).nodes.dense1!.issues[0]!;
    expect(issue.code).toBe('denseNeedsFlat');
    const fixed = applyFix(doc, issue.fix!)!;
    const a = analyzeGraph(fixed);
    expect(a.nodes.dense1!.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(a.nodes.flatten1!.outputShape).toEqual([28 * 28 * 32]);
  });

  it('removing a merge input repacks the remaining handles', () => {
    const doc = templateDocument('residual');
    const next = removeNodes(doc, ['res_b']);
    expect(next.edges.filter((e) => e.target === 'add').map((e) => e.targetHandle)).toEqual(['in0']);
  });

  it('copy/paste keeps inner edges with fresh ids', () => {
    const doc = templateDocument('residual');
    const clip = copySelection(doc, ['res_a', 'res_b', 'add']);
    expect(clip.edges.map((e) => e.id)).toEqual(['e3', 'e5']);
    const { doc: next, nodeIds } = paste(doc, clip);
    expect(nodeIds).toEqual(['conv1', 'conv2', 'add1']);
    expect(next.edges.filter((e) => nodeIds.includes(e.source)).map((e) => [e.source, e.target])).toEqual([
      ['conv1', 'conv2'],
      ['conv2', 'add1'],
    ]);
    expect(new Set(next.edges.map((e) => e.id)).size).toBe(next.edges.length);
  });

  it('auto-layout places every node, inputs above their consumers', () => {
    const doc = templateDocument('residual');
    const pos = autoLayout(doc);
    expect(Object.keys(pos).sort()).toEqual(doc.nodes.map((n) => n.id).sort());
    for (const e of doc.edges) expect(pos[e.source]!.y).toBeLessThan(pos[e.target]!.y);
  });
});
