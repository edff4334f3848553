import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DefaultLogger, bundleWorkflowCode } from '@temporalio/worker';
import { sharedDomain } from '../../workflows/shared-modules';
import { bundlerOptions, workflowsPath } from '../../worker/bundle-options';

/** The source of each module in a webpack development bundle, by module id. */
function modulesOf(code: string): Map<string, string> {
  const starts = [...code.matchAll(/^\/\*\*\*\/ "([^"]+)"/gm)];
  return new Map(
    starts.map((match, i) => [match[1]!, code.slice(match.index, starts[i + 1]?.index ?? code.length)]),
  );
}

describe('workflow bundle', () => {
  let modules: Map<string, string>;
  beforeAll(async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: workflowsPath(),
      ...bundlerOptions(),
      logger: new DefaultLogger('WARN'),
    });
    modules = modulesOf(code);
  }, 60_000);

  it('holds the domain once, in the module the worker preloads, not in the per-cycle workflow module', () => {
    const shared = modules.get('./workflows/shared-modules.ts');
    const perCycle = modules.get('./workflows/index.ts');
    expect(shared).toMatch(/^;\/\/ \.\/domain\/steps\.ts$/m);
    expect(shared).toMatch(/^;\/\/ \.\/node_modules\/zod\//m);
    expect(perCycle).toBeDefined();
    expect(perCycle).not.toMatch(/^;\/\/ \.\/(domain|node_modules\/zod)\//m);
    expect(perCycle).toMatch(/^;\/\/ \.\/workflows\/promise-cycle\.ts$/m);
    expect([...modules.keys()].filter((id) => id.startsWith('./domain/'))).toEqual([]);
  });

  it('preloads only a function, so the SDK freezes nothing zod still writes to', () => {
    const preload = modules.get('./workflows/shared-modules.ts')!;
    const exported = /__webpack_require__\.d\(__webpack_exports__, \{([^}]*)\}/.exec(preload)?.[1] ?? '';
    expect(
      exported
        .trim()
        .split(/\s*,\s*/)
        .map((e) => e.split(':')[0]!.trim()),
    ).toEqual(['sharedDomain']);
  });

  it('hoists the per-cycle workflow code into one scope instead of a module per file', () => {
    const ours = [...modules.keys()].filter((id) => /^\.\/(workflows|domain)\//.test(id));
    expect(ours.sort()).toEqual([
      './workflows/index.ts',
      './workflows/shared-domain.js',
      './workflows/shared-modules.ts',
    ]);
  });

  it('shares every domain module that workflow code imports (a missing one would be undefined in a cycle)', async () => {
    const workflowsDir = path.dirname(workflowsPath());
    const workflowFiles = readdirSync(workflowsDir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'));
    const imported = new Set(
      workflowFiles.flatMap((f) => {
        const source = readFileSync(path.join(workflowsDir, f), 'utf8');
        return [...source.matchAll(/from '(?:\.\.\/)+domain\/([\w-]+)'/g)].map((m) => m[1]!);
      }),
    );
    expect(imported.size).toBeGreaterThan(5);
    const shared = sharedDomain();
    for (const name of imported) {
      const module = (await import(`../../domain/${name}`)) as Record<string, unknown>;
      for (const [exported, value] of Object.entries(module))
        expect([name, exported, shared[exported] === value]).toEqual([name, exported, true]);
    }
  });
});
