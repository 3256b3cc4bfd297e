// WCAG 2.1 A and AA checks of axe-core on the main kinds of page, at phone and desktop widths.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { PAGES, TESTS_DIR, closeBrowser, getBrowser, getSite, needTools, openPage } from './lib/site.mjs';

after(closeBrowser);

const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  resultTypes: ['violations'],
};

function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 8)
        .map((n) => {
          const why = (n.failureSummary ?? '').split('\n').filter(Boolean).slice(1, 3).join(' / ');
          return `      at ${n.target.join(' ')}\n        ${n.html.slice(0, 160)}${why ? `\n        ${why}` : ''}`;
        })
        .join('\n');
      const more = v.nodes.length > 8 ? `\n      … and ${v.nodes.length - 8} more` : '';
      return `  - ${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
}

test('axe-core finds no WCAG 2.1 A/AA violation', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core', 'axe-core')) return;
  const axeSource = fs.readFileSync(path.join(TESTS_DIR, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const site = await getSite();
  const browser = await getBrowser();
  for (const { path: pagePath, name } of PAGES) {
    for (const width of [360, 1280]) {
      await t.test(`/kiem-dinh/${pagePath} (${name}) at ${width} px`, async () => {
        const { context, page } = await openPage(browser, site, pagePath, { width, height: 900 });
        try {
          // Evaluated through the DevTools protocol, so a Content-Security-Policy of the site
          // cannot block it (the context also has bypassCSP).
          await page.evaluate(axeSource);
          const result = await page.evaluate((options) => window.axe.run(document, options), AXE_OPTIONS);
          assert.ok(Array.isArray(result.violations), 'axe-core returned no result');
          assert.equal(
            result.violations.length,
            0,
            `/kiem-dinh/${pagePath} at ${width} px: ${result.violations.length} axe-core violation(s):\n` +
              formatViolations(result.violations),
          );
        } finally {
          await context.close();
        }
      });
    }
  }
});
