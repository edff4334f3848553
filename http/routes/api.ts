import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { CycleConfigSchema } from '../../domain/config';
import { type StepName, stepNames, stepSchemas } from '../../domain/steps';
import { listOutbox, readOutboxMessage } from '../../lib/outbox';
import { CycleNotFound, runStep, startCycle, StepRejected } from '../../lib/cycles';
import { type AuthEnv, requireApiAuth } from '../auth';
import { cycleRows, CycleQuerySchema } from '../cycle-list';
import { readDigest, readPublicView, readStatus } from '../cycle-reads';
import type { HttpDeps } from '../deps';
import { openApiDocument } from '../openapi';

const issuesOf = (error: z.ZodError) =>
  error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
const invalid = (c: Context, error: z.ZodError) =>
  c.json({ error: 'invalid', message: z.prettifyError(error), issues: issuesOf(error) }, 400);
const isWorkflowNotFound = (err: unknown): boolean =>
  err instanceof CycleNotFound ||
  (err instanceof Error && (err.name === 'WorkflowNotFoundError' || /not found/i.test(err.message)));

/** One cycle's read as JSON: 404 for an unknown cycle, 503 when Temporal or a worker does not answer. */
async function readCycle(c: Context, read: (workflowId: string) => Promise<object>) {
  const workflowId = c.req.param('workflowId')!;
  try {
    return c.json(await read(workflowId));
  } catch (err) {
    if (isWorkflowNotFound(err))
      return c.json({ error: 'not-found', message: `No cycle ${workflowId}.` }, 404);
    return c.json(
      { error: 'unavailable', message: `The cycle did not answer: ${(err as Error).message}` },
      503,
    );
  }
}

async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return undefined;
  }
}

export interface ApiOptions {
  taskQueue: string;
}

export function apiRoutes(deps: HttpDeps, options: ApiOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const document = openApiDocument();

  app.get('/api/openapi.json', (c) => c.json(document));

  app.get('/api/public/:code{[0-9]{4}}/:year{[0-9]{4}}', async (c) => {
    const code = c.req.param('code');
    const year = Number(c.req.param('year'));
    const view = await readPublicView(deps, code, year);
    if (!view?.published)
      return c.json({ error: 'not-found', message: `No published promise for ${code} ${year}.` }, 404);
    return c.json(view);
  });

  app.use('/api/*', requireApiAuth(deps));
  const requireCoordinator = (c: Context<AuthEnv>) =>
    c.get('principal').role === 'coordinator'
      ? undefined
      : c.json({ error: 'forbidden', message: 'Only coordinators may change a cycle.' }, 403);

  app.get('/api/cycles', async (c) => {
    const query = CycleQuerySchema.safeParse(c.req.query());
    if (!query.success) return invalid(c, query.error);
    return c.json(await cycleRows(deps.client, query.data));
  });

  app.post('/api/cycles', async (c) => {
    const denied = requireCoordinator(c);
    if (denied) return denied;
    const parsed = CycleConfigSchema.safeParse(await readJson(c));
    if (!parsed.success) return invalid(c, parsed.error);
    const result = await startCycle(deps.client, parsed.data, { taskQueue: options.taskQueue });
    return c.json(result, result.alreadyRunning ? 200 : 201);
  });

  app.get('/api/cycles/:workflowId', (c) =>
    readCycle(c, (id) => readStatus(deps.client, id, deps.queryTimeoutMs)),
  );
  app.get('/api/cycles/:workflowId/digest', (c) =>
    readCycle(c, (id) => readDigest(deps.client, id, deps.queryTimeoutMs)),
  );

  app.post('/api/cycles/:workflowId/steps/:step', async (c) => {
    const denied = requireCoordinator(c);
    if (denied) return denied;
    const step = c.req.param('step');
    if (!(stepNames as string[]).includes(step))
      return c.json({ error: 'not-found', message: `No step ${step}. Steps: ${stepNames.join(', ')}` }, 404);
    const body = await readJson(c);
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return c.json({ error: 'invalid', message: 'Send the step payload as a JSON object.' }, 400);
    const me = c.get('principal').email;
    const given = (body as { by?: unknown }).by;
    if (given !== undefined && (typeof given !== 'string' || given.toLowerCase() !== me)) {
      return c.json(
        {
          error: 'forbidden',
          message: `"by" must be you (${me}); record a step for someone else through their own access.`,
        },
        403,
      );
    }
    const payload = { ...(body as object), by: me };
    const parsed = stepSchemas[step as StepName].safeParse(payload);
    if (!parsed.success) return invalid(c, parsed.error);
    const workflowId = c.req.param('workflowId');
    try {
      return c.json(await runStep(deps.client, workflowId, step as StepName, payload as never));
    } catch (err) {
      if (err instanceof StepRejected) return c.json({ error: 'rejected', message: err.reason }, 409);
      if (err instanceof CycleNotFound) return c.json({ error: 'not-found', message: err.message }, 404);
      throw err;
    }
  });

  app.get('/api/outbox', async (c) =>
    c.json(await listOutbox(deps.dataDir, { limit: Number(c.req.query('limit') ?? 500) || 500 })),
  );
  app.get('/api/outbox/:id', async (c) => {
    const message = await readOutboxMessage(deps.dataDir, c.req.param('id'));
    return message
      ? c.json(message)
      : c.json({ error: 'not-found', message: `No email ${c.req.param('id')}.` }, 404);
  });

  return app;
}
