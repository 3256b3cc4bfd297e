// A parent on a 360×740 phone (issue 19): the answer is on the first screen, the header is short,
// every tap target can be hit with a thumb, the decision table and the search results fit.
//
// Tap targets (WCAG 2.2, 2.5.8 Target Size (Minimum)): every visible `a`, `button`, `summary`,
// `select` and `input` is at least 24×24 CSS px, with one exemption, the criterion's "inline"
// exception: a link (`a` only) whose parent is a `p` or an `li` that has text of its own besides
// the link's (a link inside a sentence, e.g. an evidence code in the narrative of a report).
// Links in lists (`ul.links`, the footer's), the breadcrumb and the report links of a school page
// and the table of contents and criterion numbers of a report must be at least 44 px tall (2.5.5's
// size, where the layout allows it).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { REPO, closeBrowser, getBrowser, getSite, needTools, openPage } from './lib/site.mjs';

after(closeBrowser);

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
const SCHOOL = 'truong/th-dinh-bo-linh/';
const REPORT = 'truong/th-dinh-bo-linh/2024-2025/';
const SEARCH = 'tim-kiem/?q=dinh+bo+linh';

/** Every school of the sample: the folders of content/schools/ that hold a school.toml. */
const SCHOOLS = fs
  .readdirSync(path.join(REPO, 'content', 'schools'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(REPO, 'content', 'schools', d.name, 'school.toml')))
  .map((d) => d.name)
  .sort();

let site;
let browser;
let ready = false;

async function setup(t) {
  if (!needTools(t, 'chromium', 'playwright-core')) return false;
  if (!ready) {
    site = await getSite();
    browser = await getBrowser();
    ready = true;
  }
  return true;
}

/** Opens `pagePath` at `viewport`, waiting for search results when the page is a search. */
async function open(pagePath, viewport) {
  const { context, page } = await openPage(browser, site, pagePath, viewport);
  if (pagePath.startsWith('tim-kiem/')) {
    await page.waitForSelector('[data-search-results][data-search-state="done"]', { state: 'attached', timeout: 15000 });
  }
  return { context, page };
}

// Runs in the page: where the status box starts and ends, the header's height.
function statusPlace() {
  const box = document.querySelector('[data-status-box]');
  const header = document.querySelector('.site-header');
  if (!box) return null;
  const r = box.getBoundingClientRect();
  const badges = [...box.querySelectorAll('.status')].map((b) => b.getBoundingClientRect().bottom + scrollY);
  return {
    top: r.top + scrollY,
    badgesBottom: Math.max(...badges),
    badges: badges.length,
    text: box.textContent.replace(/\s+/g, ' ').trim(),
    header: header.getBoundingClientRect().height,
    firstFact: (() => {
      const dl = document.querySelector('main dl.facts--wide');
      return dl ? dl.getBoundingClientRect().top + scrollY : null;
    })(),
  };
}

