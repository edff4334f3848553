import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { cycleStatus, listCycles, runStep, startCycle } from '../../lib/cycles';
import { listOutbox, readOutboxMessage } from '../../lib/outbox';
import { createTaskLink } from '../../lib/task-links';
import { render } from '../../http/views';
import { municipalities } from '../../domain/municipalities';
import YAML from 'yaml';
import {
  compressedSchedule,
  driveToPromiseDraft,
  eventually,
  exampleStep,
  uniqueCycle,
} from '../http/cycle-fixtures';
import { type Stack, startStack, tokens } from '../http/stack';
import { focused, launchChromium, screenshotsDir, seriousA11yViolations } from './browser';

jest.setTimeout(360_000);

/**
 * The pages in a real headless Chromium against a real worker and dev server: task links from
 * real emails in the outbox, signing, the public promise page and the manager dashboard.
 */
describe('pages in headless Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const marker = `INTERNT-MARKÖR-${randomBytes(4).toString('hex')}`;
  const region = `Stockholms län (test ${randomBytes(3).toString('hex')})`;
  const compressed = compressedSchedule(30_000);
  // Sundbyberg, as in the example payloads, so the screenshots read consistently.
  const main = uniqueCycle(
    { region, schedule: compressed.schedule, policy: compressed.policy },
    { code: '0183', name: 'Sundbyberg' },
  );
  // Two other municipalities, never the main one: the phase filter must leave the main cycle out.
  const pool = municipalities.filter((m) => m.code !== '0183');
  const at = randomBytes(2).readUInt16BE() % pool.length;
  const [first, second] = [pool[at]!, pool[(at + 1) % pool.length]!];
  const others = [uniqueCycle({ region }, first), uniqueCycle({ region }, second)];
  let karinsLink: string;

  beforeAll(async () => {
    stack = await startStack();
    await startCycle(stack.client, main, { taskQueue: stack.taskQueue });
    for (const other of others) await startCycle(stack.client, other, { taskQueue: stack.taskQueue });
    await driveToPromiseDraft(stack.client, main.workflowId, {
      internalMarker: marker,
      activityPlan: compressed.activityPlan(),
    });
    fs.mkdirSync(screenshotsDir, { recursive: true });
    browser = await launchChromium();
    // bypassCSP only so axe-core can be injected; the pages themselves run no script.
    context = await browser.newContext({
      bypassCSP: true,
      viewport: { width: 1200, height: 900 },
      locale: 'sv-SE',
    });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** The personal link in a real email of the outbox, found by its business key. */
  async function emailText(match: (e: { key: string; kind: string }) => boolean): Promise<string> {
    const entry = await eventually(
      async () => (await listOutbox(stack.dataDir)).find(match),
      (e) => e !== undefined,
      60_000,
    );
    const message = await readOutboxMessage(stack.dataDir, entry!.id);
    if (!message) throw new Error(`email ${entry!.id} listed but not readable`);
    return message.text;
  }

  async function linkFromEmail(match: (e: { key: string; kind: string }) => boolean): Promise<string> {
    const text = await emailText(match);
    const link = text.match(new RegExp(`${stack.baseUrl}/t/[A-Za-z0-9_.-]+`))?.[0];
    if (!link) throw new Error(`no task link in email: ${text.slice(0, 200)}`);
    return link;
  }

  async function expectAccessible(): Promise<void> {
    expect(await seriousA11yViolations(page)).toEqual([]);
  }

  it('a signatory signs through the emailed link; a non-signatory cannot', async () => {
    karinsLink = await linkFromEmail(
      (e) =>
        e.kind === 'signature-request' &&
        e.key.startsWith(`${main.workflowId}/sign-promise/karin.holm@example.se/`),
    );
    const response = await page.goto(karinsLink);
    expect(response?.status()).toBe(200);
    const promise = (await cycleStatus(stack.client, main.workflowId)).gates.find(
      (g) => g.gate === 'promise',
    )!.document!;
    await expect(page.locator('h1').textContent()).resolves.toBe('Signera medborgarlöftet');
    await expect(page.getByTestId('content-hash').textContent()).resolves.toBe(promise.contentHash);
    expect(await page.locator('.document').textContent()).toBe(promise.text);
    await expectAccessible();
    await page.screenshot({ path: path.join(screenshotsDir, 'task-sign.png'), fullPage: false });

    await page.getByRole('button', { name: 'Jag har läst dokumentet och undertecknar' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Tack! Uppgiften är registrerad.');
    const karin = (await cycleStatus(stack.client, main.workflowId)).gates
      .find((g) => g.gate === 'promise')!
      .signatories.find((s) => s.email === 'karin.holm@example.se');
    expect(karin).toMatchObject({ valid: true, signedHash: promise.contentHash });

    // A valid link, but for someone who is not a designated signatory of this task.
    const staffLink = createTaskLink(stack.linkSigningKey, {
      workflowId: main.workflowId,
      taskId: 'sign-promise',
      email: 'fatima.hassan@example.se',
    });
    const refused = await page.goto(`${stack.baseUrl}/t/${staffLink}`);
    expect(refused?.status()).toBe(403);
    expect(await page.locator('[role=alert]').textContent()).toBe(
      'Endast de utsedda undertecknarna kan underteckna det här dokumentet.',
    );
    expect(await page.locator('form').count()).toBe(0);
  });

  it('refuses a reused, an expired and a tampered link', async () => {
    const reused = await page.goto(karinsLink);
    expect(reused?.status()).toBe(410);
    expect(await page.locator('[role=alert]').textContent()).toContain('redan använts');

    const expired = createTaskLink(stack.linkSigningKey, {
      workflowId: main.workflowId,
      taskId: 'sign-promise',
      email: 'ahmed.yilmaz@example.se',
      expiresAt: new Date(Date.now() - 60_000),
    });
    expect((await page.goto(`${stack.baseUrl}/t/${expired}`))?.status()).toBe(410);
    expect(await page.locator('[role=alert]').textContent()).toContain('gått ut');
    await expectAccessible();

    const ahmedsLink = await linkFromEmail(
      (e) =>
        e.kind === 'signature-request' &&
        e.key.startsWith(`${main.workflowId}/sign-promise/ahmed.yilmaz@example.se/`),
    );
    const [payload, signature] = ahmedsLink.split('/t/')[1]!.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claims, email: 'fatima.hassan@example.se' })).toString(
      'base64url',
    );
    expect((await page.goto(`${stack.baseUrl}/t/${forged}.${signature}`))?.status()).toBe(403);
    expect(await page.locator('[role=alert]').textContent()).toContain('ogiltig');
  });

  it('a staff member completes an activity task through the link in her email, using the keyboard', async () => {
    const promise = (await cycleStatus(stack.client, main.workflowId)).gates.find(
      (g) => g.gate === 'promise',
    )!.document!;
    for (const by of ['ahmed.yilmaz@example.se', 'eva.sjoberg@example.se'])
      await runStep(stack.client, main.workflowId, 'sign', {
        by,
        gate: 'promise',
        contentHash: promise.contentHash,
      });
    const link = await linkFromEmail(
      (e) => e.kind === 'activity-start' && e.key.startsWith(`${main.workflowId}/activity-kvallsnarvaro/`),
    );
    expect((await page.goto(link))?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toContain('Kvällsnärvaro vid stationen');
    await expectAccessible();
    await page.screenshot({ path: path.join(screenshotsDir, 'task-activity.png'), fullPage: true });

    // Keyboard: the skip link comes first and moves to the main content; Tab then reaches the form fields.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'a', text: 'Hoppa till huvudinnehållet' });
    expect((await focused(page)).outline).toMatch(/^solid [1-9]/);
    await page.keyboard.press('Enter');
    const reached: string[] = [];
    for (let i = 0; i < 8 && !reached.includes('progress-pct'); i++) {
      await page.keyboard.press('Tab');
      reached.push((await focused(page)).id);
    }
    expect(reached).toContain('progress-summary');
    expect(reached).toContain('progress-pct');
    expect((await focused(page)).outline).toMatch(/^solid [1-9]/);
    await page
      .locator('#progress-summary')
      .fill('Tolv kvällspass genomförda; lugnare vid torget efter klockan 22.');
    await page.locator('#progress-pct').fill('30');
    await page.locator('#progress-pct').press('Enter');
    await expect(page.locator('[role=status]').textContent()).resolves.toContain('report-progress');
    const reported = (await cycleStatus(stack.client, main.workflowId)).activities.find(
      (a) => a.id === 'kvallsnarvaro',
    );
    expect(reported).toMatchObject({
      percentComplete: 30,
      lastReport: { summary: 'Tolv kvällspass genomförda; lugnare vid torget efter klockan 22.' },
    });

    // Progress does not close the task: the same link completes the activity.
    await page.getByRole('link', { name: 'Tillbaka till uppgiften' }).click();
    await page.locator('#complete-summary').fill('Kvällsnärvaron genomfördes.');
    await page.locator('#complete-outcome').fill('44 kvällspass (mål 40).');
    await page.getByRole('button', { name: /aktiviteten är genomförd/i }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Tack! Uppgiften är registrerad.');
    const activity = (await cycleStatus(stack.client, main.workflowId)).activities.find(
      (a) => a.id === 'kvallsnarvaro',
    );
    expect(activity).toMatchObject({ state: 'done' });
    expect(activity?.completedAt).toBeDefined();

    expect((await page.goto(link))?.status()).toBe(410);
  });

  it('the public promise page shows the promise, progress and signatures, and no internal data', async () => {
    const url = `${stack.baseUrl}/medborgarloften/${main.municipality.code}/${main.year}`;
    const response = await eventually(
      async () => (await fetch(url)).status,
      (s) => s === 200,
      30_000,
    );
    expect(response).toBe(200);
    await page.goto(url);
    const html = await page.content();
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    expect(await page.locator('h1').textContent()).toBe(
      `Medborgarlöfte för ${main.municipality.name} ${main.year}`,
    );
    expect(html).toContain('Kvällsnärvaro vid stationen');
    expect(html).toContain('Tolv kvällspass genomförda');
    expect(html).toContain('Karin Holm');
    expect(html).not.toContain(marker);
    expect(html).not.toContain('UNDERRÄTTELSEUNDERLAG');
    expect(html).not.toMatch(/[a-z0-9.]+@example\.se/);
    const json = await (
      await fetch(`${stack.baseUrl}/api/public/${main.municipality.code}/${main.year}`)
    ).text();
    expect(json).not.toContain(marker);
    expect(json).not.toMatch(/@example\.se/);
    await expectAccessible();
    await page.screenshot({ path: path.join(screenshotsDir, 'public-promise.png'), fullPage: true });
    await page.goto(`${url}?lang=en`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h2').first().textContent()).toBe('Introduction');
  });

  it('the manager dashboard lists and filters cycles, shows a cycle and the outbox', async () => {
    const login = await page.goto(`${stack.baseUrl}/dashboard`);
    expect(new URL(login!.url()).pathname).toBe('/login');
    await page.getByLabel('Åtkomstnyckel').fill(tokens.manager);
    await page.getByRole('button', { name: 'Logga in' }).click();
    expect(new URL(page.url()).pathname).toBe('/dashboard');

    const rows = () => page.locator('table[data-testid=cycles] tbody tr');
    await page.getByLabel('Region', { exact: true }).selectOption(region);
    await page.getByRole('button', { name: 'Filtrera' }).click();
    expect(new URL(page.url()).searchParams.get('region')).toBe(region);
    await expect(rows().count()).resolves.toBe(3);

    await page.getByLabel('Fas', { exact: true }).selectOption('initiation');
    await page.getByRole('button', { name: 'Filtrera' }).click();
    await expect(rows().count()).resolves.toBe(2);
    expect(await rows().allTextContents()).not.toEqual(
      expect.arrayContaining([expect.stringContaining(main.municipality.name)]),
    );

    // The workflow escalates the activity that slipped without an explanation; the filter finds it.
    await eventually(
      () => listCycles(stack.client, { region, escalated: true }),
      (list) => list.some((c) => c.workflowId === main.workflowId),
      240_000,
      3_000,
    );
    await page.getByLabel('Fas', { exact: true }).selectOption('');
    await page.getByLabel('Endast eskalerade').check();
    await page.getByRole('button', { name: 'Filtrera' }).click();
    await expect(rows().count()).resolves.toBe(1);
    expect(await rows().first().textContent()).toContain(main.municipality.name);
    expect(await rows().first().locator('td').last().textContent()).toBe('Ja');

    // Keyboard: skip link first, then the filter controls in order.
    await page.goto(`${stack.baseUrl}/dashboard?region=${encodeURIComponent(region)}`);
    const order: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      order.push(f.id || f.text);
    }
    expect(order[0]).toBe('Hoppa till huvudinnehållet');
    expect(order.indexOf('f-region')).toBeGreaterThan(0);
    expect(order.indexOf('f-year')).toBe(order.indexOf('f-region') + 1);
    expect(order.indexOf('f-phase')).toBe(order.indexOf('f-year') + 1);
    expect(order.indexOf('f-escalated')).toBe(order.indexOf('f-phase') + 1);
    await expectAccessible();
    await page.screenshot({ path: path.join(screenshotsDir, 'dashboard.png'), fullPage: true });

    await page.getByRole('link', { name: main.municipality.name }).click();
    expect(await page.locator('h1').textContent()).toBe(`${main.municipality.name} ${main.year}`);
    const timeline = await page.locator('#h-timeline + table').textContent();
    expect(timeline).toContain('confirm-initiation');
    expect(timeline).toContain('karin.holm@example.se');
    expect(await page.locator('#h-signatures + table').textContent()).toContain('Karin Holm');
    expect(await page.locator('#h-activities + table').textContent()).toContain('Genomförd');
    const schedule = await page.locator('#h-follow-ups + table tbody th').allTextContents();
    const status = await cycleStatus(stack.client, main.workflowId);
    expect(schedule).toHaveLength(status.followUps.length + status.feedback.length);
    expect(schedule).toContain('Återkoppling 1 till medborgare och medarbetare');
    expect(schedule).toContain(status.followUps[0]!.title);
    const firstFeedback = page.locator('#h-follow-ups + table tbody tr', { hasText: 'Återkoppling 1 till' });
    expect(await firstFeedback.locator('time').first().getAttribute('datetime')).toBe(
      status.feedback[0]!.deadline,
    );
    await expectAccessible();
    await page.screenshot({ path: path.join(screenshotsDir, 'cycle.png'), fullPage: true });

    await page.getByRole('link', { name: 'Utkorg' }).click();
    const mails = page.locator('table[data-testid=outbox] tbody tr');
    expect(await mails.count()).toBeGreaterThan(5);
    await expectAccessible();
    await mails.first().locator('a').click();
    expect(await page.getByTestId('mail-text').textContent()).toContain('Medborgarlöfte');
  });

  it('a cycle no worker answers for still shows where it stands, from its memo', async () => {
    const gone = uniqueCycle({ region });
    const digest = await stack.cycleWithoutWorker(gone);
    await page.goto(`${stack.baseUrl}/dashboard/cycles/${gone.workflowId}`);
    if (new URL(page.url()).pathname === '/login') {
      await page.getByLabel('Åtkomstnyckel').fill(tokens.manager);
      await page.getByRole('button', { name: 'Logga in' }).click();
    }
    expect(await page.locator('h1').textContent()).toBe(`${gone.municipality.name} ${gone.year}`);
    expect(await page.locator('p.notice').textContent()).toContain('ingen worker svarar');
    const tasks = await page.locator('#h-tasks + table').textContent();
    for (const task of digest.openTasks) expect(tasks).toContain(task.title);
    expect(tasks).toContain('record-situation-picture');
    expect(await page.locator('#h-timeline').count()).toBe(0);
    await expectAccessible();
    await page.screenshot({ path: path.join(screenshotsDir, 'cycle-digest.png'), fullPage: true });

    // This cycle is still in its first phase: the same page with a later cycle's digest shows its milestone table.
    const later = {
      ...digest,
      followUps: {
        of: 4,
        done: 1,
        overdue: 1,
        next: { title: 'Uppföljning av året', due: '2027-12-01T06:00:00.000Z' },
      },
      feedback: { of: 12, given: 3, overdue: 0, next: { round: 4, due: '2027-06-22T06:00:00.000Z' } },
    };
    await page.setContent(render('cycle.eta', { lang: 'sv', title: 'Sundbyberg 2027', digest: later }));
    const rows = await Promise.all(
      (await page.locator('#h-follow-ups + table tbody tr').all()).map(async (tr) =>
        (await tr.locator('th, td').allTextContents()).map((cell) => cell.replace(/\s+/g, ' ').trim()),
      ),
    );
    expect(rows).toEqual([
      ['Uppföljningar', '1 av 4', '1', 'Uppföljning av året, 1 dec. 2027'],
      ['Återkopplingar', '3 av 12', '0', 'Återkoppling 4 till medborgare och medarbetare, 22 juni 2027'],
    ]);
    await expectAccessible();
  });

  it("a cycle started from last year's shows what carried over; its situation picture starts from it", async () => {
    const next = uniqueCycle();
    const previousWorkflowId = `promise-cycle-${next.municipality.code}-${next.year - 1}`;
    const carryOver = {
      previousWorkflowId,
      finalFollowUp: 'Otryggheten i centrum minskade.\nFortsätt trygghetsvandringarna under vintern.',
      renewableFocusAreas: [
        {
          id: 'centrum',
          title: 'Tryggare centrum',
          targetPicture: 'Fler känner sig trygga i centrum på kvällstid',
        },
      ],
      outcomes: [{ activity: 'Trygghetsvandringar', state: 'done', outcome: '12 vandringar genomförda' }],
    };
    await startCycle(stack.client, { config: next, carryOver }, { taskQueue: stack.taskQueue });
    const initiation = exampleStep('confirm-initiation.yaml');
    await runStep(stack.client, next.workflowId, 'confirm-initiation', initiation as never);
    // The page falls back to the memo digest (no carry-over there) when the worker has not answered within
    // the stack's 5 s; on a loaded CI machine the phase change could still be running then.
    await eventually(
      () => cycleStatus(stack.client, next.workflowId),
      (s) => s.phase === 'situation-picture',
    );

    await page.goto(`${stack.baseUrl}/dashboard/cycles/${next.workflowId}`);
    if (new URL(page.url()).pathname === '/login') {
      await page.getByLabel('Åtkomstnyckel').fill(tokens.manager);
      await page.getByRole('button', { name: 'Logga in' }).click();
    }
    expect(await page.locator('#h-carry-over').textContent()).toBe('Från förra årets cykel');
    expect(await page.getByRole('link', { name: previousWorkflowId }).getAttribute('href')).toBe(
      `/dashboard/cycles/${previousWorkflowId}`,
    );
    expect(await page.locator('p.pre-line').innerText()).toBe(carryOver.finalFollowUp);
    expect(await page.getByText('Tryggare centrum').count()).toBe(1);
    const outcomes = await page.locator('#h-previous-outcomes + table').textContent();
    expect(outcomes).toContain('12 vandringar genomförda');
    expect(outcomes).toContain('Genomförd');
    await expectAccessible();

    const situationEmail = (e: { key: string }) =>
      e.key.startsWith(`${next.workflowId}/phase-situation-picture/phase-task/`);
    const email = await emailText(situationEmail);
    expect(email).toContain(`Avslutande uppföljning:\n${carryOver.finalFollowUp}`);
    expect(email).toContain('- Trygghetsvandringar: genomförd. Resultat: 12 vandringar genomförda');
    await page.goto(await linkFromEmail(situationEmail));
    const yaml = await page.locator('textarea').inputValue();
    expect(yaml).toContain('Fortsätt trygghetsvandringarna under vintern.');
    expect(YAML.parse(yaml).previousYearFollowUp).toBe(carryOver.finalFollowUp);
  });
});
