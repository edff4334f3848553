import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import type { CycleStatus } from '../../domain/status';
import { stepNames } from '../../domain/steps';
import { runStep, startCycle } from '../../lib/cycles';
import { freePort } from '../helpers';
import { compressedSchedule, driveToPromiseDraft, eventually, uniqueCycle } from '../http/cycle-fixtures';
import { type Stack, startStack } from '../http/stack';
import { runCli } from './run-cli';

jest.setTimeout(300_000);

const steps = (file: string) => path.join('examples', 'steps', file);

describe('promise-cycle CLI (subprocess) against the dev server with a worker', () => {
  let stack: Stack;
  let tmp: string;
  let escalated: { workflowId: string; region: string; ready: Promise<void> };
  const cli = (...args: string[]) => runCli(args, stack.env);

  beforeAll(async () => {
    stack = await startStack({ http: false });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'promise-cycle-cli-'));
    // A second cycle on a compressed calendar whose late activity escalates; it runs while the other tests do.
    const compressed = compressedSchedule(20_000);
    const config = uniqueCycle({ schedule: compressed.schedule, policy: compressed.policy });
    escalated = {
      workflowId: config.workflowId,
      region: config.region,
      ready: (async () => {
        await startCycle(stack.client, config, { taskQueue: stack.taskQueue });
        const status = await driveToPromiseDraft(stack.client, config.workflowId, {
          internalMarker: 'x',
          activityPlan: compressed.activityPlan(),
        });
        const promise = status.gates.find((g) => g.gate === 'promise')!.document!;
        for (const by of ['karin.holm@example.se', 'ahmed.yilmaz@example.se', 'eva.sjoberg@example.se']) {
          await runStep(stack.client, config.workflowId, 'sign', {
            by,
            gate: 'promise',
            contentHash: promise.contentHash,
          });
        }
      })(),
    };
  });
  afterAll(async () => {
    await escalated?.ready.catch(() => undefined);
    await stack?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('documents every command with an example, and the exit codes', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const name of ['start', 'status', 'list', 'outbox', ...stepNames])
      expect(help.stdout).toContain(`  ${name} `);
    expect(help.stdout).toMatch(/Exit codes:[\s\S]*3 {2}cannot reach Temporal/);
    for (const name of ['start', 'status', 'list', 'sign', 'record-citizen-dialogue', 'outbox']) {
      const sub = await cli(name, '--help');
      expect(sub.code).toBe(0);
      expect(sub.stdout).toMatch(/Examples?:\n {2}\$ promise-cycle /);
    }
  });

  it('exits 2 on wrong usage and 3 when Temporal cannot be reached', async () => {
    expect((await cli('no-such-command')).code).toBe(2);
    const missingFile = await cli(
      'confirm-initiation',
      '--cycle',
      'promise-cycle-0183-2027',
      steps('confirm-initiation.yaml').replace('confirm', 'nonexistent'),
    );
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr).toContain('Cannot read');
    const nobody = await runCli(['list'], {
      ...stack.env,
      TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
    });
    expect(nobody.code).toBe(3);
    expect(nobody.stderr).toContain('Cannot reach Temporal');
  });

  it('answers a status for a cycle that does not exist with "No cycle" (exit 1), summary or JSON', async () => {
    const workflowId = 'promise-cycle-0183-1999';
    for (const args of [
      ['status', workflowId],
      ['status', workflowId, '--json'],
    ]) {
      const result = await cli(...args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`No cycle ${workflowId}.`);
    }
  });

  it('refuses an invalid configuration with the path of each problem (exit 1)', async () => {
    const bad = { ...uniqueCycle(), municipality: { code: '0183', name: 'Solna' } } as Record<
      string,
      unknown
    > & { people: Record<string, unknown> };
    bad.people = { ...bad.people, lpoChief: { name: 'Karin Holm', email: 'not-an-email' } };
    const file = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(file, YAML.stringify(bad));
    const result = await cli('start', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('people.lpoChief.email: must be an email address');
    expect(result.stderr).toContain('municipality.name: municipality 0183 is Sundbyberg, not Solna');
  });

  it('drives a cycle from start through the promise gate with the example payloads', async () => {
    const { workflowId, ...config } = uniqueCycle();
    const file = path.join(tmp, 'cycle.yaml');
    fs.writeFileSync(file, YAML.stringify(config));
    const started = await cli('start', file);
    expect(started).toMatchObject({ code: 0, stdout: `${workflowId} started\n` });
    expect(await cli('start', file)).toMatchObject({ code: 0, stdout: `${workflowId} already running\n` });

    const byCode = ['--municipality', config.municipality.code, '--year', String(config.year)];
    const byId = ['--cycle', workflowId];
    const ok = async (...args: string[]) => {
      const r = await cli(...args);
      if (r.code !== 0) throw new Error(`promise-cycle ${args.join(' ')} → ${r.code}\n${r.stderr}`);
      return r.stdout;
    };
    const status = async (): Promise<CycleStatus> => JSON.parse(await ok('status', workflowId, '--json'));

    await ok('confirm-initiation', ...byCode, steps('confirm-initiation.yaml'));
    // The same person may be named on the command line; --as wins over the file.
    await ok(
      'record-situation-picture',
      ...byId,
      steps('record-situation-picture.yaml'),
      '--as',
      'karin.holm@example.se',
    );
    const tooEarly = await cli('record-citizen-dialogue', ...byId, steps('record-citizen-dialogue.yaml'));
    expect(tooEarly.code).toBe(1);
    expect(tooEarly.stderr).toMatch(/record-citizen-dialogue.*Medborgardialoger/);
    await ok('record-staff-dialogue', ...byId, steps('record-staff-dialogue.yaml'));
    await ok('record-citizen-dialogue', ...byId, steps('record-citizen-dialogue.yaml'));
    await ok('record-citizen-dialogue', ...byId, steps('record-citizen-dialogue.survey.yaml'));
    await ok('close-citizen-dialogues', ...byId, '--as', 'sara.lindqvist@example.se');
    await ok('record-joint-picture', ...byId, steps('record-joint-picture.yaml'));
    await ok('record-problem-analysis', ...byId, steps('record-problem-analysis.yaml'));
    await ok('draft-document', ...byId, steps('draft-document.yaml'));

    const agreement = (await status()).gates.find((g) => g.gate === 'agreement')!.document!;
    const notSignatory = await cli(
      'sign',
      ...byId,
      '--gate',
      'agreement',
      '--hash',
      agreement.contentHash,
      '--as',
      'fatima.hassan@example.se',
    );
    expect(notSignatory.code).toBe(1);
    expect(notSignatory.stderr).toContain('fatima.hassan@example.se');
    for (const who of ['karin.holm', 'ahmed.yilmaz', 'eva.sjoberg']) {
      await ok(
        'sign',
        ...byId,
        '--gate',
        'agreement',
        '--hash',
        agreement.contentHash,
        '--as',
        `${who}@example.se`,
      );
    }
    await ok('record-staff-dialogue', ...byId, steps('record-staff-dialogue.how.yaml'));
    await ok('submit-activity-plan', ...byId, steps('submit-activity-plan.yaml'));
    await ok('draft-document', ...byId, steps('draft-document.promise.yaml'));
    const promise = (await status()).gates.find((g) => g.gate === 'promise')!.document!;
    expect(promise.text).not.toContain('INTERNT UNDERRÄTTELSEUNDERLAG');
    for (const who of ['karin.holm', 'ahmed.yilmaz', 'eva.sjoberg']) {
      await ok(
        'sign',
        ...byId,
        '--gate',
        'promise',
        '--hash',
        promise.contentHash,
        '--as',
        `${who}@example.se`,
      );
    }

    const after = await eventually(
      status,
      (s) => s.phase === 'implementation' && s.promise?.recordNumber !== undefined,
    );
    expect(after.gates.every((g) => g.open)).toBe(true);
    expect(after.activities.map((a) => a.id)).toEqual(['kvallsnarvaro', 'belysning']);
    expect(after.citizenDialogues.recorded).toBe(2);
    expect(after.staffDialogues).toEqual({ what: true, how: true });
    expect(after.completedSteps.map((s) => s.step)).toEqual(
      expect.arrayContaining(['confirm-initiation', 'submit-activity-plan', 'sign']),
    );
    expect(after.completedSteps.find((s) => s.step === 'record-situation-picture')?.by).toBe(
      'karin.holm@example.se',
    );

    const readable = await ok('status', config.municipality.name, '--year', String(config.year));
    expect(readable).toContain('Genomförande, uppföljning och återkoppling');
    expect(readable).toContain('Kvällsnärvaro vid stationen');
    expect(readable).toContain(after.promise!.recordNumber!);
    // The year's follow-ups and feedback rounds, counted, answered from the memo like the rest.
    expect(after.followUps.length).toBeGreaterThan(0);
    expect(readable).toContain('Uppföljning och återkoppling:');
    expect(readable).toContain(`  Uppföljningar: 0 av ${after.followUps.length} klara · nästa: `);
    expect(readable).toContain(
      `  Återkopplingar: 0 av ${after.feedback.length} lämnade · nästa: Återkoppling 1 `,
    );
    expect(
      await ok('status', config.municipality.code, '--year', String(config.year), '--lang', 'en'),
    ).toContain('Implementation, follow-up and feedback');

    const listed = JSON.parse(await ok('list', '--region', config.region, '--json'));
    expect(listed).toEqual([
      expect.objectContaining({
        workflowId,
        phase: 'implementation',
        escalated: false,
        progress: { index: 11, of: 13 },
      }),
    ]);
    expect(await ok('list', '--region', config.region)).toContain(config.municipality.name);
    expect(JSON.parse(await ok('list', '--region', config.region, '--escalated', '--json'))).toEqual([]);
  });

  it('lists the cycle the workflow escalated with list --escalated', async () => {
    await escalated.ready;
    const rows = await eventually(
      async () =>
        JSON.parse((await cli('list', '--escalated', '--json')).stdout) as {
          workflowId: string;
          escalated: boolean;
          region: string;
        }[],
      (r) => r.some((x) => x.workflowId === escalated.workflowId),
      240_000,
      3_000,
    );
    expect(rows.every((r) => r.escalated)).toBe(true);
    const table = await cli('list', '--escalated', '--region', escalated.region);
    expect(table.stdout).toContain(escalated.workflowId);
    const summary = await cli('status', escalated.workflowId);
    expect(summary.stdout).toMatch(/Öppna eskaleringar: [1-9]/);
    expect(summary.stdout).toContain('Ny belysning i gångtunneln');
  });

  it('lists and shows the emails of the embedded outbox', async () => {
    const list = JSON.parse((await cli('outbox', 'list', '--json')).stdout) as { id: string; kind: string }[];
    expect(list.length).toBeGreaterThan(0);
    const request = list.find((e) => e.kind === 'signature-request')!;
    const shown = await cli('outbox', 'show', request.id);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^Subject: .+/m);
    expect(shown.stdout).toContain(`${stack.env.PUBLIC_BASE_URL}/t/`);
    expect((await cli('outbox', 'show', '20990101T000000000Z_phase-task_000000000000')).code).toBe(1);
  });
});
