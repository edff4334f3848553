import type { Recipient } from '../../domain/people';
import type { CycleState } from '../state';
import { humanPhase } from './phase';

/** Phase 1: the parties confirm the collaboration (in later years mostly the standing arrangement). */
export async function initiateCollaboration(state: CycleState): Promise<void> {
  await humanPhase(
    state,
    'initiation',
    { step: 'confirm-initiation', assignees: state.coordinators },
    () => state.records.initiation !== undefined,
  );
}

/**
 * Phase 2: the local situation picture, ordered by the LPO chief, made by the analyst or the coordinators;
 * its email carries what last year's cycle left (closing follow-up, outcomes, focus areas to renew).
 */
export async function localSituationPicture(state: CycleState): Promise<void> {
  const people = state.config.people;
  const makers: Recipient[] = people.analyst ? [{ ...people.analyst, role: 'analyst' }] : state.coordinators;
  await humanPhase(
    state,
    'situation-picture',
    { step: 'record-situation-picture', assignees: [...makers, { ...people.lpoChief, role: 'lpoChief' }] },
    () => state.records.situationPicture !== undefined,
    state.carryOver ? { carryOver: state.carryOver } : {},
  );
}
