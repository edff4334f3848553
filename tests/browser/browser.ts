import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * The README's screenshots are refreshed with `UPDATE_SCREENSHOTS=1 npx jest tests/browser`; other
 * runs write them to a temporary directory so a test run leaves the work tree unchanged.
 */
export const screenshotsDir =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? path.join(__dirname, '..', '..', 'docs', 'screenshots')
    : path.join(os.tmpdir(), 'promise-cycle-screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) in the page and returns the serious and critical
 * violations. The page's CSP forbids scripts, so the context must be created with `bypassCSP`.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** What has keyboard focus: tag, id, name and the focus outline the stylesheet draws. */
export function focused(
  page: Page,
): Promise<{ tag: string; id: string; name: string; text: string; outline: string }> {
  // Runs in the page; typed structurally because the project compiles without the DOM library.
  type El = {
    tagName: string;
    id: string;
    textContent: string | null;
    getAttribute: (n: string) => string | null;
  };
  type Win = {
    document: { activeElement: El | null };
    getComputedStyle: (el: El) => { outlineStyle: string; outlineWidth: string };
  };
  return page.evaluate(() => {
    const win = globalThis as unknown as Win;
    const el = win.document.activeElement;
    const style = el ? win.getComputedStyle(el) : undefined;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      id: el?.id ?? '',
      name: el?.getAttribute('name') ?? '',
      text: el?.textContent?.trim() ?? '',
      outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '',
    };
  });
}
