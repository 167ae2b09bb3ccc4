/**
 * Graph edits as pure functions: document in, document out. The editor's
 * store only applies these, so undo/redo, tests and server-side checks share
 * one code path.
 */
import type { ArchitectureDocument, Edge, LayerNode, Position } from '../schema/document';
import type { IssueFix } from './issues';
import { layerDef, type LayerType } from '../layers/registry';
import { handleIndex, incomingEdges, outgoingEdges, wouldCreateCycle } from './topology';

export type EditResult = { ok: true; doc: ArchitectureDocument } | { ok: false; code: string; message: string };

/** A readable id unused in the document: conv1, conv2, … */
export function nextNodeId(doc: ArchitectureDocument, type: LayerType, taken: Set<string> = new Set()): string {
  const used = new Set([...doc.nodes.map((n) => n.id), ...taken]);
  const prefix = layerDef(type).idPrefix;
  for (let i = 1; ; i++) if (!used.has(`${prefix}${i}`)) return `${prefix}${i}`;
}

export function nextEdgeId(doc: ArchitectureDocument, taken: Set<string> = new Set()): string {
  const used = new Set([...doc.edges.map((e) => e.id), ...taken]);
  for (let i = doc.edges.length + 1; ; i++) if (!used.has(`e${i}`)) return `e${i}`;
}

export function newNode(doc: ArchitectureDocument, type: LayerType, position: Position): LayerNode {
  const params = structuredClone(layerDef(type).initialParams) as LayerNode['params'];
  return { id: nextNodeId(doc, type), type, params, position } as LayerNode;
}

export function addNode(doc: ArchitectureDocument, node: LayerNode): ArchitectureDocument {
  return { ...doc, nodes: [...doc.nodes, node] };
}

/** The first free input handle of a node (in0 for single-input layers). */
export function freeHandle(doc: ArchitectureDocument, nodeId: string): string {
  const used = new Set(doc.edges.filter((e) => e.target === nodeId).map((e) => e.targetHandle));
  for (let i = 0; ; i++) if (!used.has(`in${i}`)) return `in${i}`;
}

export interface Connection {
  source: string;
  target: string;
  targetHandle?: string | null;
}

/** Why a connection is refused, or null when it is fine. Checked while dragging. */
export function checkConnection(doc: ArchitectureDocument, c: Connection): { code: string; message: string } | null {
  const target = doc.nodes.find((n) => n.id === c.target);
  const source = doc.nodes.find((n) => n.id === c.source);
  if (!target || !source) return { code: 'unknownNode', message: 'That layer no longer exists' };
  if (c.source === c.target) return { code: 'self', message: 'A layer cannot take its own output as input' };
  const def = layerDef(target.type);
  if (def.inputs.max === 0) return { code: 'intoInput', message: 'Nothing can connect into an Input: data enters there' };
  if (doc.edges.some((e) => e.source === c.source && e.target === c.target)) {
    return { code: 'duplicate', message: `${source.type} is already connected to ${target.type}` };
  }
  const incoming = doc.edges.filter((e) => e.target === c.target);
  if (def.inputs.max === 1 && incoming.length >= 1) {
    return {
      code: 'secondInput',
      message: `${target.type} takes one input and already has one: remove it first, or merge branches with Add or Concatenate`,
    };
  }
  const handle = c.targetHandle ?? freeHandle(doc, c.target);
  if (incoming.some((e) => e.targetHandle === handle)) {
    return { code: 'handleTaken', message: `That input of ${target.type} is already connected` };
  }
  if (wouldCreateCycle(doc, c.source, c.target)) {
    return { code: 'cycle', message: `Connecting ${source.id} to ${target.id} would make a cycle` };
  }
  return null;
}

export function connect(doc: ArchitectureDocument, c: Connection): EditResult {
  const problem = checkConnection(doc, c);
  if (problem) return { ok: false, ...problem };
  const edge: Edge = {
    id: nextEdgeId(doc),
    source: c.source,
    target: c.target,
    targetHandle: c.targetHandle ?? freeHandle(doc, c.target),
  };
  return { ok: true, doc: { ...doc, edges: [...doc.edges, edge] } };
}

/** Merge layers keep their inputs packed (in0, in1, …) so the order stays what the user sees. */
function repackHandles(doc: ArchitectureDocument): ArchitectureDocument {
  const incoming = incomingEdges(doc);
  const renamed = new Map<string, string>();
  for (const [nodeId, edges] of incoming) {
    const node = doc.nodes.find((n) => n.id === nodeId);
    if (!node || layerDef(node.type).inputs.max <= 1) continue;
    edges.forEach((e, i) => {
      if (e.targetHandle !== `in${i}`) renamed.set(e.id, `in${i}`);
    });
  }
  if (renamed.size === 0) return doc;
  return { ...doc, edges: doc.edges.map((e) => (renamed.has(e.id) ? { ...e, targetHandle: renamed.get(e.id)! } : e)) };
}

export function removeEdges(doc: ArchitectureDocument, edgeIds: Iterable<string>): ArchitectureDocument {
  const drop = new Set(edgeIds);
  return repackHandles({ ...doc, edges: doc.edges.filter((e) => !drop.has(e.id)) });
}

/** Removes nodes and every edge touching them. */
export function removeNodes(doc: ArchitectureDocument, nodeIds: Iterable<string>): ArchitectureDocument {
  const drop = new Set(nodeIds);
  return repackHandles({
    ...doc,
    nodes: doc.nodes.filter((n) => !drop.has(n.id)),
    edges: doc.edges.filter((e) => !drop.has(e.source) && !drop.has(e.target)),
  });
}

