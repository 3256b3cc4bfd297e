// Issue 18: the portal of several provinces (tests/fixtures/provinces: Hà Nội, Đồng Nai, Tuyên
// Quang; a "Xã Phú Hòa" in Đồng Nai and in Tuyên Quang), served under /lien-tinh/ by lib/site.mjs.
// /tinh/, a province page and the search filtered by province: no sideways scrolling at 360 px,
// axe-core and the Nu HTML Checker clean; the `tinh` filter narrows to one province, each result
// names its province, and choosing a province loads that province's communes into the `xa` select.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { NATIONAL_MOUNT, TESTS_DIR, closeBrowser, getBrowser, getNationalSite, needTools, openPage } from './lib/site.mjs';

after(closeBrowser);

const PAGES = [
  { path: 'tinh/', name: 'các tỉnh', file: 'tinh/index.html' },
  { path: 'tinh/tuyen-quang/', name: 'một tỉnh', file: 'tinh/tuyen-quang/index.html' },
  { path: 'tim-kiem/?q=phu+hoa&tinh=tuyen-quang', name: 'tìm kiếm theo tỉnh', file: 'tim-kiem/index.html' },
];
const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 1280, height: 900 },
];
const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  resultTypes: ['violations'],
};
const VNU = path.join(TESTS_DIR, 'node_modules/vnu-jar/build/dist/vnu.jar');
const TQ_PHU_HOA = { name: 'Trường Tiểu học Phú Hòa', href: 'truong/th-phu-hoa-tuyen-quang/' };

async function waitDone(page, what) {
  await page
    .waitForSelector('[data-search-results][data-search-state="done"]', { state: 'attached', timeout: 15_000 })
    .catch(() => assert.fail(`${what}: search.js never marked [data-search-results] done`));
}

const readResults = (page) =>
  page.$$eval('[data-search-results] li', (lis) =>
    lis.map((li) => {
      const a = li.querySelector('a');
      return { name: a.textContent.trim(), href: a.getAttribute('href'), meta: li.querySelector('.search-results__meta')?.textContent ?? '' };
    }),
  );
const options = (page, name) =>
  page.$$eval(`select[name="${name}"] option`, (os) => os.map((o) => [o.value, o.textContent.trim()]));

/** Opens a page of the portal; for the search page, waits for its results. */
async function open(browser, site, pagePath, viewport) {
  const opened = await openPage(browser, site, pagePath, viewport);
  if (pagePath.startsWith('tim-kiem/')) await waitDone(opened.page, pagePath);
  return opened;
}

function formatViolations(violations) {
  return violations
    .map((v) => `  - ${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 6).map((n) => `      at ${n.target.join(' ')}: ${n.html.slice(0, 160)}`).join('\n')}`)
    .join('\n');
}

test('/tinh/, a province and the search by province: no overflow at 360 px, no axe-core violation', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core', 'axe-core')) return;
  const axeSource = fs.readFileSync(path.join(TESTS_DIR, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const site = await getNationalSite();
  const browser = await getBrowser();
  for (const { path: pagePath, name } of PAGES) {
    for (const viewport of VIEWPORTS) {
      await t.test(`${NATIONAL_MOUNT}${pagePath} (${name}) at ${viewport.width}×${viewport.height}`, async () => {
        const { context, page } = await open(browser, site, pagePath, viewport);
        try {
          const m = await page.evaluate(() => {
            const vw = window.innerWidth;
            const over = [...document.body.querySelectorAll('*')]
              .filter((el) => el.getBoundingClientRect().right > vw + 0.5)
              .filter((el) => {
                for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
                  if (/^(auto|scroll)$/.test(getComputedStyle(p).overflowX)) return false;
                }
                return true;
              })
              .slice(0, 5)
              .map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${el.className}` : ''}`);
            return { vw, sw: document.documentElement.scrollWidth, over };
          });
          assert.ok(m.sw <= m.vw, `${pagePath} at ${viewport.width} px scrolls sideways: ${m.sw} > ${m.vw} (${m.over.join(', ')})`);
          await page.evaluate(axeSource);
          const { violations } = await page.evaluate((o) => window.axe.run(document, o), AXE_OPTIONS);
          assert.equal(violations.length, 0, `${pagePath} at ${viewport.width} px:\n${formatViolations(violations)}`);
        } finally {
          await context.close();
        }
      });
    }
  }
});

