import { z } from 'zod';
import { PhaseSchema } from './phases';
import type { CycleStatus } from './status';
import { GateSchema, type StepName, stepNames } from './steps';

/** The memo field under which a cycle keeps its digest. */
export const statusDigestMemoKey = 'status';

const activityStates = ['planned', 'on-track', 'overdue', 'explained', 'done', 'cancelled'] as const;

/**
 * The digest's lists that give up entries when it is over its budget (see `fitDigest`), in the order
 * they give on a tie: escalations last.
 */
export const trimmableLists = ['nextEvents', 'activities', 'openTasks', 'openEscalations'] as const;
export type TrimmableList = (typeof trimmableLists)[number];

const omittedCount = z.number().int().positive();

/**
 * Where a cycle stands, as managers read it (`promise-cycle status`, the bench's dashboard observer):
 * what the `status` query shows, without documents, history and per-person detail. The workflow
 * keeps it in its memo whenever it changes, so the server answers it (DescribeWorkflowExecution)
 * without a worker: also while workers are down or busy, and for closed cycles without a replay.
 * Small on purpose: every row of a visibility list carries it, and it stays within `digestBudgetBytes`.
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
  /**
   * How many entries each list left out to keep the digest within its budget, the last ones of the
   * list (absent: nothing left out). The `status` query has them all.
   */
  omitted: z
    .object({
      nextEvents: omittedCount,
      activities: omittedCount,
      openTasks: omittedCount,
      openEscalations: omittedCount,
    } satisfies Record<TrimmableList, typeof omittedCount>)
    .partial()
    .optional(),
});
export type StatusDigest = z.infer<typeof StatusDigestSchema>;

/** The digest of a full status: what the workflow keeps in its memo, and the fallback for cycles without one. */
export function digestOf(status: CycleStatus, budget = digestBudgetBytes): StatusDigest {
  const { workflowId, municipalityCode, municipalityName, region, localPoliceArea, year, language } =
    status.cycle;
  const digest: StatusDigest = {
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
  return fitDigest(digest, budget);
}

/**
 * The server logs a warning for every memo over 2 KB (`limit.memoSize.warn`), and every row of a
 * visibility list carries the memo. The digest's JSON stays within this many UTF-8 bytes, which
 * leaves the rest of 2 KB to the memo's envelope (its key and the payload's encoding).
 */
export const digestBudgetBytes = 1_900;

/** The largest `omitted` field a digest can get, held back from the budget before lists are trimmed. */
const omittedReserve = utf8Length(
  `,"omitted":${JSON.stringify(Object.fromEntries(trimmableLists.map((l) => [l, 9_999])))}`,
);

/**
 * The digest within `budget`: while it is over, the longest of its lists gives up its last entry
 * (escalations last on a tie), counted in `omitted`. A digest within budget is returned as it is.
 */
export function fitDigest(digest: StatusDigest, budget = digestBudgetBytes): StatusDigest {
  let size = utf8Length(JSON.stringify(digest));
  if (size <= budget) return digest;
  size += omittedReserve;
  const kept = Object.fromEntries(trimmableLists.map((l) => [l, [...digest[l]]])) as {
    [L in TrimmableList]: unknown[];
  };
  const omitted: Partial<Record<TrimmableList, number>> = {};
  while (size > budget) {
    let longest: TrimmableList | undefined;
    for (const list of trimmableLists)
      if (kept[list].length > (longest ? kept[longest].length : 0)) longest = list;
    if (!longest) break;
    const entry = kept[longest].pop();
    size -= utf8Length(JSON.stringify(entry)) + (kept[longest].length > 0 ? 1 : 0);
    omitted[longest] = (omitted[longest] ?? 0) + 1;
  }
  return { ...digest, ...(kept as Pick<StatusDigest, TrimmableList>), omitted };
}

/** Every entry a list of the digest stands for: those it shows and those it left out. */
export const listedCount = (digest: StatusDigest, list: TrimmableList): number =>
  digest[list].length + (digest.omitted?.[list] ?? 0);

/** The length of `text` encoded as UTF-8 (what the server counts), without an encoder. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // Two bytes for U+0080–U+07FF, three up to U+FFFF, four for a surrogate pair (two units).
    if (unit >= 0x800) bytes += unit >= 0xd800 && unit <= 0xdfff ? 1 : 2;
    else if (unit >= 0x80) bytes += 1;
  }
  return bytes;
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
