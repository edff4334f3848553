import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { PhaseSchema, phaseIndex, phases } from '../domain/phases';
import { type CycleSummary, listCycles } from '../lib/cycles';

/** The dashboard/API filter as it arrives in a query string: empty fields mean "any". */
const emptyAsUndefined = z.literal('').transform(() => undefined);
export const CycleQuerySchema = z.object({
  region: z.union([emptyAsUndefined, z.string().trim().min(1)]).optional(),
  year: z
    .union([
      emptyAsUndefined,
      z
        .string()
        .trim()
        .regex(/^\d{4}$/, 'a year like 2027')
        .transform(Number),
    ])
    .optional(),
  phase: z.union([emptyAsUndefined, PhaseSchema]).optional(),
  escalated: z
    .enum(['true', 'false', 'on', ''])
    .optional()
    .transform((v) => (v === 'true' || v === 'on' ? true : v === 'false' ? false : undefined)),
});
export type CycleQuery = Partial<z.output<typeof CycleQuerySchema>>;

export interface CycleRow extends CycleSummary {
  /** 1-based position of the phase and how many phases there are. */
  progress: { index: number; of: number };
}

/** Cycles from visibility (no worker needed), one row per workflow id (the newest run after continue-as-new). */
export async function cycleRows(client: Client, query: CycleQuery): Promise<CycleRow[]> {
  const all = await listCycles(client, {
    region: query.region,
    year: query.year,
    phase: query.phase,
    escalated: query.escalated,
  });
  const newest = new Map<string, CycleSummary>();
  for (const c of all) {
    const seen = newest.get(c.workflowId);
    if (!seen || seen.startedAt < c.startedAt) newest.set(c.workflowId, c);
  }
  return [...newest.values()].map((c) => ({
    ...c,
    progress: { index: c.phase ? phaseIndex(c.phase) + 1 : 1, of: phases.length },
  }));
}
