import { Hono } from 'hono';
import { csrfToken } from '../access';
import { type AuthEnv, requirePageLogin } from '../auth';
import { cycleRows, CycleQuerySchema } from '../cycle-list';
import { readMemoDigest, readStatus } from '../cycle-reads';
import type { HttpDeps } from '../deps';
import { pickLang, texts } from '../i18n';
import { render } from '../views';
import { outboxPages } from './outbox-pages';

export function dashboardRoutes(deps: HttpDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.use('/dashboard', requirePageLogin(deps));
  app.use('/dashboard/*', requirePageLogin(deps));

  const common = (c: { get: (k: 'principal') => AuthEnv['Variables']['principal'] }) => {
    const principal = c.get('principal');
    return { user: principal, csrf: csrfToken(deps.secret, principal.tokenSha256) };
  };

  app.get('/dashboard', async (c) => {
    const lang = pickLang(c.req.query('lang'));
    const t = texts(lang);
    const parsed = CycleQuerySchema.safeParse(c.req.query());
    const query = parsed.success ? parsed.data : {};
    const [rows, all] = await Promise.all([cycleRows(deps.client, query), cycleRows(deps.client, {})]);
    const regions = [...new Set(all.map((r) => r.region).filter((r): r is string => Boolean(r)))].sort(
      (a, b) => a.localeCompare(b, 'sv'),
    );
    const years = [...new Set(all.map((r) => r.year).filter((y): y is number => y !== undefined))].sort();
    return c.html(
      render('dashboard.eta', {
        lang,
        path: '/dashboard',
        title: t.allCycles,
        ...common(c),
        rows,
        regions,
        years,
        query,
        invalidFilter: !parsed.success,
      }),
    );
  });

  app.get('/dashboard/cycles/:workflowId', async (c) => {
    const lang = pickLang(c.req.query('lang'));
    const workflowId = c.req.param('workflowId');
    // The full status needs a worker; without one, the digest Temporal keeps in the cycle's memo,
    // and for a cycle without a memo, its row in the visibility list.
    const status = await readStatus(deps.client, workflowId, deps.queryTimeoutMs).catch(() => undefined);
    const digest = status
      ? undefined
      : await readMemoDigest(deps.client, workflowId, deps.queryTimeoutMs).catch(() => undefined);
    const row =
      status || digest
        ? undefined
        : (await cycleRows(deps.client, {})).find((r) => r.workflowId === workflowId);
    if (!status && !digest && !row)
      return c.html(
        render('message.eta', {
          lang,
          title: texts(lang).notFound,
          message: texts(lang).notFound,
          ...common(c),
        }),
        404,
      );
    const cycle = status?.cycle ?? digest?.cycle;
    const title = cycle
      ? `${cycle.municipalityName} ${cycle.year}`
      : `${row?.municipalityName ?? workflowId} ${row?.year ?? ''}`;
    return c.html(
      render('cycle.eta', { lang, path: c.req.path, title, ...common(c), status, digest, row, workflowId }),
    );
  });

  app.route('/', outboxPages(deps, common));
  return app;
}
