import { condition } from '@temporalio/workflow';
import type { Phase } from '../../domain/phases';
import type { Task } from '../../domain/tasks';
import { type CycleState, now } from '../state';
import { assignTask, phaseDue } from '../tasks';
import { taskTitles } from '../texts';

export function enterPhase(state: CycleState, phase: Phase): void {
  state.phase = phase;
  state.phaseEnteredAt = now();
}

/**
 * A phase that one recorded step completes: enter it, ask the assignees, wait for its exit
 * condition, close the task.
 */
export async function humanPhase(
  state: CycleState,
  phase: Phase,
  task: Pick<Task, 'step' | 'assignees'> & Partial<Pick<Task, 'subject'>>,
  done: () => boolean,
  context: Parameters<typeof assignTask>[2] = {},
): Promise<void> {
  enterPhase(state, phase);
  const id = `phase-${phase}`;
  assignTask(
    state,
    { id, title: taskTitles(state.language).phase(phase), subject: {}, ...task, due: phaseDue(state, phase) },
    context,
  );
  await condition(done);
  state.closeTask(id);
}
