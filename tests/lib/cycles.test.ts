import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import pino from 'pino';
import { createActivities } from '../../activities';
import type { CycleConfig } from '../../domain/config';
import { municipalities } from '../../domain/municipalities';
import type { Notification } from '../../domain/notifications';
import { benchConfigs } from '../../bench/configs';
import { digestOf } from '../../domain/status-digest';
import {
  CycleNotFound,
  StepRejected,
  cycleDigest,
  cycleStatus,
  listCycles,
  runStep,
  startCycle,
} from '../../lib/cycles';
import { simulateCycle } from '../../lib/simulation';
import * as payloads from '../../lib/simulation/payloads';
import {
  bundleOnce,
  devServerClient,
  devServerConnection,
  eventually,
  projectWorkflowsPath,
  uniqueTaskQueue,
} from '../helpers';

/** A year nobody else uses on the shared dev server (uniqueCycle takes 2030-2059), so listings see only this file's cycles. */
const year = 2060 + Math.floor(Math.random() * 30);

function configs(count: number): CycleConfig[] {
  return benchConfigs(count, { startAt: Date.now(), planningMinutes: 30, yearMinutes: 60 }, year);
}

describe('lib/cycles against the dev server', () => {
  let client: Client;
  beforeAll(async () => {
    client = await devServerClient();
  });
  afterAll(async () => {
    // Leave no running cycles behind on the shared dev server.
    for (const cycle of await listCycles(client, { year, runningOnly: true })) {
      await client.workflow.getHandle(cycle.workflowId).terminate('test finished');
    }
    await client.connection.close();
  });

  describe('without a worker', () => {
    const taskQueue = uniqueTaskQueue('no-worker');

    it('starts a cycle once; a second start reports it as already running', async () => {
      const [config] = configs(1);
      const first = await startCycle(client, config, { taskQueue });
      const second = await startCycle(client, config, { taskQueue });
      expect(first).toMatchObject({
        workflowId: `promise-cycle-0114-${year}`,
        alreadyRunning: false,
        outcome: 'started',
      });
      expect(second).toMatchObject({
        workflowId: first.workflowId,
        alreadyRunning: true,
        outcome: 'already running',
        runId: first.runId,
      });
    });

    it('does not start a closed cycle again: "already exists"', async () => {
      const config = configs(2)[1]!;
      const { workflowId } = await startCycle(client, config, { taskQueue });
      await client.workflow.getHandle(workflowId).terminate('test');
      const again = await startCycle(client, config, { taskQueue });
      expect(again).toMatchObject({ workflowId, alreadyRunning: true, outcome: 'already exists' });
    });

    it('lists and filters cycles through visibility by their search attributes', async () => {
      const all = configs(4);
      await Promise.all(all.map((c) => startCycle(client, c, { taskQueue })));
      const codes = all.map((c) => c.municipality.code);
      const deadline = Date.now() + 15_000;
      let listed = await listCycles(client, { year });
      while (listed.length < 4 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        listed = await listCycles(client, { year });
      }
      expect(listed.map((c) => c.municipalityCode)).toEqual(codes);
      expect(listed[0]).toMatchObject({
        municipalityName: municipalities[0]!.name,
        region: municipalities[0]!.county,
        year,
        phase: 'initiation',
        escalated: false,
        overdueCount: 0,
        status: 'RUNNING',
      });
      expect(Date.now() - Date.parse(listed[0]!.startedAt)).toBeLessThan(10 * 60_000);
      // Visibility counts the history of closed executions only.
      const closed = listed.find((c) => c.municipalityCode === all[1]!.municipality.code)!;
      expect(closed.status).not.toBe('RUNNING');
      expect(Date.parse(closed.closedAt!)).toBeGreaterThanOrEqual(Date.parse(closed.startedAt));
      expect(closed.historyLength).toBeGreaterThanOrEqual(2);
      expect((await listCycles(client, { year, escalated: true })).length).toBe(0);
      expect((await listCycles(client, { year, runningOnly: true })).map((c) => c.municipalityCode)).toEqual(
        codes.filter((c) => c !== all[1]!.municipality.code),
      );
      expect(await listCycles(client, { year, region: "Stockholms län' OR Region = 'x" })).toEqual([]);
      expect(
        await listCycles(client, { year, region: 'Stockholms län', municipalityCode: codes[2] }),
      ).toHaveLength(1);
    });

    it('names a missing cycle', async () => {
      await expect(cycleStatus(client, 'promise-cycle-9999-2000')).rejects.toThrow(CycleNotFound);
    });
  });

  describe('with the real workflow and activities', () => {
    const taskQueue = uniqueTaskQueue('cycles');
    let worker: Worker;
    let running: Promise<void>;
    let dataDir: string;
    let activities: ReturnType<typeof createActivities>;
    const sent: Notification[] = [];

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'cycles-'));
      const connection = await devServerConnection();
      activities = createActivities({
        config: {
          dataDir,
          publicBaseUrl: 'https://trygghet.example.se',
          taskQueue,
          temporalAddress: '127.0.0.1:1',
          namespace: 'default',
          linkSigningKey: 'x'.repeat(32),
          mailFrom: 'noreply@example.se',
          smtpUrl: undefined,
          tls: undefined,
          apiKey: undefined,
        },
        logger: pino({ level: 'silent' }),
        client,
        notify: async (batch) =>
          batch.map(
            (n) => (sent.push(n), { key: n.key, status: 'sent' as const, messageIds: [], failures: [] }),
          ),
      });
      worker = await Worker.create({
        connection,
        taskQueue,
        workflowBundle: await bundleOnce(projectWorkflowsPath),
        activities,
      });
      running = worker.run();
    });
    afterAll(async () => {
      worker.shutdown();
      await running;
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('keeps its status digest in its memo, which the server answers with no worker running', async () => {
      const ownQueue = uniqueTaskQueue('digest');
      const own = await Worker.create({
        connection: await devServerConnection(),
        taskQueue: ownQueue,
        workflowBundle: await bundleOnce(projectWorkflowsPath),
        activities,
      });
      const config = configs(9)[8]!;
      const { workflowId, runId } = await startCycle(client, config, { taskQueue: ownQueue });
      const confirm = payloads.confirmInitiation(config, config.people.policeCoordinator.email);
      const whileRunning = await own.runUntil(async () => {
        await runStep(client, workflowId, 'confirm-initiation', confirm, runId);
        // The first query after a worker starts polling a new task queue can find no poller yet.
        const status = await eventually(
          () => cycleStatus(client, workflowId, runId).catch(() => undefined),
          (s) => s !== undefined,
        );
        const read = await cycleDigest(client, workflowId, runId);
        expect(read).toEqual({ source: 'memo', digest: digestOf(status!) });
        return read.digest;
      });
      expect(whileRunning.openTasks.map((t) => t.step)).toContain('record-situation-picture');
      // No worker polls that task queue any more; the server still answers from the memo.
      await expect(cycleDigest(client, workflowId, runId)).resolves.toEqual({
        source: 'memo',
        digest: whileRunning,
      });
      await expect(cycleDigest(client, `promise-cycle-9998-${year}`)).rejects.toThrow(CycleNotFound);
    });

    it("turns a step in the wrong phase into StepRejected with the cycle's message", async () => {
      const config = configs(6)[5]!;
      const { workflowId } = await startCycle(client, config, { taskQueue });
      const sign = runStep(client, workflowId, 'sign', {
        by: config.people.lpoChief.email,
        gate: 'agreement',
        contentHash: 'a'.repeat(64),
      });
      await expect(sign).rejects.toThrow(StepRejected);
      await expect(sign).rejects.toMatchObject({
        step: 'sign',
        workflowId,
        reason: expect.stringMatching(/.{10,}/),
      });
      const status = await cycleStatus(client, workflowId);
      expect(status.completedSteps).toEqual([]);
    });

    it("asks and updates the run it is given, and refuses a run that is not the cycle's", async () => {
      const config = configs(8)[7]!;
      const { workflowId, runId } = await startCycle(client, config, { taskQueue });
      expect((await cycleStatus(client, workflowId, runId)).phase).toBe('initiation');
      const otherRun = '00000000-0000-4000-8000-000000000000';
      await expect(cycleStatus(client, workflowId, otherRun)).rejects.toThrow(CycleNotFound);
      const confirm = payloads.confirmInitiation(config, config.people.policeCoordinator.email);
      await expect(runStep(client, workflowId, 'confirm-initiation', confirm, otherRun)).rejects.toThrow(
        CycleNotFound,
      );
      await runStep(client, workflowId, 'confirm-initiation', confirm, runId);
      expect((await cycleStatus(client, workflowId, runId)).completedSteps.map((s) => s.step)).toEqual([
        'confirm-initiation',
      ]);
    });

    it('simulated people drive a cycle through every planning phase, both gates and publication', async () => {
      const config = configs(7)[6]!;
      const { runId } = await startCycle(client, config, { taskQueue });
      const phases: string[] = [];
      // Named by its run, as the bench's simulated people do: every query and Update goes to that run.
      const report = await simulateCycle(client, config, {
        runId,
        until: 'implementation',
        deeperDialogueShare: 1,
        onPhase: (p) => phases.push(p),
        maxPollMs: 500,
      });
      expect(report.rejected).toEqual([]);
      expect(phases).toEqual([
        'initiation',
        'situation-picture',
        'staff-dialogue-what',
        'citizen-dialogues',
        'joint-picture',
        'citizen-dialogues',
        'joint-picture',
        'problem-analysis',
        'agreement',
        'staff-dialogue-how',
        'activity-plan',
        'promise',
        'implementation',
      ]);
      const status = await cycleStatus(client, report.workflowId);
      expect(status.gates.every((g) => g.open)).toBe(true);
      expect(status.activities.length).toBeGreaterThanOrEqual(5);
      expect(status.activities.length).toBeLessThanOrEqual(10);
      expect(status.promise?.recordNumber).toMatch(/^A 483\.\d{4}\/\d{4}$/);
      expect(status.promise?.publicUrl).toBe(
        `https://trygghet.example.se/medborgarloften/${config.municipality.code}/${year}`,
      );
      expect(sent.some((n) => n.kind === 'signature-request')).toBe(true);
    });
  });
});
