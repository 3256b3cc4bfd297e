// Comparing schools (/so-sanh/, compare.js): the table marked data-compare with 2 and 4 sample
// schools at phone and desktop widths, the page without JavaScript, the "So sánh" button of a
// school page, axe-core and the Nu HTML Checker on the page as built by the script.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { TESTS_DIR, closeBrowser, getBrowser, getSite, needTools, openPage } from './lib/site.mjs';

after(closeBrowser);

const TWO = ['th-dinh-bo-linh', 'th-lac-long-quan'];
const FOUR = ['th-dinh-bo-linh', 'th-lac-long-quan', 'gdtx-dong-xoai', 'mn-hoa-sen'];
const SIZES = [
  { width: 360, height: 740 },
  { width: 1280, height: 900 },
];
// What a recognition's status says, written out (site.md: never colour alone).
const STATUS = /còn hiệu lực đến \d\d\/\d\d\/\d{4}|sắp hết hiệu lực|Hết hiệu lực|Chưa được công nhận/;

async function schoolData(site, slug) {
  const res = await fetch(site.url(`so-sanh/d/${slug}.json`));
  assert.equal(res.status, 200, `so-sanh/d/${slug}.json`);
  return res.json();
}

/** The table once the script has built it: its column headers and the text of each row. */
async function readTable(page) {
  await page.waitForSelector('table[data-compare] th[scope="col"]', { timeout: 10_000 });
  return page.evaluate(() => {
    const t = document.querySelector('table[data-compare]');
    const rows = {};
    for (const tr of t.tBodies[0].rows) {
      rows[tr.cells[0].textContent.trim()] = [...tr.cells].slice(1).map((c) => c.textContent.trim());
    }
    const wrap = t.closest('.table-wrap');
    const label = t.querySelector('tbody th[scope="row"]');
    return {
      heads: [...t.querySelectorAll('thead th[scope="col"]')].map((th) => ({
        text: th.textContent,
        href: th.querySelector('a')?.getAttribute('href'),
      })),
      rows,
      pageScroll: document.documentElement.scrollWidth,
      vw: window.innerWidth,
      wrap: wrap && {
        overflow: getComputedStyle(wrap).overflowX,
        tabindex: wrap.getAttribute('tabindex'),
        role: wrap.getAttribute('role'),
        scrolls: wrap.scrollWidth > wrap.clientWidth,
      },
      sticky: label && getComputedStyle(label).position,
    };
  });
}

for (const slugs of [TWO, FOUR]) {
  for (const size of SIZES) {
    test(`/so-sanh/?t=${slugs.join(',')} at ${size.width}×${size.height}`, async (t) => {
      if (!needTools(t, 'chromium', 'playwright-core')) return;
      const site = await getSite();
      const data = await Promise.all(slugs.map((s) => schoolData(site, s)));
      const browser = await getBrowser();
      const { context, page } = await openPage(browser, site, `so-sanh/?t=${slugs.join(',')}`, size);
      try {
        const m = await readTable(page);
        assert.equal(m.heads.length, slugs.length, 'one column per school');
        data.forEach((d, i) => {
          assert.ok(m.heads[i].text.includes(d.name), `column ${i + 1} is ${d.name}: ${m.heads[i].text}`);
          assert.ok(m.heads[i].href.endsWith(`truong/${d.slug}/`), `the name links to the school: ${m.heads[i].href}`);
        });
        for (const row of ['Kiểm định chất lượng giáo dục', 'Chuẩn quốc gia']) {
          assert.ok(m.rows[row], `a row "${row}": ${Object.keys(m.rows)}`);
          m.rows[row].forEach((cell, i) => {
            assert.match(cell, STATUS, `${data[i].name}: ${row} written as text`);
            const kind = row === 'Chuẩn quốc gia' ? 'national_standard' : 'accreditation';
            assert.equal(cell, data[i][kind].text);
          });
        }
        for (const row of ['Cấp học', 'Xã/phường', 'Báo cáo tự đánh giá mới nhất', 'Tiêu chuẩn 1', 'Số minh chứng']) {
          assert.ok(m.rows[row], `a row "${row}": ${Object.keys(m.rows)}`);
        }
        data.forEach((d, i) => {
          const cell = m.rows['Báo cáo tự đánh giá mới nhất'][i];
          if (d.report) assert.ok(cell.includes(d.report.level_text) && cell.includes(d.report.year), cell);
          else assert.match(cell, /Chưa có báo cáo/);
        });
        assert.ok(
          m.pageScroll <= m.vw,
          `the page scrolls sideways: scrollWidth ${m.pageScroll} > ${m.vw} (the table may scroll only inside its box)`,
        );
        assert.deepEqual(
          { overflow: m.wrap?.overflow, tabindex: m.wrap?.tabindex, role: m.wrap?.role },
          { overflow: 'auto', tabindex: '0', role: 'region' },
          'the table sits in a focusable scrolling region',
        );
        assert.equal(m.sticky, 'sticky', 'the row labels stay put');
        if (size.width === 360 && slugs.length === 4) assert.ok(m.wrap.scrolls, 'four columns scroll inside the box at 360 px');
        assert.equal(new URL(page.url()).searchParams.get('t'), slugs.join(','), 'the URL keeps the choice');
      } finally {
        await context.close();
      }
    });
  }
}

