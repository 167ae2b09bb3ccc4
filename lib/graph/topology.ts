import type { ArchitectureDocument, Edge } from '../schema/document';

export function handleIndex(handle: string): number {
  return Number(handle.slice(2));
}

/** Incoming edges of each node, in input order (in0, in1, …). */
export function incomingEdges(doc: ArchitectureDocument): Map<string, Edge[]> {
  const incoming = new Map<string, Edge[]>(doc.nodes.map((n) => [n.id, []]));
  for (const edge of doc.edges) incoming.get(edge.target)?.push(edge);
  for (const list of incoming.values()) list.sort((a, b) => handleIndex(a.targetHandle) - handleIndex(b.targetHandle));
  return incoming;
}

export function outgoingEdges(doc: ArchitectureDocument): Map<string, Edge[]> {
  const outgoing = new Map<string, Edge[]>(doc.nodes.map((n) => [n.id, []]));
  for (const edge of doc.edges) outgoing.get(edge.source)?.push(edge);
  return outgoing;
}

/**
 * Kahn's algorithm: the nodes in an order where every node comes after its
 * inputs, plus the nodes that sit on or behind a cycle (never ordered).
 */
export function topologicalOrder(doc: ArchitectureDocument): { order: string[]; cyclic: Set<string> } {
  const indegree = new Map<string, number>(doc.nodes.map((n) => [n.id, 0]));
  for (const e of doc.edges) indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
  const outgoing = outgoingEdges(doc);
  const queue = doc.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  while (queue.length) {
    const id = queue.shift()!;
    order.push(id);
    for (const e of outgoing.get(id) ?? []) {
      const d = (indegree.get(e.target) ?? 0) - 1;
      indegree.set(e.target, d);
      if (d === 0) queue.push(e.target);
    }
  }
  const ordered = new Set(order);
  const cyclic = new Set(doc.nodes.filter((n) => !ordered.has(n.id)).map((n) => n.id));
  return { order, cyclic };
}

/** Nodes on a cycle itself (not merely downstream of one): those that can reach themselves. */
export function nodesOnCycles(doc: ArchitectureDocument, candidates: Set<string>): Set<string> {
  const outgoing = outgoingEdges(doc);
  const onCycle = new Set<string>();
  for (const start of candidates) {
    const stack = (outgoing.get(start) ?? []).map((e) => e.target);
    const seen = new Set<string>();
    while (stack.length) {
      const id = stack.pop()!;
      if (id === start) {
        onCycle.add(start);
        break;
      }
      if (seen.has(id) || !candidates.has(id)) continue;
      seen.add(id);
      for (const e of outgoing.get(id) ?? []) stack.push(e.target);
    }
  }
  return onCycle;
}

/** Would adding source -> target close a cycle? (Is source reachable from target?) */
export function wouldCreateCycle(doc: ArchitectureDocument, source: string, target: string): boolean {
  if (source === target) return true;
  const outgoing = outgoingEdges(doc);
  const stack = [target];
  const seen = new Set<string>();
  while (stack.length) {
    const id = stack.pop()!;
    if (id === source) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of outgoing.get(id) ?? []) stack.push(e.target);
  }
  return false;
}

/** Every node reachable downstream from the given ones. */
export function reachableFrom(doc: ArchitectureDocument, starts: string[]): Set<string> {
  const outgoing = outgoingEdges(doc);
  const seen = new Set<string>();
  const stack = [...starts];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of outgoing.get(id) ?? []) stack.push(e.target);
  }
  return seen;
}
