import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { condition, upsertSearchAttributes } from '@temporalio/workflow';
import {
  CycleYear,
  CyclePhase,
  Escalated,
  MunicipalityCode,
  MunicipalityName,
  NextDueAt,
  OverdueCount,
  Region,
} from '../domain/search-attributes';
import type { CycleState } from './state';
import { statusMemoChanged, syncStatusMemo } from './status-memo';

function current(state: CycleState): SearchAttributeUpdatePair[] {
  const c = state.config;
  const dues = [...state.tasks.values()].flatMap((t) => (t.due ? [t.due] : [])).sort();
  return [
    { key: MunicipalityCode, value: c.municipality.code },
    { key: MunicipalityName, value: c.municipality.name },
    { key: Region, value: c.region },
    { key: CycleYear, value: c.year },
    { key: CyclePhase, value: state.phase },
    { key: Escalated, value: state.openEscalations().length > 0 },
    { key: OverdueCount, value: state.overdueCount() },
    { key: NextDueAt, value: dues[0] ? new Date(dues[0]) : null },
  ] as SearchAttributeUpdatePair[];
}

const text = (pair: SearchAttributeUpdatePair): string => JSON.stringify(pair.value);

const changes = (state: CycleState): SearchAttributeUpdatePair[] =>
  current(state).filter((pair) => state.upserted.get(pair.key.name) !== text(pair));

/** Upserts only what changed since the last upsert. */
export function syncSearchAttributes(state: CycleState): void {
  const changed = changes(state);
  if (changed.length === 0) return;
  for (const pair of changed) state.upserted.set(pair.key.name, text(pair));
  upsertSearchAttributes(changed);
}

/** Upserts the search attributes and the status memo, each only if it changed. */
export function syncVisibility(state: CycleState): void {
  syncSearchAttributes(state);
  syncStatusMemo(state);
}

/**
 * Keeps the search attributes and the status memo current: the condition is evaluated after every
 * activation, so whatever an update, a phase change or the agenda changed is upserted once, in the
 * same workflow task.
 */
export async function visibilityLoop(state: CycleState): Promise<void> {
  while (!state.finished) {
    await condition(() => state.finished || changes(state).length > 0 || statusMemoChanged(state));
    syncVisibility(state);
  }
}
