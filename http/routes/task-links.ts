import type { Context } from 'hono';
import { Hono } from 'hono';
import YAML from 'yaml';
import type { CycleStatus } from '../../domain/status';
import { type StepName, stepSchemas } from '../../domain/steps';
import type { Task } from '../../domain/tasks';
import { runStep, StepRejected } from '../../lib/cycles';
import { type TaskLinkClaims, verifyTaskLink } from '../../lib/task-links';
import { readStatus } from '../cycle-reads';
import type { HttpDeps } from '../deps';
import { type Lang, pickLang, type Texts, texts } from '../i18n';
import { exampleYaml } from '../step-examples';
import { UsedLinks } from '../used-links';
import { render } from '../views';

/** Steps an activity owner may take from one activity task link. */
export const activityActions = [
  'report-progress',
  'complete-activity',
  'explain-deviation',
  'report-change',
] as const;
type ActivityAction = (typeof activityActions)[number];
const isActivityAction = (s: string): s is ActivityAction =>
  (activityActions as readonly string[]).includes(s);

type Refusal = { status: 403 | 410 | 503; message: (t: Texts) => string };
type Resolved = { claims: TaskLinkClaims; status: CycleStatus; task: Task; lang: Lang };

export function taskLinkRoutes(deps: HttpDeps, usedLinks = new UsedLinks(deps.dataDir)): Hono {
  const app = new Hono();

  const refuse = (c: Context, lang: Lang, refusal: Refusal) =>
    c.html(
      render('task-refused.eta', {
        lang,
        title: texts(lang).linkInvalidTitle,
        message: refusal.message(texts(lang)),
      }),
      refusal.status,
    );

  /** Checks the link end to end: signature, expiry, single use, open task, and that the person is assigned to it. */
  async function resolve(token: string): Promise<Resolved | (Refusal & { lang?: Lang })> {
    const verified = verifyTaskLink(deps.secret, token);
    if (!verified.ok)
      return verified.reason === 'expired'
        ? { status: 410, message: (t) => t.linkExpired }
        : { status: 403, message: (t) => t.linkInvalid };
    const claims = verified.claims;
    if (usedLinks.has(token)) return { status: 410, message: (t) => t.linkUsed };
    let status: CycleStatus;
    try {
      status = await readStatus(deps.client, claims.wf, deps.queryTimeoutMs);
    } catch {
      return { status: 503, message: (t) => t.cycleUnreachable };
    }
    const lang = status.cycle.language;
    const task = status.openTasks.find((t) => t.id === claims.task);
    if (!task || alreadySigned(status, task, claims.email)) {
      // The task is done (or this person has signed): the link has served its purpose.
      usedLinks.add(token, { workflowId: claims.wf, taskId: claims.task, email: claims.email });
      return { status: 410, message: (t) => t.linkUsed, lang };
    }
    if (!task.assignees.some((a) => a.email === claims.email)) {
      return {
        status: 403,
        message: (t) => (task.step === 'sign' ? t.linkNotSignatory : t.linkWrongPerson),
        lang,
      };
    }
    return { claims, status, task, lang };
  }

  const langFor = (c: Context, fallback: Lang | undefined): Lang =>
    c.req.query('lang') ? pickLang(c.req.query('lang')) : (fallback ?? 'sv');

  app.get('/t/:token', async (c) => {
    const token = c.req.param('token');
    const r = await resolve(token);
    if (!('task' in r)) return refuse(c, langFor(c, r.lang), r);
    return c.html(renderTaskPage(r, langFor(c, r.lang), token, {}));
  });

  app.post('/t/:token', async (c) => {
    const token = c.req.param('token');
    const r = await resolve(token);
    if (!('task' in r)) return refuse(c, langFor(c, r.lang), r);
    const lang = langFor(c, r.lang);
    const form = await c.req.parseBody({ all: true });
    const built = buildPayload(r, form);
    if ('error' in built) return c.html(renderTaskPage(r, lang, token, { errors: [built.error], form }), 400);
    const parsed = stepSchemas[built.step].safeParse(built.payload);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) =>
        i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
      );
      return c.html(renderTaskPage(r, lang, token, { errors, form }), 400);
    }
    try {
      const result = await runStep(deps.client, r.claims.wf, built.step, built.payload as never);
      const after = await readStatus(deps.client, r.claims.wf, deps.queryTimeoutMs).catch(() => undefined);
      const stillOpen = r.task.step !== 'sign' && after?.openTasks.some((t) => t.id === r.task.id);
      if (!stillOpen)
        usedLinks.add(token, { workflowId: r.claims.wf, taskId: r.task.id, email: r.claims.email });
      return c.html(
        render('task-done.eta', {
          lang,
          title: texts(lang).thanks,
          message: result.message,
          stillOpen,
          token,
        }),
      );
    } catch (err) {
      if (err instanceof StepRejected)
        return c.html(renderTaskPage(r, lang, token, { errors: [err.reason], form }), 409);
      return refuse(c, lang, { status: 503, message: (t) => t.cycleUnreachable });
    }
  });

  return app;
}