/** Runs vnu.jar over `files`; resolves to its JSON report. */
function vnu(files) {
  return new Promise((resolve, reject) => {
    execFile(
      'java',
      ['-Xss8m', '-jar', VNU, '--errors-only', '--format', 'json', ...files],
      { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => {
        try {
          resolve(JSON.parse(stderr || stdout));
        } catch {
          reject(new Error(`vnu.jar gave no JSON report (${err?.message ?? 'exit 0'}):\n${(stderr || stdout).slice(0, 2000)}`));
        }
      },
    );
  });
}

test('the Nu HTML Checker finds no error in these pages, nor in the search page once search.js has filled it', async (t) => {
  if (!needTools(t, 'java', 'vnu-jar', 'chromium', 'playwright-core')) return;
  const site = await getNationalSite();
  const files = PAGES.map((p) => path.join(site.outDir, p.file));
  // The search page as the reader gets it: filters shown, communes loaded, results listed.
  const { context, page } = await open(await getBrowser(), site, PAGES[2].path, VIEWPORTS[1]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minhbach-vnu-'));
  try {
    await page.waitForFunction(() => document.querySelectorAll('select[name="xa"] option').length > 1);
    const live = path.join(dir, 'tim-kiem-live.html');
    fs.writeFileSync(live, `<!DOCTYPE html>\n${await page.evaluate(() => document.documentElement.outerHTML)}`);
    files.push(live);
    const report = await vnu(files);
    assert.ok(Array.isArray(report.messages), 'vnu.jar report has no messages array');
    const errors = report.messages.filter((m) => m.type !== 'info');
    const lines = errors.map((m) => {
      const file = m.url?.startsWith('file:') ? fileURLToPath(m.url) : (m.url ?? '?');
      return `${path.basename(path.dirname(file))}/${path.basename(file)}:${m.lastLine ?? '?'}:${m.firstColumn ?? '?'}: ${m.message}${m.extract ? `\n      …${m.extract.replace(/\s+/g, ' ')}…` : ''}`;
    });
    assert.equal(errors.length, 0, `${errors.length} HTML error(s):\n  ${lines.join('\n  ')}`);
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('tinh=tuyen-quang lists only the Phú Hòa school of Tuyên Quang, names its province, and offers the communes of Tuyên Quang', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core')) return;
  const site = await getNationalSite();
  const { context, page } = await open(await getBrowser(), site, PAGES[2].path, VIEWPORTS[0]);
  try {
    const results = await readResults(page);
    assert.equal(results.length, 1, `expected one result: ${JSON.stringify(results)}`);
    assert.equal(results[0].name, TQ_PHU_HOA.name);
    assert.ok(results[0].href.endsWith(TQ_PHU_HOA.href), `href ${results[0].href}`);
    assert.match(results[0].meta, /Xã Phú Hòa, Tuyên Quang/, 'the result does not name its province');
    assert.equal(await page.inputValue('select[name="tinh"]'), 'tuyen-quang', 'the select does not show the province of the URL');
    await page.waitForFunction(() => document.querySelectorAll('select[name="xa"] option').length > 1);
    assert.deepEqual(await options(page, 'xa'), [
      ['', 'Mọi xã/phường'],
      ['phuong-minh-xuan', 'Phường Minh Xuân'],
      ['xa-phu-hoa-tuyen-quang', 'Xã Phú Hòa'],
    ]);
  } finally {
    await context.close();
  }
});

test('choosing a province loads its communes on demand; a commune of the URL is chosen once they are there', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core')) return;
  const site = await getNationalSite();
  const browser = await getBrowser();
  const { context, page } = await open(browser, site, 'tim-kiem/?q=phu+hoa', VIEWPORTS[1]);
  try {
    const communeFiles = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith(`${NATIONAL_MOUNT}search/xa/`)) communeFiles.push(new URL(r.url()).pathname);
    });
    // Both Phú Hòa schools first (then schools of a "Phường …" with a "Hòa" elsewhere).
    const both = await readResults(page);
    assert.deepEqual(both.slice(0, 2).map((r) => r.href.replace(/^.*truong\//, 'truong/')).sort(), [
      'truong/th-phu-hoa-dong-nai/',
      TQ_PHU_HOA.href,
    ], JSON.stringify(both));
    assert.ok(await page.locator('select[name="xa"]').isDisabled(), 'the commune select works before a province is chosen');
    assert.deepEqual(await options(page, 'tinh'), [
      ['', 'Mọi tỉnh, thành phố'],
      ['dong-nai', 'Đồng Nai'],
      ['ha-noi', 'Hà Nội'],
      ['tuyen-quang', 'Tuyên Quang'],
    ]);

    await page.selectOption('select[name="tinh"]', 'dong-nai');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('tinh') === 'dong-nai');
    await page.waitForFunction(() => !document.querySelector('select[name="xa"]').disabled);
    assert.deepEqual(await options(page, 'xa'), [
      ['', 'Mọi xã/phường'],
      ['phuong-tran-bien', 'Phường Trấn Biên'],
      ['xa-phu-hoa-dong-nai', 'Xã Phú Hòa'],
    ]);
    assert.deepEqual(communeFiles, [`${NATIONAL_MOUNT}search/xa/dong-nai.json`], 'only the chosen province is loaded');
    await waitDone(page, 'tinh=dong-nai');
    const dn = await readResults(page);
    assert.ok(dn.length > 0 && dn.length < both.length, JSON.stringify(dn));
    assert.ok(dn[0].href.endsWith('truong/th-phu-hoa-dong-nai/'), JSON.stringify(dn));
    assert.match(dn[0].meta, /Xã Phú Hòa, Đồng Nai/);
    for (const r of dn) assert.match(r.meta, /, Đồng Nai\b/, `${r.name} (${r.meta}) is not of Đồng Nai`);

    await page.selectOption('select[name="xa"]', 'xa-phu-hoa-dong-nai');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('xa') === 'xa-phu-hoa-dong-nai');
    await waitDone(page, 'xa=xa-phu-hoa-dong-nai');
    const one = await readResults(page);
    assert.deepEqual(one.map((r) => r.href.replace(/^.*truong\//, 'truong/')), ['truong/th-phu-hoa-dong-nai/']);

    // Another province: the commune filter of the first is dropped, the new list is loaded.
    await page.selectOption('select[name="tinh"]', 'ha-noi');
    await page.waitForFunction(() => document.querySelector('select[name="xa"] option[value="phuong-dong-da"]'));
    const q = new URL(page.url()).searchParams;
    assert.equal(q.get('tinh'), 'ha-noi');
    assert.equal(q.get('xa'), null, 'the commune of another province is still in the URL');
    await waitDone(page, 'tinh=ha-noi');
    const hn = await readResults(page);
    assert.ok(hn.length > 0, 'tinh=ha-noi: no result');
    for (const r of hn) assert.match(r.meta, /, Hà Nội\b/, `${r.name} (${r.meta}) is not of Hà Nội`);
    assert.ok(!hn.some((r) => r.name === TQ_PHU_HOA.name), 'Hà Nội has no Phú Hòa school');
  } finally {
    await context.close();
  }

  // From a URL: the commune is chosen once its province's list has come, and it filters.
  const fromUrl = await open(browser, site, 'tim-kiem/?q=truong&tinh=ha-noi&xa=phuong-dong-da', VIEWPORTS[0]);
  try {
    assert.equal(await fromUrl.page.inputValue('select[name="xa"]'), 'phuong-dong-da');
    const hrefs = (await readResults(fromUrl.page)).map((r) => r.href.replace(/^.*truong\//, 'truong/')).sort();
    assert.deepEqual(hrefs, ['truong/th-kim-dong/', 'truong/thcs-dong-da/']);
  } finally {
    await fromUrl.context.close();
  }

  // site.md's filters need no province: `xa=` alone filters, then its province is chosen.
  const alone = await open(browser, site, 'tim-kiem/?q=phu+hoa&xa=xa-phu-hoa-tuyen-quang', VIEWPORTS[0]);
  try {
    const hrefs = (await readResults(alone.page)).map((r) => r.href.replace(/^.*truong\//, 'truong/'));
    assert.deepEqual(hrefs, ['truong/th-phu-hoa-tuyen-quang/'], 'xa= without tinh= must still filter');
    await alone.page.waitForFunction(() => document.querySelector('select[name="tinh"]').value === 'tuyen-quang');
    await alone.page.waitForFunction(() => document.querySelector('select[name="xa"]').selectedOptions[0]?.textContent === 'Xã Phú Hòa');
    assert.equal(await alone.page.inputValue('select[name="xa"]'), 'xa-phu-hoa-tuyen-quang');
  } finally {
    await alone.context.close();
  }
});

test('without JavaScript, /lien-tinh/tim-kiem/ explains and leads to the provinces', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core')) return;
  const site = await getNationalSite();
  const { context, page } = await openPage(await getBrowser(), site, 'tim-kiem/?q=phu+hoa&tinh=tuyen-quang', { javaScriptEnabled: false });
  try {
    const notice = page.locator('[data-search-nojs]');
    assert.ok(await notice.isVisible(), 'the no-JavaScript notice is hidden');
    assert.match(await notice.locator('a').getAttribute('href'), /tinh\/$/);
    await Promise.all([page.waitForURL(/\/tinh\/tuyen-quang\/$/), page.locator('.browse a', { hasText: 'Tuyên Quang' }).click()]);
    assert.match(await page.locator('h1').textContent(), /Tuyên Quang/);
  } finally {
    await context.close();
  }
});
