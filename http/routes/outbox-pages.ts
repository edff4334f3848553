import { Hono } from 'hono';
import { listOutbox, readOutboxMessage } from '../../lib/outbox';
import type { AuthEnv } from '../auth';
import type { HttpDeps } from '../deps';
import { pickLang, roleLabel, texts } from '../i18n';
import { render } from '../views';

type Common = (c: { get: (k: 'principal') => AuthEnv['Variables']['principal'] }) => Record<string, unknown>;

/** The embedded outbox, read-only: list and one email (its text part; the HTML part is not rendered, so no mail markup runs here). */
export function outboxPages(deps: HttpDeps, common: Common): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.get('/dashboard/outbox', async (c) => {
    const lang = pickLang(c.req.query('lang'));
    const entries = await listOutbox(deps.dataDir, { limit: 500 });
    const rows = entries.map((e) => ({ ...e, roles: e.toRoles.map((r) => roleLabel(lang, r)).join(', ') }));
    return c.html(
      render('outbox.eta', {
        lang,
        path: '/dashboard/outbox',
        title: texts(lang).outbox,
        ...common(c),
        rows,
      }),
    );
  });
  app.get('/dashboard/outbox/:id', async (c) => {
    const lang = pickLang(c.req.query('lang'));
    const message = await readOutboxMessage(deps.dataDir, c.req.param('id'));
    if (!message)
      return c.html(
        render('message.eta', {
          lang,
          title: texts(lang).notFound,
          message: texts(lang).notFound,
          ...common(c),
        }),
        404,
      );
    return c.html(
      render('outbox-message.eta', { lang, path: c.req.path, title: message.subject, ...common(c), message }),
    );
  });
  return app;
}
