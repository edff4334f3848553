import { condition } from '@temporalio/workflow';
import type { Recipient } from '../../domain/people';
import { type CycleState, iso } from '../state';
import { phaseDue, scheduleTaskChecks } from '../tasks';
import { taskTitles } from '../texts';
import { enterPhase, humanPhase } from './phase';

function staffRecipients(state: CycleState): Recipient[] {
  const people = state.config.people;
  const staff: Recipient[] = people.staff.map((p) => ({ ...p, role: 'staff' }));
  if (people.staffDistributionAddress)
    staff.push({
      name: taskTitles(state.language).staff,
      email: people.staffDistributionAddress,
      role: 'staff',
    });
  return staff;
}

/** Phases 3 and 8: the WHAT and HOW staff dialogues, held by the work-group leader, offered to all staff. */
export async function staffDialogue(state: CycleState, kind: 'what' | 'how'): Promise<void> {
  const phase = kind === 'what' ? 'staff-dialogue-what' : 'staff-dialogue-how';
  const leader: Recipient = { ...state.config.people.workGroupLeader, role: 'workGroupLeader' };
  state.send({
    kind: 'staff-dialogue-invitation',
    subject: phase,
    occurrence: kind,
    to: staffRecipients(state),
    dialogueKind: kind,
    plannedDate: iso(phaseDue(state, phase)),
  });
  await humanPhase(
    state,
    phase,
    {
      step: 'record-staff-dialogue',
      assignees: [leader, ...state.coordinators],
      subject: { dialogueKind: kind },
    },
    () => state.records.staffDialogues[kind] !== undefined,
  );
}

/** Phase 4: at least the configured minimum of citizen dialogues (and a new one after a deeper-dialogue order). */
export async function citizenDialogues(state: CycleState): Promise<void> {
  enterPhase(state, 'citizen-dialogues');
  state.dialoguesClosed = false;
  const due = phaseDue(state, 'citizen-dialogues');
  const assignees: Recipient[] = [
    ...state.coordinators,
    { ...state.config.people.communicator, role: 'communicator' },
  ];
  const task = state.openTask({
    id: 'phase-citizen-dialogues',
    step: 'record-citizen-dialogue',
    phase: state.phase,
    title: taskTitles(state.language).closeDialogues,
    assignees,
    due: iso(due),
    subject: {},
  });
  const deeper = state.deeperDialogue;
  state.send({
    kind: 'citizen-dialogue-planning',
    subject: task.id,
    occurrence: state.records.jointPictures.length,
    to: assignees,
    task,
    minimum: state.config.policy.minCitizenDialogues,
    recorded: state.records.citizenDialogues.length,
    deeperDialogue: deeper ? { reason: deeper.reason, questions: deeper.questions } : undefined,
    due: iso(due),
  });
  scheduleTaskChecks(state, task.id, due);
  await condition(() => state.dialoguesClosed);
  state.closeTask(task.id);
}

/** Phase 5: the joint picture either settles the focus areas or orders a deeper citizen dialogue (true). */
export async function jointPictureOrdersDeeperDialogue(state: CycleState): Promise<boolean> {
  const before = state.records.jointPictures.length;
  await humanPhase(
    state,
    'joint-picture',
    { step: 'record-joint-picture', assignees: state.coordinators },
    () => state.records.jointPictures.length > before,
  );
  return state.records.jointPictures.at(-1)?.outcome === 'deeper-dialogue';
}
