import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { sharedDomain } from '../../workflows/shared-modules';
import { bundlerOptions, workflowsPath } from '../../worker/bundle-options';
import { withoutSourcesContent } from '../../worker/slim-bundle';

const inlineMap = (code: string) => {
  const at = code.lastIndexOf('base64,');
  return JSON.parse(Buffer.from(code.slice(at + 'base64,'.length), 'base64').toString()) as {
    sources: string[];
    mappings: string;
    sourcesContent?: string[];
  };
};

/** The source of each module in a webpack development bundle, by module id. */
function modulesOf(code: string): Map<string, string> {
  const starts = [...code.matchAll(/^\/\*\*\*\/ "([^"]+)"/gm)];
  return new Map(
    starts.map((match, i) => [match[1]!, code.slice(match.index, starts[i + 1]?.index ?? code.length)]),
  );
}

describe('workflow bundle', () => {
  let modules: Map<string, string>;
  let code: string;
  beforeAll(async () => {
    ({ code } = await bundleWorkflowCode({
      workflowsPath: workflowsPath(),
      ...bundlerOptions(),
      logger: new DefaultLogger('WARN'),
    }));
    modules = modulesOf(code);
  }, 60_000);

  it("leaves the sources out of the production bundle's source map, and it still runs a year of a cycle", async () => {
    const slim = withoutSourcesContent(code);
    const [full, kept] = [inlineMap(code), inlineMap(slim)];
    expect(full.sourcesContent?.length).toBe(full.sources.length);
    expect(kept.sourcesContent).toBeUndefined();
    expect([kept.sources, kept.mappings]).toEqual([full.sources, full.mappings]);
    const codeOf = (bundle: string) => bundle.slice(0, bundle.lastIndexOf('//# sourceMappingURL='));
    expect(codeOf(slim)).toBe(codeOf(code));
    expect(slim.length).toBeLessThan(code.length * 0.6);
    const history = temporal.api.history.v1.History.fromObject(
      JSON.parse(
        readFileSync(
          path.join(__dirname, '..', 'fixtures', 'histories', 'full-year-status-memo.json'),
          'utf8',
        ),
      ),
    );
    await Worker.runReplayHistory({ workflowBundle: { code: slim } }, history);
    for (const bare of ['exports.x = 1;', 'exports.x = "base64,";'])
      expect(() => withoutSourcesContent(bare)).toThrow('no inline source map');
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
