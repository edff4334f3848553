import type { Browser } from 'playwright-core';
import { renderEmail } from '../../activities/email/render';
import { EmailTemplates } from '../../activities/email/templates';
import { launchChromium, seriousA11yViolations } from '../browser/browser';
import { everyKind } from './fixtures';
import { linkSigningKey, publicBaseUrl } from './harness';

const templates = new EmailTemplates();
const render = (language: 'sv' | 'en') =>
  Promise.all(
    everyKind(language).map(async (n) => ({
      kind: n.kind,
      html: (
        await renderEmail(n, n.to[0]!, `<${n.kind}@test>`, {
          templates,
          organizer: { name: 'Medborgarlöften', email: 'noreply@promise-cycle.test' },
          publicBaseUrl,
          linkSigningKey,
          sequenceFor: async () => 0,
          now: new Date('2027-01-15T09:00:00Z'),
        })
      ).html,
    })),
  );

describe('email HTML accessibility', () => {
  it.each(['sv', 'en'] as const)(
    'has a language, one h1, headings in order and real link text (%s)',
    async (language) => {
      for (const { kind, html } of await render(language)) {
        expect([
          kind,
          html.startsWith('<!DOCTYPE html>') && html.includes(`<html lang="${language}">`),
        ]).toEqual([kind, true]);
        expect([kind, html.match(/<h1>/g)?.length]).toEqual([kind, 1]);
        const levels = [...html.matchAll(/<h([1-6])>/g)].map((m) => Number(m[1]));
        levels.forEach((level, i) => expect([kind, level <= (levels[i - 1] ?? 0) + 1]).toEqual([kind, true]));
        for (const link of html.matchAll(/<a [^>]*>([^<]*)<\/a>/g))
          expect(link[1]!.trim().length).toBeGreaterThan(3);
      }
    },
  );

  describe('axe-core in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it.each(['sv', 'en'] as const)(
      'finds no serious or critical WCAG 2.1 AA violations (%s)',
      async (language) => {
        const page = await browser.newPage();
        try {
          for (const { kind, html } of await render(language)) {
            await page.setContent(html);
            expect({ kind, violations: await seriousA11yViolations(page) }).toEqual({ kind, violations: [] });
          }
        } finally {
          await page.close();
        }
      },
    );
  });
});
