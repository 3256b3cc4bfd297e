// No horizontal scrolling on a 360 px phone nor on a 1280 px desktop, on the main kinds of page.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { PAGES, closeBrowser, getBrowser, getSite, needTools, openPage } from './lib/site.mjs';

after(closeBrowser);

const WIDTHS = [360, 1280];

// Runs in the page: the document's scroll width, and the elements whose right edge passes the
// viewport, leaving out those inside a horizontally scrolling box (overflow-x: auto | scroll).
// Of nested offenders only the outermost is listed (a wide table, not each of its cells).
function measure() {
  const vw = window.innerWidth;
  const scrollsX = (el) => /^(auto|scroll)$/.test(getComputedStyle(el).overflowX);
  const insideScroller = (el) => {
    for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
      if (scrollsX(p)) return true;
    }
    return false;
  };
  const label = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    for (const c of el.classList) s += `.${c}`;
    return s;
  };
  const pathOf = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) parts.unshift(label(e));
    return parts.join(' > ');
  };
  const over = new Set();
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > vw + 0.5 && !insideScroller(el)) over.add(el);
  }
  const offenders = [...over]
    .filter((el) => !over.has(el.parentElement))
    .map((el) => {
      const r = el.getBoundingClientRect();
      const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 60);
      return `${pathOf(el)} (left ${Math.round(r.left)}, right ${Math.round(r.right)}, width ${Math.round(r.width)})${text ? ` "${text}"` : ''}`;
    });
  const viewportMeta = document.querySelector('meta[name="viewport"]')?.getAttribute('content') ?? null;
  return { vw, scrollWidth: document.documentElement.scrollWidth, offenders, total: over.size, viewportMeta };
}

test('no horizontal overflow at 360 px and 1280 px', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core')) return;
  const site = await getSite();
  const browser = await getBrowser();
  for (const { path, name } of PAGES) {
    for (const width of WIDTHS) {
      await t.test(`/kiem-dinh/${path} (${name}) at ${width} px`, async () => {
        const { context, page } = await openPage(browser, site, path, { width, height: 900 });
        try {
          const m = await page.evaluate(measure);
          assert.match(
            m.viewportMeta ?? '',
            /width=device-width/,
            `/kiem-dinh/${path}: no <meta name="viewport" content="width=device-width,…">: phones would show a shrunken desktop page`,
          );
          assert.ok(
            m.scrollWidth <= m.vw,
            `/kiem-dinh/${path} at ${width} px scrolls sideways: document scrollWidth ${m.scrollWidth} > viewport ${m.vw}.\n` +
              `Elements past the right edge (outermost ${m.offenders.length} of ${m.total}):\n  ` +
              (m.offenders.join('\n  ') || '(none found: look for a negative margin or a transform)'),
          );
        } finally {
          await context.close();
        }
      });
    }
  }
});
