import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { swedishNonWorkingDays } from '../../activities/calendar';
import { Calendar } from '../../domain/calendar';
import { CycleConfigSchema, cycleWorkflowId } from '../../domain/config';
import type { CycleReport } from '../../domain/notifications';
import { phaseIndex } from '../../domain/phases';
import type { CycleStatus } from '../../domain/status';
import {
  digestOf,
  type StatusDigest,
  StatusDigestSchema,
  statusDigestMemoKey,
} from '../../domain/status-digest';
import { fullYearSteps, internalMarker } from '../fixtures/full-year';
import { CycleDriver } from './driver';
import { uniqueTaskQueue } from '../helpers';
import { cycleBundle, cycleTestEnv } from './env';
import { RecordingActivities } from './recording-activities';

const historyDir = path.join(__dirname, '../fixtures/histories');
/** Recorded by `RECORD_HISTORY=1`: the newest workflow code's full year. Older recordings stay, one per patch. */
const historyFile = path.join(historyDir, 'full-year-digest-budget.json');
const agendaKinds = new Set([
  'activity-start',
  'reminder',
  'overdue',
  'escalation',
  'follow-up-due',
  'feedback-reminder',
]);

describe('a full year on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundle;
  const recorded = new RecordingActivities();
  let driver: CycleDriver;
  let handle: WorkflowHandle;
  let report: CycleReport;
  let final: CycleStatus;
  let memo: Record<string, unknown> | undefined;
  let history: temporal.api.history.v1.IHistory;
  let events = 0;
  let seconds = 0;

  beforeAll(async () => {
    [env, bundle] = await Promise.all([cycleTestEnv(), cycleBundle()]);
    const taskQueue = uniqueTaskQueue('full-year');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities: recorded.activities(),
    });
    const steps = fullYearSteps({ today: await env.currentTimeMs(), activities: 10 });
    const config = CycleConfigSchema.parse(steps.config);
    const started = Date.now();
    await worker.runUntil(async () => {
      handle = await env.client.workflow.start('promiseCycle', {
        taskQueue,
        workflowId: cycleWorkflowId(config.municipality.code, config.year),
        args: [{ config }],
      });
      driver = new CycleDriver(env, handle, steps, recorded);
      await driver.throughPlanning();
      await driver.runYear();
      report = await handle.result();
      final = await driver.status();
      ({ memo } = await handle.describe());
      history = await handle.fetchHistory();
      events = history.events?.length ?? 0;
      if (process.env.RECORD_HISTORY === '1') writeFileSync(historyFile, JSON.stringify(history));
    });
    seconds = (Date.now() - started) / 1000;
  }, 600_000);

  afterAll(async () => {
    await env?.teardown();
  });

  it('stays far below the history limits', () => {
    console.log(
      `full year, 10 activities, monthly feedback, quarterly follow-ups: ${events} history events, ${seconds.toFixed(1)} s`,
    );
    expect(events).toBeGreaterThan(100);
    expect(events).toBeLessThanOrEqual(1500);
  });

  it('runs every phase in the method order', () => {
    const order = final.completedSteps.map((s) => phaseIndex(s.phase));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(final.completedSteps.map((s) => s.phase))).toEqual(
      new Set([
        'initiation',
        'situation-picture',
        'staff-dialogue-what',
        'citizen-dialogues',
        'joint-picture',
        'problem-analysis',
        'agreement',
        'staff-dialogue-how',
        'activity-plan',
        'promise',
        'implementation',
        'year-end',
      ]),
    );
    expect(final.phase).toBe('completed');
    expect(final.staffDialogues).toEqual({ what: true, how: true });
    expect(final.citizenDialogues.recorded).toBe(2);
    expect(final.gates.map((g) => [g.gate, g.open, g.signatories.every((s) => s.valid)])).toEqual([
      ['agreement', true, true],
      ['promise', true, true],
    ]);
  });

  it('registers and publishes the promise with public parts only', () => {
    expect(recorded.registered).toHaveLength(1);
    expect(recorded.registered[0]?.record.recordNumber).toBe(final.promise?.recordNumber);
    expect(recorded.published).toHaveLength(1);
    const published = JSON.stringify([recorded.published, recorded.registered]);
    expect(published).toContain('Trygghetsvandringar i centrum');
    expect(published).not.toContain(internalMarker);
    const promiseNotifications = recorded.ofKind('signature-request').filter((n) => n.gate === 'promise');
    expect(promiseNotifications.length).toBeGreaterThan(0);
    expect(JSON.stringify(promiseNotifications)).not.toContain(internalMarker);
  });

  it('carries out every activity: started, reminded, completed', () => {
    expect(final.activities).toHaveLength(10);
    expect(final.activities.every((a) => a.state === 'done')).toBe(true);
    expect(
      recorded
        .ofKind('activity-start')
        .map((n) => n.activity.id)
        .sort(),
    ).toEqual(final.activities.map((a) => a.id).sort());
    expect(final.escalations).toEqual([]);
  });

  it('holds follow-ups and feedback on cadence, on working days', () => {
    const cadence = final.followUps.filter((f) => f.id.startsWith('cadence-'));
    expect(cadence.map((f) => f.id)).toEqual(['cadence-1', 'cadence-2', 'cadence-3']);
    expect(final.followUps.filter((f) => f.id.startsWith('activity-'))).toHaveLength(10);
    expect(final.followUps.every((f) => f.doneAt)).toBe(true);
    // Monthly from the start of the promise period: 1 February … 1 December; the year's report closes it.
    expect(final.feedback).toHaveLength(11);
    expect(final.feedback.every((f) => f.givenAt)).toBe(true);
    const months = recorded.ofKind('feedback-reminder').map((n) => n.due.slice(0, 7));
    expect(new Set(months).size).toBe(11);

    const calendar = new Calendar({
      nonWorkingDays: swedishNonWorkingDays([final.cycle.year]),
      workingDaysOnly: true,
    });
    const dated = recorded.sent.filter((n) => agendaKinds.has(n.kind));
    expect(dated.length).toBeGreaterThan(30);
    for (const n of dated)
      expect([n.kind, calendar.isWorkingDay(recorded.sentAt.get(n.key)!)]).toEqual([n.kind, true]);
  });

  it('ends with a cycle report and next year started with this year as input', () => {
    expect(report.activities).toHaveLength(10);
    expect(report.followUps.map((f) => f.id)).toContain('final');
    expect(report.feedbackGiven).toBe(11);
    expect(report.nextCycle?.workflowId).toBe(cycleWorkflowId('0380', final.cycle.year + 1));
    expect(recorded.ofKind('cycle-summary')).toHaveLength(1);
    const next = recorded.nextCycles[0];
    expect(next?.config.year).toBe(final.cycle.year + 1);
    expect(next?.config.schedule.promisePeriod).toEqual({
      start: `${final.cycle.year + 1}-01-01`,
      end: `${final.cycle.year + 1}-12-31`,
    });
    expect(next?.carryOver?.previousWorkflowId).toBe(final.cycle.workflowId);
    expect(next?.carryOver?.finalFollowUp).toContain('final');
    expect(final.nextCycleWorkflowId).toBe(report.nextCycle?.workflowId);
  });

  it('keeps the digest of its status in its memo, upserted only when it changed', () => {
    expect(memo?.[statusDigestMemoKey]).toEqual(digestOf(final));
    const upserts = (history.events ?? []).flatMap((e) => {
      const fields = e.workflowPropertiesModifiedEventAttributes?.upsertedMemo?.fields;
      const payload = fields?.[statusDigestMemoKey];
      return payload?.data ? [Buffer.from(payload.data).toString('utf8')] : [];
    });
    expect(upserts.length).toBeGreaterThan(20);
    upserts.slice(1).forEach((digest, i) => expect(digest).not.toBe(upserts[i]));
  });

  it("keeps every memo it writes under the server's 2 KB warning size, leaving out entries it counts", () => {
    const memos = (history.events ?? []).flatMap((e) => {
      const upserted = e.workflowPropertiesModifiedEventAttributes?.upsertedMemo;
      return upserted ? [upserted] : [];
    });
    const sizes = memos.map((m) => temporal.api.common.v1.Memo.encode(m).finish().length);
    const digests = memos.map(
      (m) =>
        JSON.parse(Buffer.from(m.fields?.[statusDigestMemoKey]?.data ?? []).toString('utf8')) as StatusDigest,
    );
    // Ten activities with their reports and follow-ups open at once: the whole digest would be over.
    expect(digests.some((d) => d.omitted)).toBe(true);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2048);
    for (const d of digests) expect(StatusDigestSchema.parse(d)).toEqual(d);
  });

  const recordings = readdirSync(historyDir).filter((f) => f.endsWith('.json'));
  it('has a recorded history from before each patch', () => {
    expect(recordings).toEqual(
      expect.arrayContaining([
        'full-year.json',
        'full-year-status-memo.json',
        path.basename(historyFile),
        // publication-problem: a refused registration before the patch (the cycle failed) and after it.
        'publication-refused-v0.json',
        'publication-problem.json',
        // feedback-overdue: feedback left undone past its due date, before the patch (no notice) and after.
        'feedback-late-v0.json',
        'feedback-overdue.json',
        // digest-follow-ups: every full year before it replays without the marker.
        'full-year-feedback-overdue.json',
        // digest-budget: the newest full year (above); the one before it has digests over the budget.
        'full-year-digest-follow-ups.json',
      ]),
    );
  });

  it.each(recordings)('replays the committed history %s', async (file) => {
    const recorded = temporal.api.history.v1.History.fromObject(
      JSON.parse(readFileSync(path.join(historyDir, file), 'utf8')),
    );
    await Worker.runReplayHistory({ workflowBundle: bundle }, recorded);
  });
});