test('the status box is on the first screen of every school page, before the contacts', async (t) => {
  if (!(await setup(t))) return;
  assert.ok(SCHOOLS.length >= 60, `expected the 66 schools of the sample, found ${SCHOOLS.length}`);
  for (const viewport of [PHONE, DESKTOP]) {
    // One page for all the schools: one context per width is enough and much faster.
    const { context, page } = await open(`truong/${SCHOOLS[0]}/`, viewport);
    const failures = [];
    let worst = { top: 0, slug: '' };
    let lowestBadge = { bottom: 0, slug: '' };
    try {
      for (const slug of SCHOOLS) {
        const res = await page.goto(site.url(`truong/${slug}/`), { waitUntil: 'load' });
        assert.equal(res.status(), 200, `/kiem-dinh/truong/${slug}/ answers ${res.status()}`);
        const m = await page.evaluate(statusPlace);
        if (!m) {
          failures.push(`${slug}: no [data-status-box]`);
          continue;
        }
        if (m.top > worst.top) worst = { top: m.top, slug };
        if (m.badgesBottom > lowestBadge.bottom) lowestBadge = { bottom: m.badgesBottom, slug };
        if (m.badges < 2) failures.push(`${slug}: ${m.badges} status badge(s) in the box, expected 2: "${m.text}"`);
        if (!/Kiểm định/.test(m.text) || !/Chuẩn quốc gia/.test(m.text)) {
          failures.push(`${slug}: the box does not name both recognitions: "${m.text}"`);
        }
        if (m.firstFact !== null && m.firstFact < m.top) {
          failures.push(`${slug}: the contact facts (y ${Math.round(m.firstFact)}) come before the status box (y ${Math.round(m.top)})`);
        }
        if (viewport === PHONE && m.top >= PHONE.height) {
          failures.push(`${slug}: the status box starts at y ${Math.round(m.top)}, below the first screen (${PHONE.height})`);
        }
        // Both answers (the badges of accreditation and national standard), not only the
        // box's heading, are on the first screen.
        if (viewport === PHONE && m.badgesBottom > PHONE.height) {
          failures.push(`${slug}: the second status badge ends at y ${Math.round(m.badgesBottom)}, below the first screen (${PHONE.height})`);
        }
      }
    } finally {
      await context.close();
    }
    console.log(`# ${viewport.width}×${viewport.height}: ${SCHOOLS.length} school pages, lowest status box top y ${Math.round(worst.top)} (${worst.slug}), lowest badge bottom y ${Math.round(lowestBadge.bottom)} (${lowestBadge.slug})`);
    assert.deepEqual(failures, [], `at ${viewport.width}×${viewport.height}:\n  ${failures.join('\n  ')}`);
  }
});

test('the header is at most 120 px tall at 360 px, and "Danh mục" opens the links without JavaScript', async (t) => {
  if (!(await setup(t))) return;
  const pages = ['', SCHOOL, REPORT, 'tim-kiem/'];
  for (const javaScriptEnabled of [true, false]) {
    for (const p of pages) {
      const { context, page } = await openPage(browser, site, p, { ...PHONE, javaScriptEnabled });
      try {
        const h = await page.$eval('.site-header', (e) => e.getBoundingClientRect().height);
        console.log(`# /kiem-dinh/${p} at 360 px${javaScriptEnabled ? '' : ' (no JavaScript)'}: header ${h.toFixed(1)} px`);
        assert.ok(h <= 120, `/kiem-dinh/${p}: the header is ${h.toFixed(1)} px tall at 360 px (at most 120)`);
        const summary = page.locator('.site-nav summary');
        assert.equal(await summary.textContent(), 'Danh mục');
        const link = page.locator('.site-nav a').first();
        assert.equal(await link.isVisible(), false, `/kiem-dinh/${p}: the menu's links show before "Danh mục" is opened`);
        await summary.click();
        assert.equal(await link.isVisible(), true, `/kiem-dinh/${p}: "Danh mục" does not show the links`);
        const links = await page.$$eval('.site-nav a', (as) =>
          as.map((a) => ({ text: a.textContent.trim(), h: a.getBoundingClientRect().height })),
        );
        assert.ok(links.length >= 5, `/kiem-dinh/${p}: only ${links.length} links in the menu`);
        for (const l of links) assert.ok(l.h >= 44, `/kiem-dinh/${p}: menu link "${l.text}" is ${l.h} px tall (44 expected)`);
        if (await page.$('.site-header input[type=search]')) {
          const search = await page.$eval('.site-header input[type=search]', (e) => {
            const r = e.getBoundingClientRect();
            return { w: r.width, h: r.height };
          });
          assert.ok(search.w >= 120 && search.h >= 24, `/kiem-dinh/${p}: the header's search box is ${search.w}×${search.h}`);
        }
      } finally {
        await context.close();
      }
    }
  }
  // On a desktop the links show as a row, without opening anything.
  const { context, page } = await openPage(browser, site, SCHOOL, DESKTOP);
  try {
    assert.equal(await page.locator('.site-nav a').first().isVisible(), true, 'at 1280 px the links of the menu are hidden');
    assert.equal(await page.locator('.site-nav summary').isVisible(), false, 'at 1280 px "Danh mục" shows');
  } finally {
    await context.close();
  }
});