test('/so-sanh/ says plainly what it ignores and what it does not know', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core')) return;
  const site = await getSite();
  const browser = await getBrowser();
  const five = [...FOUR, 'th-kim-dong'];
  const { context, page } = await openPage(browser, site, `so-sanh/?t=${five.join(',')}`, { width: 360, height: 740 });
  try {
    const m = await readTable(page);
    assert.equal(m.heads.length, 4);
    const said = await page.textContent('[data-compare-status]');
    assert.match(said, /Chỉ so sánh được 4 trường/);
    assert.match(said, /th-kim-dong/);
  } finally {
    await context.close();
  }
  const second = await openPage(browser, site, 'so-sanh/?t=th-dinh-bo-linh,khong-co-truong-nay', { width: 360, height: 740 });
  try {
    const m = await readTable(second.page);
    assert.equal(m.heads.length, 1);
    assert.match(await second.page.textContent('[data-compare-status]'), /Không tìm thấy trường có mã “khong-co-truong-nay”/);
  } finally {
    await second.context.close();
  }
});

test('/so-sanh/ without JavaScript explains how to compare', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core')) return;
  const site = await getSite();
  const browser = await getBrowser();
  const { context, page } = await openPage(browser, site, `so-sanh/?t=${TWO.join(',')}`, {
    width: 360,
    height: 740,
    javaScriptEnabled: false,
  });
  try {
    const text = await page.textContent('main');
    assert.match(text, /Cách so sánh/);
    assert.match(text, /Thêm vào so sánh/);
    assert.match(text, /trang của mỗi trường đã liệt kê các trường cùng cấp học/);
    assert.equal(await page.locator('table[data-compare]').count(), 0);
    const links = await page.locator('main a[href]').count();
    assert.ok(links >= 4, `links to browse the schools: ${links}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `scrollWidth ${width}`);
  } finally {
    await context.close();
  }
});

test('a school page: without JavaScript its same-commune list; with it, "Thêm vào so sánh" adds it', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core')) return;
  const site = await getSite();
  const browser = await getBrowser();
  const noJs = await openPage(browser, site, 'truong/th-dinh-bo-linh/', { width: 360, height: 740, javaScriptEnabled: false });
  try {
    const box = noJs.page.locator('[data-compare-school]');
    assert.match(await box.textContent(), /Trường Tiểu học Lạc Long Quân/);
    assert.match(await box.textContent(), STATUS);
    assert.equal(await box.locator('[data-compare-add]').isVisible(), false, 'no dead button without the script');
  } finally {
    await noJs.context.close();
  }

  const { context, page } = await openPage(browser, site, 'truong/th-dinh-bo-linh/', { width: 360, height: 740 });
  try {
    const add = page.locator('[data-compare-add]');
    await add.click();
    await page.waitForSelector('[data-compare-selection] a');
    const stored = await page.evaluate(() => localStorage.getItem('minhbach-so-sanh'));
    assert.deepEqual(JSON.parse(stored), ['th-dinh-bo-linh']);
    // A second school, from its own page: the choice is kept in the browser.
    await page.goto(site.url('truong/th-lac-long-quan/'));
    await page.locator('[data-compare-add]').click();
    await page.waitForFunction(() => document.querySelector('[data-compare-selection]')?.textContent.includes('2/4'));
    const link = page.locator('[data-compare-selection] a');
    assert.match(await page.textContent('[data-compare-selection]'), /Đinh Bộ Lĩnh.*Lạc Long Quân/);
    await link.click();
    await page.waitForURL(/so-sanh\/\?t=/);
    assert.equal(new URL(page.url()).searchParams.get('t'), 'th-dinh-bo-linh,th-lac-long-quan');
    const m = await readTable(page);
    assert.equal(m.heads.length, 2);
    // Taking one out keeps the URL and the browser's choice in step.
    await page.locator('.compare__remove').first().click();
    await page.waitForFunction(() => document.querySelectorAll('table[data-compare] thead th').length === 1);
    assert.equal(new URL(page.url()).searchParams.get('t'), 'th-lac-long-quan');
    assert.deepEqual(JSON.parse(await page.evaluate(() => localStorage.getItem('minhbach-so-sanh'))), ['th-lac-long-quan']);
  } finally {
    await context.close();
  }
});

const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  resultTypes: ['violations'],
};

test('axe-core: no violation on /so-sanh/ with 4 schools and on a school page after adding it', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core', 'axe-core')) return;
  const axeSource = fs.readFileSync(path.join(TESTS_DIR, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const site = await getSite();
  const browser = await getBrowser();
  for (const size of SIZES) {
    for (const target of [`so-sanh/?t=${FOUR.join(',')}`, 'so-sanh/', 'truong/th-dinh-bo-linh/']) {
      const { context, page } = await openPage(browser, site, target, size);
      try {
        if (target.includes('?t=')) await readTable(page);
        if (target.startsWith('truong/')) {
          await page.locator('[data-compare-add]').click();
          await page.waitForSelector('[data-compare-selection] a');
        }
        await page.evaluate(axeSource);
        const result = await page.evaluate((o) => window.axe.run(document, o), AXE_OPTIONS);
        const summary = result.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        assert.equal(result.violations.length, 0, `${target} at ${size.width} px:\n  ${summary.join('\n  ')}`);
      } finally {
        await context.close();
      }
    }
  }
});

test('the Nu HTML Checker: no error in /so-sanh/ as built by the script', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core', 'java', 'vnu-jar')) return;
  const site = await getSite();
  const browser = await getBrowser();
  const { context, page } = await openPage(browser, site, `so-sanh/?t=${FOUR.join(',')}`, { width: 1280, height: 900 });
  let html;
  try {
    await readTable(page);
    // The main content as the script left it (the header's search box is search.js's, checked
    // with its own page).
    const main = await page.evaluate(() => document.querySelector('main').outerHTML);
    html = `<!doctype html>\n<html lang="vi"><head><meta charset="utf-8"><title>So sánh</title></head><body>${main}</body></html>`;
  } finally {
    await context.close();
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minhbach-compare-'));
  const file = path.join(dir, 'so-sanh.html');
  fs.writeFileSync(file, html);
  const report = await new Promise((resolve, reject) => {
    execFile(
      'java',
      ['-jar', path.join(TESTS_DIR, 'node_modules/vnu-jar/build/dist/vnu.jar'), '--errors-only', '--format', 'json', file],
      { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => {
        try {
          resolve(JSON.parse(stderr || stdout));
        } catch {
          reject(new Error(`vnu.jar gave no JSON report: ${(stderr || stdout).slice(0, 2000)}`));
        }
      },
    );
  });
  fs.rmSync(dir, { recursive: true, force: true });
  const errors = report.messages.filter((m) => m.type !== 'info');
  assert.equal(
    errors.length,
    0,
    errors.map((m) => `${m.lastLine}:${m.firstColumn}: ${m.message} …${(m.extract ?? '').replace(/\s+/g, ' ')}…`).join('\n'),
  );
});
