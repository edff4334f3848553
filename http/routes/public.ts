import { Hono } from 'hono';
import { readPublicView } from '../cycle-reads';
import type { HttpDeps } from '../deps';
import { pickLang } from '../i18n';
import { render } from '../views';

/** The citizens' page: public parts of the signed promise, activity progress, deviations explained, feedback. */
export function publicRoutes(deps: HttpDeps): Hono {
  const app = new Hono();
  app.get('/medborgarloften/:code{[0-9]{4}}/:year{[0-9]{4}}', async (c) => {
    const code = c.req.param('code');
    const year = Number(c.req.param('year'));
    const view = await readPublicView(deps, code, year);
    const lang = c.req.query('lang') ? pickLang(c.req.query('lang')) : (view?.language ?? 'sv');
    const published = view?.published && view.promise ? view : undefined;
    const name = view?.municipality.name ?? code;
    const html = render('public-promise.eta', {
      lang,
      path: c.req.path,
      title: lang === 'en' ? `Citizen promise ${name} ${year}` : `Medborgarlöfte ${name} ${year}`,
      name,
      year,
      view: published,
    });
    return c.html(html, published ? 200 : 404);
  });
  return app;
}
