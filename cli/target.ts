import type { Client } from '@temporalio/client';
import { cycleWorkflowId } from '../domain/config';
import { findMunicipality, type Municipality, municipalities } from '../domain/municipalities';
import { listCycles } from '../lib/cycles';
import { refused, usageError } from './exit-codes';

const normalise = (name: string): string =>
  name
    .toLowerCase()
    .replace(/\s+(kommun|stad)$/u, '')
    .trim();

/** A municipality by its 4-digit code (0183) or its name (Sundbyberg, "Sundbybergs stad"). */
export function resolveMunicipality(input: string): Municipality {
  const byCode = /^\d{4}$/.test(input) ? findMunicipality(input) : undefined;
  if (byCode) return byCode;
  const wanted = normalise(input);
  const byName = municipalities.find(
    (m) => normalise(m.name) === wanted || normalise(m.name).replace(/s$/u, '') === wanted,
  );
  if (!byName)
    throw refused(
      `Unknown municipality "${input}": give the 4-digit kommunkod (e.g. 0183) or the name (e.g. Sundbyberg).`,
    );
  return byName;
}

export function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value)) throw usageError(`--year must be a year like 2027, not "${value}"`);
  return Number(value);
}

export interface TargetOptions {
  cycle?: string;
  municipality?: string;
  year?: string;
}

/** The workflow id from `--cycle`, or from `--municipality` (+ `--year`, or the newest cycle of that municipality). */
export async function resolveCycle(client: () => Promise<Client>, opts: TargetOptions): Promise<string> {
  if (opts.cycle) {
    if (opts.municipality) throw usageError('Give either --cycle or --municipality, not both.');
    return opts.cycle;
  }
  if (!opts.municipality)
    throw usageError(
      'Say which cycle: --cycle <workflowId> or --municipality <code or name> [--year <year>].',
    );
  const municipality = resolveMunicipality(opts.municipality);
  if (opts.year) return cycleWorkflowId(municipality.code, parseYear(opts.year));
  const cycles = await listCycles(await client(), { municipalityCode: municipality.code });
  const newest = cycles
    .filter((c) => c.year !== undefined)
    .sort(
      (a, b) =>
        (b.year ?? 0) - (a.year ?? 0) || (b.status === 'RUNNING' ? 1 : 0) - (a.status === 'RUNNING' ? 1 : 0),
    )[0];
  if (!newest) throw refused(`No cycle found for ${municipality.name} (${municipality.code}).`);
  return newest.workflowId;
}