// Runs in the page: every visible target smaller than 24×24 that is not exempt, the smallest
// target measured, what was exempted, and the list/breadcrumb/report links under 44 px.
function tapTargets() {
  const out = { small: [], exempt: 0, smallest: null, short: [], count: 0 };
  const visible = (el) => {
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || s.display === 'none') return false;
    const r = el.getBoundingClientRect();
    // Off the page (the skip link until it has the focus) or folded away (a closed <details>).
    if (r.bottom + scrollY <= 0 || !el.checkVisibility()) return false;
    return r.width > 0 && r.height > 0 && !el.closest('.sr-only, [hidden]');
  };
  const own = (el) => {
    // The parent's own words besides the link: its text nodes and inline elements other than
    // targets and lists (an `li` holding only a link and a nested list is no sentence).
    let text = '';
    for (const n of el.parentElement.childNodes) {
      if (n === el) continue;
      if (n.nodeType === Node.TEXT_NODE) text += n.textContent;
      else if (n.nodeType === Node.ELEMENT_NODE && !n.matches('a, button, select, input, ul, ol, dl, div, table')) text += n.textContent;
    }
    return text.replace(/[\s,.;:()–—›-]+/g, '');
  };
  const label = (el) => `${el.tagName.toLowerCase()}${el.className ? '.' + [...el.classList].join('.') : ''} "${(el.textContent || el.value || el.name || '').replace(/\s+/g, ' ').trim().slice(0, 50)}"`;
  for (const el of document.querySelectorAll('a[href], button, summary, select, input:not([type=hidden])')) {
    if (!visible(el)) continue;
    out.count++;
    const r = el.getBoundingClientRect();
    const w = Math.round(r.width * 10) / 10;
    const h = Math.round(r.height * 10) / 10;
    const inline = el.tagName === 'A' && /^(P|LI)$/.test(el.parentElement.tagName) && own(el).length > 0;
    if (w < 24 || h < 24) {
      if (inline) {
        out.exempt++;
        continue;
      }
      out.small.push(`${label(el)} ${w}×${h} in ${el.parentElement.tagName.toLowerCase()}`);
    }
    if (!inline && (!out.smallest || Math.min(w, h) < Math.min(out.smallest.w, out.smallest.h))) {
      out.smallest = { w, h, what: label(el) };
    }
  }
  for (const a of document.querySelectorAll('main ul.links a, .footer-links a, .breadcrumb a, .reports__head a, .toc a, .crit a')) {
    if (!visible(a)) continue;
    const h = a.getBoundingClientRect().height;
    if (h < 44) out.short.push(`${label(a)} ${h.toFixed(1)} px tall`);
  }
  return out;
}

test('tap targets at 360 px: 24×24 at least, 44 px tall for list, breadcrumb and report links', async (t) => {
  if (!(await setup(t))) return;
  for (const p of [SCHOOL, REPORT, SEARCH]) {
    const { context, page } = await open(p, PHONE);
    try {
      const m = await page.evaluate(tapTargets);
      console.log(
        `# /kiem-dinh/${p} at 360 px: ${m.count} targets, smallest not exempt ${m.smallest?.w}×${m.smallest?.h} (${m.smallest?.what}), ${m.exempt} inline links exempt`,
      );
      assert.deepEqual(m.small, [], `/kiem-dinh/${p}: targets smaller than 24×24 px:\n  ${m.small.join('\n  ')}`);
      assert.deepEqual(m.short, [], `/kiem-dinh/${p}: links under 44 px tall:\n  ${m.short.join('\n  ')}`);
    } finally {
      await context.close();
    }
  }
});

