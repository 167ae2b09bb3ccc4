import { bench, describe } from 'vitest';
import { blankDocument } from '../templates';
import { analyzeGraph } from './analyze';
import { appendLayer } from './edit';

// A 200-node chain: the editor runs analyzeGraph on every keystroke, so this
// must stay well under a 16 ms frame.
let doc = blankDocument();
const cycle = ['Conv2D', 'BatchNormalization', 'Dropout', 'Activation'] as const;
for (let i = 0; i < 195; i++) doc = appendLayer(doc, cycle[i % cycle.length]!, null).doc;
for (const t of ['GlobalAveragePooling2D', 'Dense', 'Dropout', 'Dense'] as const) doc = appendLayer(doc, t, null).doc;

describe('analyzeGraph', () => {
  bench(`${doc.nodes.length}-node graph`, () => {
    analyzeGraph(doc);
  });
});
