import { describe, expect, it } from 'vitest';
import { appendLayer } from '@/lib/graph';
import { templateDocument } from '@/lib/templates';
import { draftOffer, readDraft } from './localDrafts';

const server = templateDocument('lenet5');
const edited = appendLayer(server, 'Dropout', 'f5').doc;

describe('local drafts', () => {
  it('reads a stored draft through the document schema, naming what is wrong with a broken one', () => {
    const ok = readDraft({ key: 'a:x', baseVersion: 3, savedAt: 1, document: JSON.parse(JSON.stringify(edited)) });
    expect(ok.ok && ok.draft.document).toEqual(edited);
    const badDoc = readDraft({ key: 'a:x', baseVersion: 3, savedAt: 1, document: { ...edited, nodes: [{ id: 'n', type: 'Conv9D', params: {}, position: { x: 0, y: 0 } }] } });
    expect(badDoc).toMatchObject({ ok: false });
    expect(!badDoc.ok && badDoc.reason).toMatch(/^draft document: nodes/);
    const badRecord = readDraft({ key: 'a:x', baseVersion: 'three', savedAt: 1, document: edited });
    expect(badRecord).toMatchObject({ ok: false });
    expect(readDraft('not a draft')).toMatchObject({ ok: false });
  });

  it('offers to restore a draft of the version the server has, or of an architecture never saved', () => {
    expect(draftOffer({ key: 'a:x', baseVersion: 3, savedAt: 1, document: edited }, { version: 3, document: server }).kind).toBe('restore');
    expect(draftOffer({ key: 'new:e1', baseVersion: null, savedAt: 1, document: edited }, { version: null, document: server }).kind).toBe('restore');
  });

  it('never offers an older draft over a newer server version, and drops a draft the server already has', () => {
    expect(draftOffer({ key: 'a:x', baseVersion: 2, savedAt: 1, document: edited }, { version: 5, document: server }).kind).toBe('stale');
    expect(draftOffer({ key: 'a:x', baseVersion: 2, savedAt: 1, document: server }, { version: 5, document: server }).kind).toBe('same');
  });
});
