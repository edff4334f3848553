/**
 * Loaded once per worker, before any cycle runs (the bundle's `preloadModules`): zod and the domain
 * schemas, evaluated once and shared by every cached cycle instead of once per cycle (megabytes each).
 *
 * The SDK deep-freezes whatever a preloaded module exports, and a frozen zod schema breaks (zod fills
 * members on first use and resets `lastIndex` on its regexes). So this module exports only a function;
 * the domain itself stays out of the freezer's reach. Inside the bundle, workflow code that imports
 * `domain/*` gets `shared-domain.js`, which hands out this one copy (see worker/bundle-options.ts).
 * Sharing is safe because the domain holds no state: schemas and data, parsed synchronously.
 * The sandbox's stack-trace depth is set here too, before the freeze (workflows/stack-traces.ts).
 */
import * as domain from '../domain';
import * as deadlines from '../domain/deadlines';
import * as documents from '../domain/documents';
import { limitWorkflowStackTraces } from './stack-traces';

limitWorkflowStackTraces();

const shared: Record<string, unknown> = {};
for (const module of [domain, deadlines, documents]) {
  for (const [name, value] of Object.entries(module)) {
    if (name in shared && shared[name] !== value) throw new Error(`domain exports ${name} twice`);
    shared[name] = value;
  }
}

export function sharedDomain(): Readonly<Record<string, unknown>> {
  return shared;
}
