import { showValue } from '../layers/shared/params';
import { CURRENT_VERSION } from './document';

/**
 * Every older document format, upgraded in one place before validation.
 * Version 0 is the format of CNN Studio's first exports: no positions and no
 * input handles (inputs were ordered by edge order).
 */
type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

const migrations: Record<number, Migration> = {
  0: (doc) => {
    const nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
    const edges = Array.isArray(doc.edges) ? doc.edges : [];
    const nextHandle = new Map<unknown, number>();
    return {
      ...doc,
      version: 1,
      nodes: nodes.map((node: unknown, index: number) =>
        node && typeof node === 'object' && !('position' in node)
          ? { ...node, position: { x: 0, y: index * 120 } }
          : node,
      ),
      edges: edges.map((edge: unknown) => {
        if (!edge || typeof edge !== 'object' || 'targetHandle' in edge) return edge;
        const target = (edge as { target?: unknown }).target;
        const n = nextHandle.get(target) ?? 0;
        nextHandle.set(target, n + 1);
        return { ...edge, targetHandle: `in${n}` };
      }),
    };
  },
};

export type MigrationResult = { ok: true; value: unknown } | { ok: false; message: string };

export function migrateDocument(input: unknown): MigrationResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, message: 'expected an architecture document (a JSON object)' };
  }
  let doc = input as Record<string, unknown>;
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return { ok: false, message: `version: expected a document version number, got ${showValue(version)}` };
  }
  if (version > CURRENT_VERSION || version < 0) {
    return {
      ok: false,
      message: `version: this document has version ${version}, but CNN Studio reads versions 0 to ${CURRENT_VERSION}${version > CURRENT_VERSION ? ' (it was made by a newer CNN Studio)' : ''}`,
    };
  }
  for (let v = version; v < CURRENT_VERSION; v++) {
    const step = migrations[v];
    if (!step) return { ok: false, message: `version: no migration from version ${v}` };
    doc = step(doc);
  }
  return { ok: true, value: doc };
}
