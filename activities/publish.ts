import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { PublicView } from '../domain/status';

const activityStates = ['planned', 'on-track', 'overdue', 'explained', 'done', 'cancelled'] as const;

/**
 * The public view, field by field. Strict objects: anything the domain does not declare public
 * (an internal intelligence part, a staff email, a draft) is refused rather than published.
 */
export const PublicViewSchema = z.strictObject({
  municipality: z.strictObject({ code: z.string().regex(/^\d{4}$/), name: z.string() }),
  region: z.string(),
  localPoliceArea: z.string(),
  year: z.number().int(),
  language: z.enum(['sv', 'en']),
  published: z.boolean(),
  promise: z
    .strictObject({
      text: z.string(),
      introduction: z.string(),
      purpose: z.string(),
      jointPictureSummary: z.string(),
      focusAreas: z.array(z.strictObject({ title: z.string(), targetPicture: z.string() })),
      howCitizensCanFollow: z.string(),
      signatures: z.array(z.strictObject({ name: z.string(), role: z.string(), signedAt: z.string() })),
      recordNumber: z.string().optional(),
      publishedAt: z.string().optional(),
    })
    .optional(),
  activities: z.array(
    z.strictObject({
      id: z.string(),
      title: z.string(),
      description: z.string(),
      start: z.string(),
      end: z.string(),
      effectSought: z.string(),
      state: z.enum(activityStates),
      percentComplete: z.number().optional(),
      progress: z.array(z.strictObject({ at: z.string(), summary: z.string() })),
      explanation: z.string().optional(),
    }),
  ),
  feedback: z.array(z.strictObject({ date: z.string(), summary: z.string() })),
}) satisfies z.ZodType<PublicView>;

export class NotPublicError extends Error {
  override name = 'NotPublicError';
}

export const publicPromiseUrl = (publicBaseUrl: string, code: string, year: number): string =>
  `${publicBaseUrl.replace(/\/+$/, '')}/medborgarloften/${code}/${year}`;

export const publicViewFile = (dataDir: string, code: string, year: number): string =>
  join(dataDir, 'public', code, `${year}.json`);

/** Write to a temporary file, fsync, then rename over the target: readers see the old or the new page, never half. */
export function writeFileAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

/**
 * Publishes the citizens' page of a cycle as JSON (and a static HTML snapshot) under
 * `{dataDir}/public/{code}/{year}` and returns its public address.
 */
export function publishPublicView(
  options: { dataDir: string; publicBaseUrl: string },
  view: unknown,
): { url: string; file: string } {
  const parsed = PublicViewSchema.safeParse(view);
  if (!parsed.success) {
    throw new NotPublicError(
      `Refusing to publish: not a public view (${z.prettifyError(parsed.error).replace(/\n/g, '; ')})`,
    );
  }
  const { municipality, year } = parsed.data;
  const file = publicViewFile(options.dataDir, municipality.code, year);
  writeFileAtomic(file, `${JSON.stringify(parsed.data, null, 2)}\n`);
  writeFileAtomic(file.replace(/\.json$/, '.html'), renderSnapshot(parsed.data));
  return { url: publicPromiseUrl(options.publicBaseUrl, municipality.code, year), file };
}

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const labels = {
  sv: {
    title: 'Medborgarlöfte',
    activities: 'Aktiviteter',
    signatures: 'Undertecknat av',
    record: 'Diarienummer',
    notYet: 'Löftet är inte publicerat ännu.',
  },
  en: {
    title: 'Citizen promise',
    activities: 'Activities',
    signatures: 'Signed by',
    record: 'Record number',
    notYet: 'The promise has not been published yet.',
  },
};

function renderSnapshot(view: PublicView): string {
  const t = labels[view.language];
  const heading = `${t.title} ${escapeHtml(view.municipality.name)} ${view.year}`;
  const promise = view.promise;
  const body = promise
    ? [
        `<p>${escapeHtml(promise.introduction)}</p>`,
        `<p>${escapeHtml(promise.purpose)}</p>`,
        `<p>${escapeHtml(promise.jointPictureSummary)}</p>`,
        `<ul>${promise.focusAreas.map((f) => `<li><strong>${escapeHtml(f.title)}</strong>: ${escapeHtml(f.targetPicture)}</li>`).join('')}</ul>`,
        `<h2>${t.activities}</h2><ul>${view.activities
          .map(
            (a) =>
              `<li><strong>${escapeHtml(a.title)}</strong> (${escapeHtml(a.start.slice(0, 10))} – ${escapeHtml(a.end.slice(0, 10))}): ${escapeHtml(a.effectSought)}</li>`,
          )
          .join('')}</ul>`,
        `<p>${escapeHtml(promise.howCitizensCanFollow)}</p>`,
        `<h2>${t.signatures}</h2><ul>${promise.signatures.map((s) => `<li>${escapeHtml(s.name)}, ${escapeHtml(s.role)}</li>`).join('')}</ul>`,
        promise.recordNumber ? `<p>${t.record}: ${escapeHtml(promise.recordNumber)}</p>` : '',
      ].join('\n')
    : `<p>${t.notYet}</p>`;
  return `<!doctype html>\n<html lang="${view.language}"><head><meta charset="utf-8"><title>${heading}</title></head>\n<body><h1>${heading}</h1>\n${body}\n</body></html>\n`;
}