test('/tim-kiem/?q=dinh+bo+linh at 360×740: the first result is on the first screen', async (t) => {
  if (!(await setup(t))) return;
  const { context, page } = await open(SEARCH, PHONE);
  try {
    const m = await page.evaluate(() => {
      const a = document.querySelector('[data-search-results] a');
      const meta = document.querySelector('[data-search-results] .search-results__meta');
      const filters = document.querySelector('fieldset[data-search-filters]');
      return {
        top: a ? a.getBoundingClientRect().top + scrollY : null,
        text: a?.textContent,
        meta: meta?.textContent,
        filtersShown: filters ? filters.checkVisibility() : null,
      };
    });
    console.log(`# /kiem-dinh/${SEARCH} at 360×740: first result "${m.text}" at y ${Math.round(m.top)}; "${m.meta}"`);
    assert.ok(m.top !== null, 'no result');
    assert.ok(m.top < PHONE.height, `the first result starts at y ${Math.round(m.top)}, below the first screen`);
    assert.match(m.meta, /Kiểm định (cấp độ \d, (còn hiệu lực đến|sắp hết hiệu lực|hết hiệu lực)|: chưa được công nhận)/);
    assert.match(m.meta, /Chuẩn quốc gia (mức độ \d, (còn hiệu lực đến|sắp hết hiệu lực|hết hiệu lực)|: chưa được công nhận)/);
    assert.equal(m.filtersShown, false, 'the filters are open before the parent asks for them');
    // The filters fold away but are one tap away, and still narrow the results.
    await page.locator('[data-search-filter-toggle] > summary').click();
    await page.selectOption('select[name="kiem-dinh"]', '0');
    await page.waitForFunction(() => /kiem-dinh=0/.test(location.search) && document.querySelector('[data-search-results]').dataset.searchState === 'done');
    assert.match(page.url(), /kiem-dinh=0/);
  } finally {
    await context.close();
  }
});

test('a filter in the URL, or a wide screen, opens the filters of /tim-kiem/', async (t) => {
  if (!(await setup(t))) return;
  for (const [p, viewport] of [
    ['tim-kiem/?q=truong&kiem-dinh=0', PHONE],
    ['tim-kiem/?q=truong', DESKTOP],
  ]) {
    const { context, page } = await open(p, viewport);
    try {
      assert.equal(await page.locator('select[name="kiem-dinh"]').isVisible(), true, `${p} at ${viewport.width} px: the filters are folded`);
      if (p.includes('kiem-dinh=0')) assert.equal(await page.locator('select[name="kiem-dinh"]').inputValue(), '0');
    } finally {
      await context.close();
    }
  }
});

test('the decision table fits a 360 px screen as cards with labelled lines', async (t) => {
  if (!(await setup(t))) return;
  for (const viewport of [PHONE, DESKTOP]) {
    const { context, page } = await open(SCHOOL, viewport);
    try {
      const m = await page.evaluate(() => {
        const table = document.querySelector('#quyet-dinh ~ * table, section[aria-labelledby="quyet-dinh"] table');
        const cells = [...table.querySelectorAll('tbody th, tbody td')].filter((c) => c.getBoundingClientRect().height > 0);
        const vw = document.documentElement.clientWidth;
        return {
          vw,
          past: cells
            .filter((c) => c.getBoundingClientRect().right > vw + 0.5)
            .map((c) => `${c.dataset.label}: right ${Math.round(c.getBoundingClientRect().right)}`),
          labels: cells.map((c) => getComputedStyle(c, '::before').content),
          text: [...table.querySelector('tbody tr').children]
            .map((c) => `${getComputedStyle(c, '::before').content.replace(/"/g, '')}: ${c.textContent.trim()}`)
            .join('; '),
          wide: table.getBoundingClientRect().width,
        };
      });
      if (viewport === PHONE) {
        assert.deepEqual(m.past, [], `cells past the right edge (${m.vw} px) at 360 px`);
        for (const l of ['Số quyết định', 'Mức', 'Ngày quyết định', 'Hiệu lực đến', 'Tình trạng']) {
          assert.ok(m.labels.includes(`"${l}"`), `no cell labelled "${l}" at 360 px: ${m.labels.join(', ')}`);
        }
        console.log(`# decision table at 360 px: ${Math.round(m.wide)} px wide; first card: ${m.text}`);
      } else {
        assert.ok(m.labels.every((l) => l === 'none' || l === 'normal'), 'the labels show on a desktop, where the table has its head');
      }
    } finally {
      await context.close();
    }
  }
});
