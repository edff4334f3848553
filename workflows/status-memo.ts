import { upsertMemo } from '@temporalio/workflow';
import { signatories } from '../domain/config';
import { fitDigest, milestones, type StatusDigest, statusDigestMemoKey } from '../domain/status-digest';
import { gates } from '../domain/steps';
import { activityState, type CycleState, feedbackOverdue, followUpOverdue, iso } from './state';
import { nextEvents, openTasks, progressAndDialogues } from './status';

/**
 * The digest of the cycle's status (domain/status-digest.ts), built from the state directly: it is
 * compared after every activation, and building the whole status for that cost a replay ~60 % more
 * CPU. The full-year test checks that it equals `digestOf` the `status` query.
 */
function digestOfState(state: CycleState): StatusDigest {
  const people = signatories(state.config.people);
  const digest: StatusDigest = {
    cycle: state.cycleRef,
    phase: state.phase,
    ...progressAndDialogues(state),
    openTasks: openTasks(state).map((t) => {
      const task: StatusDigest['openTasks'][number] = {
        title: t.title,
        step: t.step,
        assignees: t.assignees.map((a) => a.name),
      };
      if (t.due !== undefined) task.due = t.due;
      return task;
    }),
    signatures: [],
    activities: [...state.activities.values()].map((a) => {
      const activity: StatusDigest['activities'][number] = {
        title: a.plan.title,
        responsible: a.responsible.name,
        start: isoOnce(a.start),
        end: isoOnce(a.end),
        state: activityState(a),
      };
      if (a.percentComplete !== undefined) activity.percentComplete = a.percentComplete;
      return activity;
    }),
    openEscalations: state.escalations
      .filter((e) => !e.resolvedAt)
      .map((e) => ({ title: e.title, raisedAt: e.raisedAt })),
    overdueCount: state.overdueCount(),
    nextEvents: nextEvents(state, 5),
  };
  for (const gate of gates) {
    const { document, signatures, openedAt } = state.gates[gate];
    if (!document) continue;
    const signed = people.filter((p) => signatures.get(p.email)?.hash === document.contentHash).length;
    digest.signatures.push({
      gate,
      version: document.version,
      signed,
      of: people.length,
      complete: openedAt !== undefined,
    });
  }
  if (state.digestShowsFollowUps)
    Object.assign(
      digest,
      milestones({
        followUps: [...state.followUps.values()].map((f) => ({
          title: f.title,
          due: isoOnce(f.due),
          doneAt: f.done && isoOnce(f.done.at),
          overdue: followUpOverdue(f),
        })),
        feedback: [...state.feedback.values()].map((f) => ({
          deadline: isoOnce(f.deadline),
          givenAt: f.given && isoOnce(f.given.at),
          overdue: feedbackOverdue(f),
        })),
      }),
    );
  const { publicUrl, recordNumber } = state.promise;
  if (Object.keys(state.promise).length > 0) {
    digest.promise = {};
    if (publicUrl !== undefined) digest.promise.publicUrl = publicUrl;
    if (recordNumber !== undefined) digest.promise.recordNumber = recordNumber;
  }
  return digest;
}

/** The digest's dates as ISO strings, formatted once per instant (the digest is built after every activation). */
const isoStrings = new Map<number, string>();
function isoOnce(instant: number): string {
  let text = isoStrings.get(instant);
  if (text === undefined) isoStrings.set(instant, (text = iso(instant)));
  return text;
}

function digestText(state: CycleState): string {
  const digest = digestOfState(state);
  return JSON.stringify(state.digestFitsBudget ? fitDigest(digest) : digest);
}

export const statusMemoChanged = (state: CycleState): boolean =>
  state.keepsStatusMemo && state.memoDigest !== digestText(state);

/** Writes the status digest to the memo when it changed, so the server can answer `status` without a worker. */
export function syncStatusMemo(state: CycleState): void {
  if (!state.keepsStatusMemo) return;
  const text = digestText(state);
  if (text === state.memoDigest) return;
  state.memoDigest = text;
  upsertMemo({ [statusDigestMemoKey]: JSON.parse(text) as unknown });
}
