import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { csrfToken, openSession } from '../access';
import { endSession, sessionCookie, startSession } from '../auth';
import type { HttpDeps } from '../deps';
import { pickLang, texts } from '../i18n';
import { render } from '../views';

/** Only same-site paths, so the login form cannot be used as an open redirect. */
const safeNext = (next: unknown): string =>
  typeof next === 'string' && /^\/(?!\/)[^\s]*$/.test(next) ? next : '/dashboard';

export function loginRoutes(deps: HttpDeps): Hono {
  const app = new Hono();
  app.get('/login', (c) => {
    const lang = pickLang(c.req.query('lang'));
    return c.html(
      render('login.eta', {
        lang,
        path: '/login',
        title: texts(lang).login,
        next: safeNext(c.req.query('next')),
      }),
    );
  });
  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const lang = pickLang(typeof form.lang === 'string' ? form.lang : undefined);
    const principal = typeof form.token === 'string' ? deps.access.byToken(form.token.trim()) : undefined;
    const next = safeNext(form.next);
    if (!principal) {
      return c.html(
        render('login.eta', { lang, path: '/login', title: texts(lang).login, next, failed: true }),
        401,
      );
    }
    startSession(deps, c, principal);
    return c.redirect(next, 303);
  });
  app.post('/logout', async (c) => {
    const form = await c.req.parseBody();
    const session = openSession(deps.secret, getCookie(c, sessionCookie));
    if (!session || form.csrf !== csrfToken(deps.secret, session.tokenSha256))
      return c.text('Forbidden', 403);
    endSession(c);
    return c.redirect('/login', 303);
  });
  return app;
}
