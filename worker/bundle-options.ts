import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BundleOptions } from '@temporalio/worker';

/**
 * The workflow bundle is always built from the TypeScript sources, also when this runs compiled from
 * dist/: sharing the domain between cycles relies on webpack hoisting ES modules into one scope,
 * and the CommonJS that tsc writes to dist/ cannot be hoisted.
 */
const sourceRoot = [path.resolve(__dirname, '..'), path.resolve(__dirname, '../..')].find((dir) =>
  existsSync(path.join(dir, 'workflows', 'index.ts')),
);
const fromSource = (file: string): string => {
  if (!sourceRoot) throw new Error(`the workflow sources (workflows/*.ts) are not next to ${__dirname}`);
  return path.join(sourceRoot, file);
};

export const workflowsPath = (): string => fromSource('workflows/index.ts');
const domainDir = (): string => fromSource('domain') + path.sep;
const sharedModules = (): string => fromSource('workflows/shared-modules.ts');
const sharedDomain = (): string => fromSource('workflows/shared-domain.js');

interface ResolveData {
  contextInfo: { issuer: string };
  createData: { resource?: string; request?: string; userRequest?: string; context?: string };
}
interface Compiler {
  hooks: {
    normalModuleFactory: {
      tap(
        name: string,
        fn: (factory: {
          hooks: { afterResolve: { tap(name: string, fn: (data: ResolveData) => void): void } };
        }) => void,
      ): void;
    };
  };
}

/** Workflow code that imports domain/* gets the worker's one shared copy (workflows/shared-modules.ts). */
const shareDomainPlugin = {
  apply(compiler: Compiler): void {
    compiler.hooks.normalModuleFactory.tap('share-domain', (factory) => {
      factory.hooks.afterResolve.tap('share-domain', ({ contextInfo, createData }) => {
        const { resource } = createData;
        const issuer = contextInfo.issuer;
        const domain = domainDir();
        if (
          !resource?.startsWith(domain) ||
          !issuer ||
          issuer.startsWith(domain) ||
          issuer === sharedModules()
        )
          return;
        const shim = sharedDomain();
        createData.request = createData.request?.replace(resource, shim);
        createData.userRequest = createData.userRequest?.replace(resource, shim);
        createData.resource = shim;
        createData.context = path.dirname(shim);
      });
    });
  },
};

/**
 * How the workflow bundle is built, for the worker, the prebuilt bundle and the tests alike.
 *
 * The worker runs every cycle in one reused V8 context but evaluates each module the workflow code
 * imports once per cycle, and a worker keeps hundreds of cycles cached. So:
 * - zod and the domain are loaded once per worker and shared (workflows/shared-modules.ts);
 * - the SDK bundles in webpack's development mode, where every module gets its own scope and export
 *   getters per cycle; tree shaking and scope hoisting keep what the workflows use, in few scopes.
 */
export const bundlerOptions = (): Pick<BundleOptions, 'webpackConfigHook' | 'preloadModules'> => ({
  preloadModules: [sharedModules()],
  webpackConfigHook: (config) => ({
    ...config,
    plugins: [...(config.plugins ?? []), shareDomainPlugin as never],
    optimization: {
      ...config.optimization,
      providedExports: true,
      usedExports: true,
      sideEffects: true,
      innerGraph: true,
      concatenateModules: true,
      minimize: false,
    },
  }),
});
