import { z } from 'zod';
import { PhaseSchema } from './phases';
import type { CycleStatus } from './status';
import { GateSchema, type StepName, stepNames } from './steps';

/** The memo field under which a cycle keeps its digest. */
export const statusDigestMemoKey = 'status';

const activityStates = ['planned', 'on-track', 'overdue', 'explained', 'done', 'cancelled'] as const;

/**
 * Where a cycle stands, as managers read it (`promise-cycle status`, the bench's dashboard observer):
 * what the `status` query shows, without documents, history and per-person detail. The workflow
 * keeps it in its memo whenever it changes, so the server answers it (DescribeWorkflowExecution)
 * without a worker: also while workers are down or busy, and for closed cycles without a replay.
 * Small on purpose: every row of a visibility list carries it.
 */
export const StatusDigestSchema = z.object({
  cycle: z.object({
    workflowId: z.string(),
    municipalityCode: z.string(),
    municipalityName: z.string(),
    region: z.string(),
    localPoliceArea: z.string(),
    year: z.number().int(),
    language: z.enum(['sv', 'en']),
  }),
  phase: PhaseSchema,
  progress: z.object({ index: z.number().int(), of: z.number().int() }),
  citizenDialogues: z.object({
    recorded: z.number().int(),
    minimum: z.number().int(),
    deeperDialogueOrdered: z.boolean(),
  }),
  staffDialogues: z.object({ what: z.boolean(), how: z.boolean() }),
  openTasks: z.array(
    z.object({
      title: z.string(),
      step: z.enum(stepNames as [StepName, ...StepName[]]),
      assignees: z.array(z.string()),
      due: z.string().optional(),
    }),
  ),
  /** Gates with a document: how many of its signatories have signed the current version. */
  signatures: z.array(
    z.object({
      gate: GateSchema,
      version: z.number().int(),
      signed: z.number().int(),
      of: z.number().int(),
      complete: z.boolean(),
    }),
  ),
  activities: z.array(
    z.object({
      title: z.string(),
      responsible: z.string(),
      start: z.string(),
      end: z.string(),
      state: z.enum(activityStates),
      percentComplete: z.number().optional(),
    }),
  ),
  openEscalations: z.array(z.object({ title: z.string(), raisedAt: z.string() })),
  overdueCount: z.number().int(),
  promise: z.object({ publicUrl: z.string().optional(), recordNumber: z.string().optional() }).optional(),
  /** The next five dates on the cycle's agenda. */
  nextEvents: z.array(z.object({ at: z.string(), what: z.string() })),
  /**
   * The year's follow-ups and feedback rounds, counted (the full list is in the `status` query), with the
   * next one not yet done (`due`: by when it must be done, for a feedback round its task's deadline);
   * `overdue` once its overdue notice has gone out. Absent in digests of cycles
   * started before they were added (patch `digest-follow-ups`).
   */
  followUps: z
    .object({
      of: z.number().int(),
      done: z.number().int(),
      overdue: z.number().int(),
      next: z.object({ title: z.string(), due: z.string() }).optional(),
    })
    .optional(),
  feedback: z
    .object({
      of: z.number().int(),
      given: z.number().int(),
      overdue: z.number().int(),
      next: z.object({ round: z.number().int(), due: z.string() }).optional(),
    })
    .optional(),
});
export type StatusDigest = z.infer<typeof StatusDigestSchema>;

/** The digest of a full status: what the workflow keeps in its memo, and the fallback for cycles without one. */
export function digestOf(status: CycleStatus): StatusDigest {
  const { workflowId, municipalityCode, municipalityName, region, localPoliceArea, year, language } =
    status.cycle;
  return {
    cycle: { workflowId, municipalityCode, municipalityName, region, localPoliceArea, year, language },
    phase: status.phase,
    progress: status.progress,
    citizenDialogues: status.citizenDialogues,
    staffDialogues: status.staffDialogues,
    openTasks: status.openTasks.map((t) => ({
      title: t.title,
      step: t.step,
      assignees: t.assignees.map((a) => a.name),
      ...(t.due !== undefined && { due: t.due }),
    })),
    signatures: status.gates.flatMap((g) =>
      g.document
        ? [
            {
              gate: g.gate,
              version: g.document.version,
              signed: g.signatories.filter((p) => p.valid && p.signedAt).length,
              of: g.signatories.length,
              complete: g.open,
            },
          ]
        : [],
    ),
    activities: status.activities.map((a) => ({
      title: a.title,
      responsible: a.responsible.name,
      start: a.start,
      end: a.end,
      state: a.state,
      ...(a.percentComplete !== undefined && { percentComplete: a.percentComplete }),
    })),
    openEscalations: status.escalations
      .filter((e) => !e.resolvedAt)
      .map((e) => ({ title: e.title, raisedAt: e.raisedAt })),
    overdueCount: status.overdueCount,
    ...(status.promise && {
      promise: {
        ...(status.promise.publicUrl !== undefined && { publicUrl: status.promise.publicUrl }),
        ...(status.promise.recordNumber !== undefined && { recordNumber: status.promise.recordNumber }),
      },
    }),
    nextEvents: status.nextEvents.slice(0, 5),
    ...milestones(status),
  };
}

/** One line per kind of milestone the digest counts, for the CLI summary and the page without a worker. */
export interface MilestoneRow {
  kind: 'followUps' | 'feedback';
  done: number;
  of: number;
  overdue: number;
  next?: { title: string; due: string };
}

export function milestoneRows(d: StatusDigest, feedbackTitle: (round: number) => string): MilestoneRow[] {
  const rows: MilestoneRow[] = [];
  if (d.followUps?.of) {
    const { done, of, overdue, next } = d.followUps;
    rows.push({ kind: 'followUps', done, of, overdue, ...(next && { next }) });
  }
  if (d.feedback?.of) {
    const { given, of, overdue, next } = d.feedback;
    rows.push({
      kind: 'feedback',
      done: given,
      of,
      overdue,
      ...(next && { next: { title: feedbackTitle(next.round), due: next.due } }),
    });
  }
  return rows;
}

type Milestones = Required<Pick<StatusDigest, 'followUps' | 'feedback'>>;

/**
 * Counts of the year's follow-ups and feedback rounds and the next of each (earliest deadline, not done).
 * One pass per list without intermediate arrays: the workflow builds its digest after every activation.
 */
export function milestones(status: {
  followUps: { title: string; due: string; doneAt?: string | undefined; overdue: boolean }[];
  feedback: { deadline: string; givenAt?: string | undefined; overdue: boolean }[];
}): Milestones {
  const followUps: Milestones['followUps'] = { of: status.followUps.length, done: 0, overdue: 0 };
  let nextFollowUp: (typeof status.followUps)[number] | undefined;
  for (const f of status.followUps) {
    if (f.doneAt) followUps.done++;
    else if (!nextFollowUp || f.due < nextFollowUp.due) nextFollowUp = f;
    if (f.overdue) followUps.overdue++;
  }
  if (nextFollowUp) followUps.next = { title: nextFollowUp.title, due: nextFollowUp.due };

  const feedback: Milestones['feedback'] = { of: status.feedback.length, given: 0, overdue: 0 };
  let nextRound: { round: number; due: string } | undefined;
  status.feedback.forEach((f, i) => {
    if (f.givenAt) feedback.given++;
    else if (!nextRound || f.deadline < nextRound.due) nextRound = { round: i + 1, due: f.deadline };
    if (f.overdue) feedback.overdue++;
  });
  if (nextRound) feedback.next = nextRound;
  return { followUps, feedback };
}
