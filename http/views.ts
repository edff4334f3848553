import fs from 'node:fs';
import path from 'node:path';
import { Eta } from 'eta';
import { phases } from '../domain/phases';
import { listedCount, milestoneRows } from '../domain/status-digest';
import { formatDate, type Lang, phaseLabel, roleLabel, texts } from './i18n';

/** templates/pages, found from the source tree (http/) and from the compiled tree (dist/http/). */
export function pagesDir(): string {
  const candidates = [
    path.resolve(__dirname, '..', 'templates', 'pages'),
    path.resolve(__dirname, '..', '..', 'templates', 'pages'),
  ];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'layout.eta')));
  if (!found) throw new Error(`templates/pages not found (looked in ${candidates.join(', ')})`);
  return found;
}

let eta: Eta | undefined;
// Eta, as the email templates: every `<%= %>` is HTML-escaped; no page uses the raw `<%~ %>` on data.
const engine = (): Eta =>
  (eta ??= new Eta({ views: pagesDir(), autoEscape: true, cache: true, autoTrim: [false, 'nl'] }));

export interface PageContext {
  lang: Lang;
  title: string;
  /** Path of the current page without the query, for the language switch link. */
  path?: string;
  user?: { name: string; email: string; role: string };
  csrf?: string;
  [key: string]: unknown;
}

export function render(template: string, ctx: PageContext): string {
  const lang = ctx.lang;
  return engine().render(`./${template}`, {
    ...ctx,
    t: texts(lang),
    otherLang: lang === 'sv' ? 'en' : 'sv',
    phases,
    phaseLabel: (p: string | undefined) => (p ? phaseLabel(lang, p) : ''),
    roleLabel: (r: string) => roleLabel(lang, r),
    date: (v: string | undefined) => formatDate(lang, v),
    milestoneRows,
    listedCount,
  });
}