export function moveNodes(doc: ArchitectureDocument, positions: Record<string, Position>): ArchitectureDocument {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (positions[n.id] ? ({ ...n, position: positions[n.id]! } as LayerNode) : n)),
  };
}

/** Params are validated by the caller (the inspector) with the layer's schema before they get here. */
export function setParams(doc: ArchitectureDocument, nodeId: string, params: LayerNode['params']): ArchitectureDocument {
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === nodeId ? ({ ...n, params } as LayerNode) : n)) };
}

export function renameDocument(doc: ArchitectureDocument, name: string): ArchitectureDocument {
  return { ...doc, name };
}

const GAP = 110;

/**
 * Appends a new layer after `afterId` (or after the last layer of the chain
 * when nothing is selected), wiring it in. If `afterId` already feeds other
 * layers, the new one is spliced in between.
 */
export function appendLayer(doc: ArchitectureDocument, type: LayerType, afterId: string | null): { doc: ArchitectureDocument; nodeId: string } {
  const outgoing = outgoingEdges(doc);
  const after =
    (afterId && doc.nodes.find((n) => n.id === afterId)) ||
    // the last layer: a node nothing reads from, preferring the latest added
    [...doc.nodes].reverse().find((n) => (outgoing.get(n.id)?.length ?? 0) === 0) ||
    null;
  const position = after ? { x: after.position.x, y: after.position.y + GAP } : { x: 0, y: 0 };
  const node = newNode(doc, type, position);
  let next = addNode(doc, node);
  if (!after || type === 'Input') return { doc: next, nodeId: node.id };
  const downstream = outgoing.get(after.id) ?? [];
  // Splice: what `after` fed now comes from the new node, which moves things below it down.
  next = {
    ...next,
    edges: next.edges.map((e) => (downstream.includes(e) ? { ...e, source: node.id } : e)),
    nodes: downstream.length
      ? next.nodes.map((n) => (n.id !== node.id && n.position.y >= position.y - 1 ? ({ ...n, position: { ...n.position, y: n.position.y + GAP } } as LayerNode) : n))
      : next.nodes,
  };
  const wired = connect(next, { source: after.id, target: node.id, targetHandle: 'in0' });
  return { doc: wired.ok ? wired.doc : next, nodeId: node.id };
}

/** Puts a new layer on the edge(s) feeding `nodeId`: Insert Flatten before a Dense. */
export function insertBefore(doc: ArchitectureDocument, nodeId: string, type: LayerType): { doc: ArchitectureDocument; nodeId: string } | null {
  const target = doc.nodes.find((n) => n.id === nodeId);
  const feeding = doc.edges.filter((e) => e.target === nodeId);
  if (!target || feeding.length !== 1) return null;
  const edge = feeding[0]!;
  const source = doc.nodes.find((n) => n.id === edge.source)!;
  const node = newNode(doc, type, {
    x: (source.position.x + target.position.x) / 2,
    y: (source.position.y + target.position.y) / 2,
  });
  const withNode = addNode({ ...doc, edges: doc.edges.filter((e) => e.id !== edge.id) }, node);
  const a: Edge = { id: nextEdgeId(withNode), source: edge.source, target: node.id, targetHandle: 'in0' };
  const withA = { ...withNode, edges: [...withNode.edges, a] };
  const b: Edge = { id: nextEdgeId(withA), source: node.id, target: nodeId, targetHandle: edge.targetHandle };
  return { doc: { ...withA, edges: [...withA.edges, b] }, nodeId: node.id };
}

export function applyFix(doc: ArchitectureDocument, fix: IssueFix): ArchitectureDocument | null {
  switch (fix.kind) {
    case 'insertBefore':
      return insertBefore(doc, fix.nodeId, fix.layerType)?.doc ?? null;
    case 'setParam': {
      const node = doc.nodes.find((n) => n.id === fix.nodeId);
      if (!node) return null;
      const parsed = layerDef(node.type).params.safeParse({ ...node.params, [fix.param]: fix.value });
      return parsed.success ? setParams(doc, node.id, parsed.data as LayerNode['params']) : null;
    }
  }
}

/** Copied layers with the edges between them (edges to outside are left behind). */
export interface Clipboard {
  nodes: LayerNode[];
  edges: Edge[];
}

export function copySelection(doc: ArchitectureDocument, nodeIds: Iterable<string>): Clipboard {
  const ids = new Set(nodeIds);
  return {
    nodes: doc.nodes.filter((n) => ids.has(n.id)).map((n) => structuredClone(n)),
    edges: doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({ ...e })),
  };
}

/** Pastes with fresh ids, offset so the copy does not hide the original. Returns the new node ids. */
export function paste(doc: ArchitectureDocument, clip: Clipboard, offset: Position = { x: 40, y: 40 }): { doc: ArchitectureDocument; nodeIds: string[] } {
  const idMap = new Map<string, string>();
  const taken = new Set<string>();
  const nodes = clip.nodes.map((n) => {
    const id = nextNodeId(doc, n.type, taken);
    taken.add(id);
    idMap.set(n.id, id);
    return { ...structuredClone(n), id, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } } as LayerNode;
  });
  const takenEdges = new Set<string>();
  const edges = clip.edges.map((e) => {
    const id = nextEdgeId(doc, takenEdges);
    takenEdges.add(id);
    return { ...e, id, source: idMap.get(e.source)!, target: idMap.get(e.target)! };
  });
  return { doc: { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] }, nodeIds: nodes.map((n) => n.id) };
}

export { handleIndex };
