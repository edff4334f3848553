import { readFile } from 'node:fs/promises';

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[] } };
  nodes: number[];
}

/** Live JS heap in a V8 heap snapshot (taken after a full GC): the sum of every object's own size, in MB. */
export async function liveHeapMb(file: string): Promise<number> {
  const snapshot = JSON.parse(await readFile(file, 'utf8')) as HeapSnapshot;
  const fields = snapshot.snapshot.meta.node_fields;
  const sizeAt = fields.indexOf('self_size');
  let bytes = 0;
  for (let i = sizeAt; i < snapshot.nodes.length; i += fields.length) bytes += snapshot.nodes[i] ?? 0;
  return Math.round(bytes / 1e5) / 10;
}
