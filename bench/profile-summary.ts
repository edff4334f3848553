/**
 * Summarises V8 CPU profiles (from `npm run bench -- --profile-worker`): self time per function and
 * per source file, heaviest first. Usage: tsx bench/profile-summary.ts <profile.cpuprofile>…
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function summarise(file: string, top = 25): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const micros = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    total += micros;
    const { functionName, url, lineNumber } = node.callFrame;
    const source = url.replace(/^.*\/(node_modules\/)/, '$1').replace(/^.*\/work\/main\//, '') || '(native)';
    const fn = `${functionName || '(anonymous)'} ${source}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
    byFile.set(source, (byFile.get(source) ?? 0) + micros);
  });
  const show = (title: string, map: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(
        `${((100 * micros) / total).toFixed(1).padStart(5)}%  ${(micros / 1e6).toFixed(1).padStart(7)} s  ${name}`,
      );
    }
  };
  console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
  show('self time by source file', byFile);
  show('self time by function', byFunction);
}

for (const file of process.argv.slice(2)) summarise(file);
