import { condition } from '@temporalio/workflow';
import { signatories } from '../../domain/config';
import { remindBefore } from '../../domain/deadlines';
import type { Recipient } from '../../domain/people';
import type { DraftDocument, Gate, Sign } from '../../domain/steps';
import { composeDocument } from '../gate-documents';
import { type CycleState, iso, now } from '../state';
import { assignTask, phaseDue } from '../tasks';
import { taskTitles } from '../texts';
import { enterPhase } from './phase';

const draftTaskId = (gate: Gate) => `draft-${gate}`;
const signTaskId = (gate: Gate) => `sign-${gate}`;

export function unsignedSignatories(state: CycleState, gate: Gate): Recipient[] {
  const g = state.gates[gate];
  return signatories(state.config.people).filter(
    (p) => g.signatures.get(p.email)?.hash !== g.document?.contentHash || !g.document,
  );
}

/** A gate: the coordinators draft, every designated signatory signs the current version, then it opens. */
export async function signatureGate(state: CycleState, gate: Gate): Promise<void> {
  enterPhase(state, gate);
  const g = state.gates[gate];
  g.due = phaseDue(state, gate);
  assignTask(state, {
    id: draftTaskId(gate),
    step: 'draft-document',
    title: taskTitles(state.language).draft(gate),
    assignees: state.coordinators,
    due: g.due,
    subject: { gate },
  });
  await condition(() => g.openedAt !== undefined);
}

/** A new draft: bumps the version, changes the hash (voiding earlier signatures) and asks everyone unsigned to sign. */
export function draftDocument(state: CycleState, draft: DraftDocument): string {
  const g = state.gates[draft.gate];
  g.draft = draft;
  g.document = composeDocument(state, draft, (g.document?.version ?? 0) + 1);
  state.closeTask(draftTaskId(draft.gate));
  const due = Math.max(g.due ?? now(), now());
  const to = unsignedSignatories(state, draft.gate);
  const task = state.openTask({
    id: signTaskId(draft.gate),
    step: 'sign',
    phase: state.phase,
    title: taskTitles(state.language).sign(draft.gate),
    assignees: to,
    due: iso(due),
    subject: { gate: draft.gate },
  });
  for (const person of to) {
    state.send({
      kind: 'signature-request',
      subject: `${task.id}/${person.email}`,
      occurrence: g.document.version,
      to: [person],
      task,
      gate: draft.gate,
      documentVersion: g.document.version,
      contentHash: g.document.contentHash,
      documentText: g.document.text,
      due: iso(due),
    });
  }
  const policy = state.config.policy;
  const reminder = remindBefore(state.calendar, due, policy.reminderLead, policy.workingDaysOnly);
  if (reminder > now())
    state.agenda.schedule({
      id: `${task.id}/reminder`,
      at: reminder,
      kind: 'signature-reminder',
      subject: draft.gate,
    });
  state.agenda.schedule({
    id: `${task.id}/overdue`,
    at: due,
    kind: 'signature-overdue',
    subject: draft.gate,
  });
  return `${draft.gate} v${g.document.version} ${g.document.contentHash.slice(0, 12)}`;
}

export function sign(state: CycleState, payload: Sign): string {
  const g = state.gates[payload.gate];
  g.signatures.set(payload.by, { at: now(), hash: payload.contentHash });
  const left = unsignedSignatories(state, payload.gate);
  const task = state.tasks.get(signTaskId(payload.gate));
  if (task) task.assignees = left;
  if (left.length === 0) {
    g.openedAt = now();
    state.closeTask(signTaskId(payload.gate));
    state.agenda.cancelWhere(
      (i) =>
        i.subject === payload.gate && (i.kind === 'signature-reminder' || i.kind === 'signature-overdue'),
    );
  }
  return `${payload.gate} v${g.document?.version}`;
}

/** Reminds (before the due date) or tells as overdue (at it) everyone who has not signed the current version. */
export function remindSignatories(state: CycleState, gate: Gate, kind: 'reminder' | 'overdue'): void {
  const g = state.gates[gate];
  const task = state.tasks.get(signTaskId(gate));
  if (!task?.due || g.openedAt) return;
  for (const person of unsignedSignatories(state, gate)) {
    const base = {
      subject: `${task.id}/${person.email}`,
      occurrence: `${g.document?.version}`,
      to: [person],
      task,
      title: task.title,
      due: task.due,
    };
    if (kind === 'reminder') state.send({ ...base, kind: 'reminder', about: 'signature' });
    else state.send({ ...base, kind: 'overdue', about: 'signature' });
  }
}
