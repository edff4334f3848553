import SwaggerParser from '@apidevtools/swagger-parser';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { createTaskLink } from '../../lib/task-links';
import {
  CycleRowSchema,
  ErrorSchema,
  StartResultSchema,
  StatusDigestReadSchema,
  StepResultSchema,
} from '../../http/api-schemas';
import { openApiText } from '../../http/write-openapi';
import { stepNames } from '../../domain/steps';
import { cycleStatus, startCycle } from '../../lib/cycles';
import { listOutbox, readOutboxMessage } from '../../lib/outbox';
import { eventually, exampleStep, uniqueCycle } from './cycle-fixtures';
import { type Stack, startStack, tokens } from './stack';

jest.setTimeout(180_000);

describe('HTTP API, auth and security', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  const api = (p: string, init: RequestInit & { token?: string } = {}) =>
    fetch(`${stack.baseUrl}${p}`, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as object),
      },
    });

  it('serves the OpenAPI 3.1 description, identical to the committed docs/openapi.json', async () => {
    const res = await api('/api/openapi.json');
    expect(res.status).toBe(200);
    const served = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(served.openapi).toBe('3.1.0');
    for (const step of stepNames)
      expect(served.paths).toHaveProperty([`/api/cycles/{workflowId}/steps/${step}`]);
    expect(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'openapi.json'), 'utf8')).toBe(
      openApiText(),
    );
    // Structure, references and schemas checked against the official OpenAPI 3.1 schema.
    await expect(SwaggerParser.validate(structuredClone(served) as never)).resolves.toBeDefined();
  });

  it('needs a personal token; managers read, coordinators also write', async () => {
    expect((await api('/api/cycles')).status).toBe(401);
    expect((await api('/api/cycles', { token: 'not-a-token-0123456789abcdef' })).status).toBe(401);
    const list = await api('/api/cycles', { token: tokens.manager });
    expect(list.status).toBe(200);
    z.array(CycleRowSchema).parse(await list.json());
    const denied = await api('/api/cycles', {
      method: 'POST',
      token: tokens.manager,
      body: JSON.stringify(uniqueCycle()),
    });
    expect(denied.status).toBe(403);
  });

  it('validates a configuration with zod and reports each field; starting is idempotent', async () => {
    const bad = await api('/api/cycles', {
      method: 'POST',
      token: tokens.coordinator,
      body: JSON.stringify({ ...uniqueCycle(), year: 'next' }),
    });
    expect(bad.status).toBe(400);
    const error = ErrorSchema.parse(await bad.json());
    expect(error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'year' })]));

    const { workflowId, ...config } = uniqueCycle();
    const first = await api('/api/cycles', {
      method: 'POST',
      token: tokens.coordinator,
      body: JSON.stringify(config),
    });
    expect(first.status).toBe(201);
    expect(StartResultSchema.parse(await first.json())).toMatchObject({ workflowId, alreadyRunning: false });
    const again = await api('/api/cycles', {
      method: 'POST',
      token: tokens.coordinator,
      body: JSON.stringify(config),
    });
    expect(again.status).toBe(200);
    expect(StartResultSchema.parse(await again.json()).alreadyRunning).toBe(true);

    // Steps: "by" is the caller; another person is refused; the cycle's validator speaks through 409.
    const other = await api(`/api/cycles/${workflowId}/steps/confirm-initiation`, {
      method: 'POST',
      token: tokens.coordinator,
      body: JSON.stringify(exampleStep('record-situation-picture.yaml')),
    });
    expect(other.status).toBe(403);
    const tooEarly = await api(`/api/cycles/${workflowId}/steps/record-joint-picture`, {
      method: 'POST',
      token: tokens.coordinator,
      body: JSON.stringify({ ...exampleStep('record-joint-picture.yaml'), by: undefined }),
    });
    expect(tooEarly.status).toBe(409);
    expect(ErrorSchema.parse(await tooEarly.json()).message).toContain('record-joint-picture');
    const invalid = await api(`/api/cycles/${workflowId}/steps/confirm-initiation`, {
      method: 'POST',
      token: tokens.coordinator,
      body: JSON.stringify({ steeringGroup: [] }),
    });
    expect(invalid.status).toBe(400);
    const { by: _by, ...initiation } = exampleStep('confirm-initiation.yaml');
    const done = await api(`/api/cycles/${workflowId}/steps/confirm-initiation`, {
      method: 'POST',
      token: tokens.coordinator,
      body: JSON.stringify(initiation),
    });
    expect(done.status).toBe(200);
    expect(StepResultSchema.parse(await done.json())).toMatchObject({
      step: 'confirm-initiation',
      phase: 'initiation',
    });

    const status = await api(`/api/cycles/${workflowId}`, { token: tokens.manager });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({
      phase: 'situation-picture',
      completedSteps: [
        expect.objectContaining({ step: 'confirm-initiation', by: 'johan.ekstrom@example.se' }),
      ],
    });
    expect((await api(`/api/public/${config.municipality.code}/${config.year}`)).status).toBe(404);
  });

  it('logs a browser in with a cookie (HttpOnly, SameSite=Strict) and guards its writes against CSRF', async () => {
    const wrong = await fetch(`${stack.baseUrl}/login`, {
      method: 'POST',
      headers: { origin: stack.baseUrl },
      body: new URLSearchParams({ token: 'wrong-token-0123456789abcdefgh' }),
      redirect: 'manual',
    });
    expect(wrong.status).toBe(401);
    const login = await fetch(`${stack.baseUrl}/login`, {
      method: 'POST',
      headers: { origin: stack.baseUrl },
      body: new URLSearchParams({ token: tokens.manager, next: '/dashboard' }),
      redirect: 'manual',
    });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const session = cookie.split(';')[0]!;
    expect(
      (await fetch(`${stack.baseUrl}/dashboard`, { headers: { cookie: session }, redirect: 'manual' }))
        .status,
    ).toBe(200);
    const english = await (
      await fetch(`${stack.baseUrl}/dashboard?lang=en`, { headers: { cookie: session } })
    ).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('<h1>All cycles</h1>');
    const crossSite = await fetch(`${stack.baseUrl}/login`, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      body: new URLSearchParams({ token: tokens.manager }),
      redirect: 'manual',
    });
    expect(crossSite.status).toBe(403);
    const noCsrfToken = await fetch(`${stack.baseUrl}/api/cycles`, {
      method: 'POST',
      headers: { cookie: session, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noCsrfToken.status).toBe(403);
    const logoutWithoutToken = await fetch(`${stack.baseUrl}/logout`, {
      method: 'POST',
      headers: { cookie: session, origin: stack.baseUrl },
      body: new URLSearchParams({}),
      redirect: 'manual',
    });
    expect(logoutWithoutToken.status).toBe(403);
    expect((await fetch(`${stack.baseUrl}/dashboard`, { redirect: 'manual' })).headers.get('location')).toBe(
      '/login?next=%2Fdashboard',
    );
  });

  it('sends security headers: a CSP without inline scripts, nosniff, no framing', async () => {
    const res = await fetch(`${stack.baseUrl}/login`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('refuses a tampered link (403) and an expired one (410) with a Swedish page', async () => {
    const expired = createTaskLink(stack.linkSigningKey, {
      workflowId: 'promise-cycle-0183-2027',
      taskId: 'sign-promise',
      email: 'karin.holm@example.se',
      expiresAt: new Date(Date.now() - 1000),
    });
    const res = await fetch(`${stack.baseUrl}/t/${expired}`);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('Länken har gått ut');
    // Change the signature's first character: it carries six signature bits (the last ones may be padding).
    const dot = expired.lastIndexOf('.') + 1;
    const forged = `${expired.slice(0, dot)}${expired[dot] === 'A' ? 'B' : 'A'}${expired.slice(dot + 1)}`;
    const tampered = await fetch(`${stack.baseUrl}/t/${forged}`);
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain('<html lang="sv">');
  });

  it('completes a form-less step from the emailed link with the prefilled YAML, then refuses the used link', async () => {
    const { workflowId, ...config } = uniqueCycle();
    await startCycle(stack.client, config, { taskQueue: stack.taskQueue });
    const entry = await eventually(
      async () =>
        (await listOutbox(stack.dataDir)).find(
          (e) =>
            e.kind === 'phase-task' &&
            e.key.startsWith(`${workflowId}/phase-initiation/`) &&
            e.toRoles.includes('policeCoordinator'),
        ),
      (e) => e !== undefined,
    );
    const text = (await readOutboxMessage(stack.dataDir, entry!.id))!.text;
    const link = text.match(new RegExp(`${stack.baseUrl}/t/[A-Za-z0-9_.-]+`))![0];
    const page = await (await fetch(link)).text();
    const yaml = page
      .match(/<textarea id="payload"[^>]*>([\s\S]*?)<\/textarea>/)![1]!
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    expect(yaml).toContain('steeringGroup:');
    expect(yaml).not.toContain('by:');
    const done = await fetch(link, {
      method: 'POST',
      headers: { origin: stack.baseUrl },
      body: new URLSearchParams({ payload: yaml }),
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Tack! Uppgiften är registrerad.');
    const status = await cycleStatus(stack.client, workflowId);
    expect(status.completedSteps).toEqual([
      expect.objectContaining({ step: 'confirm-initiation', by: 'johan.ekstrom@example.se' }),
    ]);
    expect((await fetch(link)).status).toBe(410);
  });

  it('answers where a cycle stands from its memo when no worker answers for it', async () => {
    const gone = uniqueCycle();
    const digest = await stack.cycleWithoutWorker(gone);
    const read = await api(`/api/cycles/${gone.workflowId}/digest`, { token: tokens.manager });
    expect(read.status).toBe(200);
    expect(StatusDigestReadSchema.parse(await read.json())).toEqual({ source: 'memo', digest });
    expect(digest.phase).toBe('situation-picture');
    // The full status is a query: it needs a worker, so it times out into 503.
    const full = await api(`/api/cycles/${gone.workflowId}`, { token: tokens.manager });
    expect(full.status).toBe(503);
    expect(ErrorSchema.parse(await full.json()).error).toBe('unavailable');
    const missing = await api(`/api/cycles/promise-cycle-9998-${gone.year}/digest`, {
      token: tokens.manager,
    });
    expect(missing.status).toBe(404);
    expect((await api(`/api/cycles/${gone.workflowId}/digest`)).status).toBe(401);
  });

  it('shows the published copy of a promise when no worker answers for it', async () => {
    const code = '0180';
    const year = 2031 + Math.floor(Math.random() * 60);
    const view = {
      municipality: { code, name: 'Stockholm' },
      region: 'Stockholms län',
      localPoliceArea: 'Lokalpolisområde Norrmalm',
      year,
      language: 'sv',
      published: true,
      promise: {
        text: '# Medborgarlöfte',
        introduction: 'Publicerad inledning.',
        purpose: 'Syfte.',
        jointPictureSummary: 'Lägesbild.',
        focusAreas: [{ title: 'Tryggare torg', targetPicture: 'Ett tryggt torg.' }],
        howCitizensCanFollow: 'På webben.',
        signatures: [{ name: 'Karin Holm', role: 'lpoChief', signedAt: '2031-03-01T10:00:00.000Z' }],
      },
      activities: [],
      feedback: [{ date: '2031-04-01', summary: 'Första återkopplingen.' }],
    };
    fs.mkdirSync(path.join(stack.dataDir, 'public', code), { recursive: true });
    fs.writeFileSync(path.join(stack.dataDir, 'public', code, `${year}.json`), JSON.stringify(view));
    const res = await fetch(`${stack.baseUrl}/medborgarloften/${code}/${year}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Publicerad inledning.');
    expect(html).toContain('Första återkopplingen.');
    expect((await fetch(`${stack.baseUrl}/medborgarloften/${code}/${year + 1}`)).status).toBe(404);
  });
});
