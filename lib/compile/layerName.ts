/**
 * tfjs only accepts names matching /^[A-Za-z0-9][-A-Za-z0-9._\/]*$/; our node
 * ids may start with '-' or '_'. Valid ids are used as they are, so weights and
 * feature maps read "conv1/kernel"; the rest get a prefix, made unique.
 */
const validName = /^[A-Za-z0-9][-A-Za-z0-9._/]*$/;

export function layerNamesFor(nodeIds: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>(nodeIds.filter((id) => validName.test(id)));
  for (const id of nodeIds) {
    if (validName.test(id)) {
      names.set(id, id);
      continue;
    }
    let name = `node${id}`;
    for (let n = 2; used.has(name); n++) name = `node${id}_${n}`;
    used.add(name);
    names.set(id, name);
  }
  return names;
}
