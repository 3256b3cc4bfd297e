// The Content-Security-Policy of every page (a <meta http-equiv> in base.html) is enforced by
// Chromium here (no bypass): the theme itself must cause no violation, and the search, which
// needs its script and its index files, must still work under it.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { PAGES, closeBrowser, getBrowser, getSite, needTools, show } from './lib/site.mjs';

after(closeBrowser);

/** Opens `pagePath` with the policy enforced; returns the page and the violations seen. */
async function openEnforced(browser, site, pagePath) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: false });
  const page = await context.newPage();
  const violations = [];
  // Chromium reports each violation on the console; the page's own event is collected as well.
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(`console: ${m.text()}`);
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const url = site.url(pagePath);
  const response = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
  assert.equal(response?.status(), 200, `${show(url)} did not answer 200`);
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(meta ?? '', /script-src 'self'/, `${show(url)} has no Content-Security-Policy meta`);
  return { context, page, url, violations };
}

async function violationsOf(page, violations) {
  return [...violations, ...(await page.evaluate(() => window.__cspViolations ?? []))];
}

test('the theme causes no Content-Security-Policy violation on any kind of page', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core')) return;
  const [site, browser] = await Promise.all([getSite(), getBrowser()]);
  for (const p of [...PAGES, { path: 'tim-kiem/', name: 'tìm kiếm' }, { path: 'du-lieu/', name: 'dữ liệu mở' }]) {
    const { context, page, url, violations } = await openEnforced(browser, site, p.path);
    try {
      await page.waitForTimeout(200);
      assert.deepEqual(await violationsOf(page, violations), [], `${p.name} (${show(url)})`);
    } finally {
      await context.close();
    }
  }
});

test('search works with the policy enforced (its script and index files are allowed)', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core')) return;
  const [site, browser] = await Promise.all([getSite(), getBrowser()]);
  const { context, page, url, violations } = await openEnforced(browser, site, 'tim-kiem/?q=dinh%20bo%20linh');
  try {
    const first = page.locator('[data-search-results] a').first();
    await first.waitFor({ timeout: 15_000 });
    assert.match(await first.textContent(), /Đinh Bộ Lĩnh/, `first result on ${show(url)}`);
    assert.deepEqual(await violationsOf(page, violations), []);
  } finally {
    await context.close();
  }
});
