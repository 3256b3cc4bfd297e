// /thong-ke/ on a 360×740 phone (issue 19): every chart fits its box, with every label and
// value whole and bars in proportion to their values; the first column of a wide table stays
// in place while the table scrolls; the table of schools without a report has a row per
// school of its CSV.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { closeBrowser, get, getBrowser, getSite, needTools, openPage } from './lib/site.mjs';

after(closeBrowser);

test('/thong-ke/ charts fit a 360 px phone, labels whole, bars in proportion', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core')) return;
  const site = await getSite();
  const { context, page } = await openPage(await getBrowser(), site, 'thong-ke/', { width: 360, height: 740 });
  try {
    const charts = await page.evaluate(() =>
      [...document.querySelectorAll('svg.chart')].map((svg) => {
        const box = svg.getBoundingClientRect();
        const wrap = svg.closest('.chart-wrap');
        const texts = [...svg.querySelectorAll('text')].map((e) => {
          const r = e.getBoundingClientRect();
          return { text: e.textContent, left: r.left, right: r.right };
        });
        const bars = [...svg.querySelectorAll('rect')]
          .filter((r) => r.getAttribute('fill') === '#1d5fa8')
          .map((r) => r.getBoundingClientRect().width);
        return {
          id: svg.id || svg.getAttribute('aria-labelledby'),
          box: { left: box.left, right: box.right, width: box.width },
          wrapScrolls: wrap.scrollWidth > wrap.clientWidth + 1,
          texts,
          bars,
          values: texts.filter((_, i) => i % 2 === 1).map((x) => x.text),
        };
      }),
    );
    assert.ok(charts.length >= 3, `charts: ${charts.length}`);
    for (const c of charts) {
      assert.ok(!c.wrapScrolls, `${c.id}: the chart scrolls sideways in its box`);
      assert.ok(c.box.right <= 360, `${c.id}: right edge ${c.box.right}`);
      for (const x of c.texts) {
        assert.ok(x.left >= c.box.left - 0.5 && x.right <= c.box.right + 0.5, `${c.id}: "${x.text}" is cut (${x.left}–${x.right})`);
        assert.ok(!x.text.endsWith('…') || x.text.length > 20, `${c.id}: "${x.text}" shortened`);
      }
    }
    // The report-rate chart: "n/N · p%" beside each bar, sorted by rate, lengths in proportion.
    const rate = charts.find((c) => /bieu-do-bao-cao/.test(c.id));
    const pct = rate.values.map((v) => {
      const m = v.match(/^(\d+)\/(\d+) · ([\d,]+)%$/);
      assert.ok(m, `value "${v}" is not "n/N · p%"`);
      return Number(m[3].replace(',', '.'));
    });
    for (let i = 1; i < pct.length; i++) assert.ok(pct[i - 1] >= pct[i], `not sorted by rate: ${pct.join(', ')}`);
    const full = rate.box.width;
    rate.bars.forEach((w, i) => {
      assert.ok(Math.abs(w - (full * pct[i]) / 100) < 2, `bar ${i}: ${w}px for ${pct[i]}% of ${full}px`);
    });
  } finally {
    await context.close();
  }
});

test('/thong-ke/ tables keep their first column in place while they scroll', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core')) return;
  const site = await getSite();
  const { context, page } = await openPage(await getBrowser(), site, 'thong-ke/', { width: 360, height: 740 });
  try {
    const moved = await page.evaluate(() => {
      const wrap = document.querySelector('table.sticky-first').closest('.table-wrap');
      const cell = wrap.querySelector('tbody th[scope="row"]');
      const before = cell.getBoundingClientRect().left;
      const scrollable = wrap.scrollWidth - wrap.clientWidth;
      wrap.scrollLeft = scrollable;
      return { scrollable, before, after: cell.getBoundingClientRect().left };
    });
    assert.ok(moved.scrollable > 20, `the table does not scroll at 360 px (${moved.scrollable}px): nothing to test`);
    assert.ok(Math.abs(moved.after - moved.before) < 1, `the commune column moved from ${moved.before} to ${moved.after}`);
  } finally {
    await context.close();
  }
});

test('the table of schools without a report matches its CSV', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core')) return;
  const site = await getSite();
  const { context, page } = await openPage(await getBrowser(), site, 'thong-ke/', { width: 360, height: 740 });
  try {
    const names = await page.$$eval('#tk-bang-chua-bao-cao ~ tbody th a, table:has(#tk-bang-chua-bao-cao) tbody th a', (as) =>
      as.map((a) => a.textContent),
    );
    const href = await page.getAttribute('#tk-chua-bao-cao ~ p a[href$=".csv"]', 'href');
    const csv = await get(new URL(href, page.url()).href);
    assert.equal(csv.status, 200);
    const lines = csv.body.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.ok(names.length > 0);
    assert.equal(lines.length - 1, names.length, 'rows of the CSV and of the table');
    for (const n of names) assert.ok(lines.some((l) => l.includes(n)), `${n} is not in the CSV`);
  } finally {
    await context.close();
  }
});
