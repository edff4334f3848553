import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Eta } from 'eta';
import { z } from 'zod';
import type { Language } from './format';

/** templates/email/ at the project root, from source (tsx, jest) or from the compiled dist/ tree. */
export function defaultTemplatesDir(): string {
  const candidates = [
    resolve(__dirname, '../../templates/email'),
    resolve(__dirname, '../../../templates/email'),
  ];
  const found = candidates.find((dir) => existsSync(join(dir, 'sv')));
  if (!found) throw new Error(`Email templates not found; looked in ${candidates.join(', ')}`);
  return found;
}

const LabelsSchema = z.object({
  gate: z.record(z.string(), z.string()),
  about: z.record(z.string(), z.string()),
  activityState: z.record(z.string(), z.string()),
  dialogueKind: z.record(z.string(), z.string()),
});
export type Labels = z.infer<typeof LabelsSchema>;

/**
 * The email templates: Eta, HTML with auto-escaping of every `<%= %>` interpolation, text without.
 * One HTML and one text template per kind and language, sharing a layout and partials.
 */
export class EmailTemplates {
  private readonly html: Eta;
  private readonly text: Eta;
  private readonly labels = new Map<Language, Labels>();

  constructor(private readonly dir: string = defaultTemplatesDir()) {
    this.html = new Eta({ views: dir, autoEscape: true, cache: true, autoTrim: [false, 'nl'] });
    this.text = new Eta({ views: dir, autoEscape: false, cache: true, autoTrim: false });
  }

  labelsFor(lang: Language): Labels {
    let labels = this.labels.get(lang);
    if (!labels) {
      const path = join(this.dir, lang, 'labels.json');
      labels = LabelsSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
      this.labels.set(lang, labels);
    }
    return labels;
  }

  subject(lang: Language, view: object): string {
    return this.text.render(`${lang}/subject.eta`, view).replace(/\s+/g, ' ').trim();
  }

  render(lang: Language, kind: string, view: object): { subject: string; html: string; text: string } {
    const subject = this.subject(lang, view);
    return {
      subject,
      html: this.html.render(`${lang}/${kind}.html.eta`, { ...view, subject }),
      text:
        this.text
          .render(`${lang}/${kind}.txt.eta`, { ...view, subject })
          .replace(/\n{3,}/g, '\n\n')
          .trim() + '\n',
    };
  }
}