function alreadySigned(status: CycleStatus, task: Task, email: string): boolean {
  if (task.step !== 'sign') return false;
  const gate = status.gates.find((g) => g.gate === task.subject.gate);
  return Boolean(gate?.signatories.some((s) => s.email === email && s.valid && s.signedAt));
}

function renderTaskPage(
  r: Resolved,
  lang: Lang,
  token: string,
  extra: { errors?: string[]; form?: Record<string, unknown> },
): string {
  const { task, status, claims } = r;
  const person = task.assignees.find((a) => a.email === claims.email);
  const base = {
    lang,
    title: task.title,
    task,
    cycle: status.cycle,
    person,
    token,
    errors: extra.errors,
    form: extra.form ?? {},
  };
  if (task.step === 'sign') {
    const gate = status.gates.find((g) => g.gate === task.subject.gate);
    return render('task-sign.eta', { ...base, document: gate?.document });
  }
  if (isActivityAction(task.step)) {
    const activity = status.activities.find((a) => a.id === task.subject.activityId);
    return render('task-activity.eta', { ...base, activity, actions: activityActions });
  }
  if (task.step === 'record-follow-up') return render('task-follow-up.eta', base);
  if (task.step === 'record-feedback')
    return render('task-feedback.eta', { ...base, today: new Date().toISOString().slice(0, 10) });
  const yaml =
    typeof extra.form?.payload === 'string'
      ? extra.form.payload
      : exampleYaml(task.step, { ...subjectFields(task), ...carriedOver(task, status) });
  return render('task-generic.eta', { ...base, yaml });
}

/** The situation picture starts from last year's closing follow-up, when there was a last year. */
function carriedOver(task: Task, status: CycleStatus): Record<string, unknown> {
  const previous = status.carryOver?.finalFollowUp;
  return task.step === 'record-situation-picture' && previous ? { previousYearFollowUp: previous } : {};
}

/** Fields fixed by the task itself: a link cannot be turned to another activity, follow-up or gate. */
function subjectFields(task: Task): Record<string, unknown> {
  const s = task.subject;
  const fixed: Record<string, unknown> = {};
  if (s.activityId) fixed.activityId = s.activityId;
  if (s.followUpId) fixed.followUpId = s.followUpId;
  if (s.feedbackId) fixed.feedbackId = s.feedbackId;
  if (s.gate) fixed.gate = s.gate;
  if (s.dialogueKind) fixed.kind = s.dialogueKind;
  return fixed;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

function buildPayload(
  r: Resolved,
  form: Record<string, unknown>,
): { step: StepName; payload: Record<string, unknown> } | { error: string } {
  const { task, claims } = r;
  const by = claims.email;
  if (task.step === 'sign')
    return { step: 'sign', payload: { by, gate: task.subject.gate, contentHash: text(form.contentHash) } };
  if (isActivityAction(task.step)) {
    const action = text(form.action);
    if (!action || !isActivityAction(action)) return { error: `action: ${activityActions.join(' | ')}` };
    const activityId = task.subject.activityId;
    const pct = text(form.percentComplete);
    const payloads: Record<ActivityAction, Record<string, unknown>> = {
      'report-progress': {
        summary: text(form.summary),
        percentComplete: pct === undefined ? undefined : Number(pct),
      },
      'complete-activity': { summary: text(form.summary), productionOutcome: text(form.productionOutcome) },
      'explain-deviation': {
        explanation: text(form.explanation),
        newEnd: text(form.newEnd),
        cancelled: form.cancelled === 'on',
      },
      'report-change': { what: text(form.what), why: text(form.why), newEnd: text(form.newEnd) },
    };
    return { step: action, payload: { by, activityId, ...payloads[action] } };
  }
  if (task.step === 'record-follow-up') {
    const yesNo = (v: unknown) => (v === 'yes' ? true : v === 'no' ? false : undefined);
    return {
      step: task.step,
      payload: {
        by,
        followUpId: task.subject.followUpId,
        resourcesAndActivities: { asPlanned: yesNo(form.asPlanned), comment: text(form.resourcesComment) },
        performance: { qualityMet: yesNo(form.qualityMet), comment: text(form.performanceComment) },
        effect: { assessment: text(form.assessment), comment: text(form.effectComment) },
        summary: text(form.summary),
        improvements: text(form.improvements) ?? '',
      },
    };
  }
  if (task.step === 'record-feedback') {
    const list = (v: unknown): string[] =>
      (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
    return {
      step: task.step,
      payload: {
        by,
        feedbackId: task.subject.feedbackId,
        date: text(form.date),
        audiences: list(form.audiences),
        channels: (text(form.channels) ?? '')
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
        summary: text(form.summary),
      },
    };
  }
  let parsed: unknown;
  try {
    parsed = YAML.parse(typeof form.payload === 'string' ? form.payload : '');
  } catch (err) {
    return { error: `YAML: ${(err as Error).message}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { error: 'The details must be "key: value" lines (YAML) or a JSON object.' };
  return { step: task.step, payload: { ...(parsed as Record<string, unknown>), ...subjectFields(task), by } };
}
