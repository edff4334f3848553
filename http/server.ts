import fs from 'node:fs';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { HttpDeps } from './deps';
import { pickLang, texts } from './i18n';
import { apiRoutes } from './routes/api';
import { dashboardRoutes } from './routes/dashboard';
import { loginRoutes } from './routes/login';
import { publicRoutes } from './routes/public';
import { taskLinkRoutes } from './routes/task-links';
import { pagesDir, render } from './views';

export interface AppOptions {
  taskQueue: string;
  log?: (entry: Record<string, unknown>, message: string) => void;
}

/** The whole HTTP face: JSON API, task links, dashboard, outbox and the public promise pages. */
export function createApp(deps: HttpDeps, options: AppOptions): Hono {
  const app = new Hono();
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
      xContentTypeOptions: 'nosniff',
      xFrameOptions: 'DENY',
    }),
  );
  // Form posts must come from our own pages (Origin check); JSON API posts carry a bearer token or x-csrf-token.
  app.use('*', csrf());
  // A task link is a capability: never keep it in shared caches.
  app.use('/t/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  const css = fs.readFileSync(path.join(pagesDir(), 'assets', 'style.css'), 'utf8');
  app.get('/assets/style.css', (c) =>
    c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }),
  );
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/', (c) => c.redirect('/dashboard', 302));

  app.route('/', publicRoutes(deps));
  app.route('/', taskLinkRoutes(deps));
  app.route('/', loginRoutes(deps));
  app.route('/', dashboardRoutes(deps));
  app.route('/', apiRoutes(deps, options));

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/'))
      return c.json({ error: 'not-found', message: `No route ${c.req.method} ${c.req.path}` }, 404);
    const lang = pickLang(c.req.query('lang'));
    return c.html(
      render('error.eta', { lang, title: texts(lang).notFound, message: texts(lang).notFound }),
      404,
    );
  });
  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    options.log?.({ err, path: c.req.path }, 'http request failed');
    if (c.req.path.startsWith('/api/')) return c.json({ error: 'internal', message: err.message }, 500);
    const lang = pickLang(c.req.query('lang'));
    return c.html(
      render('error.eta', {
        lang,
        title: texts(lang).cycleUnreachable,
        message: texts(lang).cycleUnreachable,
      }),
      500,
    );
  });
  return app;
}

/** Listens on 127.0.0.1 (put a TLS-terminating reverse proxy in front in production). */
export function startHttpServer(
  app: Hono,
  port: number,
  hostname = '127.0.0.1',
): Promise<{ server: ServerType; url: string; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
      const url = `http://${hostname}:${info.port}`;
      resolve({ server, url, close: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}
