// The search (themes/default/static/search.js over the index of docs/search-index.md), through the
// contract of shared/spec/site.md: `/tim-kiem/?q=…` shows the results as links inside
// `[data-search-results]`, best first. Also the combobox of the header box, the filters, the page
// without JavaScript, and axe-core on the search UI. Prints the bytes of the index each query fetched.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { MOUNT, TESTS_DIR, closeBrowser, getBrowser, getSite, needTools, openPage, show } from './lib/site.mjs';

after(closeBrowser);

const DINH_BO_LINH = { name: 'Trường Tiểu học Đinh Bộ Lĩnh', href: 'truong/th-dinh-bo-linh/' };
const NOT_FOUND = 'Không tìm thấy trường nào phù hợp.';

/** The index files (under MOUNT + 'search/') the page downloads: call done() for `{ bytes, files }`. */
function countIndexBytes(page) {
  const sizes = [];
  page.on('response', (response) => {
    if (!new URL(response.url()).pathname.startsWith(`${MOUNT}search/`)) return;
    sizes.push(
      response.body().then(
        (b) => ({ file: new URL(response.url()).pathname.slice(MOUNT.length), bytes: b.length }),
        () => ({ file: response.url(), bytes: 0 }),
      ),
    );
  });
  return async () => {
    const all = await Promise.all(sizes);
    return { bytes: all.reduce((s, f) => s + f.bytes, 0), files: all.map((f) => f.file) };
  };
}

/** Opens /tim-kiem/?q=<query><extra> and waits until search.js has shown its answer. */
async function searchFor(browser, site, query, extra = '', opts = {}) {
  const pagePath = `tim-kiem/?q=${encodeURIComponent(query)}${extra}`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...opts });
  try {
    const page = await context.newPage();
    const indexBytes = countIndexBytes(page);
    const response = await page.goto(site.url(pagePath), { waitUntil: 'load', timeout: 30_000 });
    assert.equal(response?.status(), 200, `/kiem-dinh/${pagePath} did not answer 200`);
    await waitDone(page, pagePath);
    const results = await readResults(page);
    const { bytes, files } = await indexBytes();
    console.log(`# search "${query}"${extra}: ${bytes} bytes of index in ${files.length} files (${files.join(', ')})`);
    return { context, page, results, bytes, files, status: await statusText(page) };
  } catch (err) {
    await context.close();
    throw err;
  }
}

async function waitDone(page, what) {
  await page
    .waitForSelector('[data-search-results][data-search-state="done"]', { state: 'attached', timeout: 15_000 })
    .catch(() => assert.fail(`${what}: search.js never marked [data-search-results] done (is search.js loaded?)`));
}

const readResults = (page) =>
  page.$$eval('[data-search-results] a', (as) => as.map((a) => ({ name: a.textContent.trim(), href: a.getAttribute('href') })));
const statusText = (page) => page.$eval('[data-search-status]', (e) => e.textContent.trim()).catch(() => '');

function assertFirst(results, expected, query) {
  assert.ok(results.length > 0, `"${query}": no result`);
  const list = results.slice(0, 5).map((r) => `${r.name} <${r.href}>`).join('; ');
  assert.equal(results[0].name, expected.name, `"${query}": first result is not ${expected.name}: ${list}`);
  if (expected.href) assert.ok(results[0].href.endsWith(expected.href), `"${query}": first href ${results[0].href}`);
}

/** The schools of the open data file, by `truong/<slug>/`. */
function schoolsByPath(site) {
  const data = JSON.parse(fs.readFileSync(path.join(site.outDir, 'du-lieu', 'truong.json'), 'utf8'));
  return new Map(data.schools.map((s) => [new URL(s.url).pathname.replace(/^.*?(truong\/)/, '$1'), s]));
}
const schoolOf = (schools, href) => schools.get(href.replace(/^.*?(truong\/)/, '$1'));

for (const query of ['dinh bo linh', 'Đinh Bộ Lĩnh', 'DINH BO LINH', 'dinh bo lin']) {
  test(`"${query}" finds ${DINH_BO_LINH.name} first`, async (t) => {
    if (!needTools(t, 'chromium', 'playwright-core')) return;
    const site = await getSite();
    const { context, results } = await searchFor(await getBrowser(), site, query);
    try {
      assertFirst(results, DINH_BO_LINH, query);
    } finally {
      await context.close();
    }
  });
}

for (const [query, expected] of [
  ['nguyne hien', { name: 'Trường Tiểu học Nguyễn Hiền' }],
  ['dihn bo linh', DINH_BO_LINH],
  ['truong thcs le loi', { name: 'Trường Trung học cơ sở Lê Lợi' }],
]) {
  test(`"${query}" finds ${expected.name} first`, async (t) => {
    if (!needTools(t, 'chromium', 'playwright-core')) return;
    const site = await getSite();
    const { context, results } = await searchFor(await getBrowser(), site, query);
    try {
      assertFirst(results, expected, query);
    } finally {
      await context.close();
    }
  });
}

test('"dong" finds schools of Phường Đông Hòa and of Xã Đồng Tiến', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core')) return;
  const site = await getSite();
  const schools = schoolsByPath(site);
  const { context, results } = await searchFor(await getBrowser(), site, 'dong');
  try {
    const communes = new Set(results.map((r) => schoolOf(schools, r.href)?.commune));
    for (const c of ['Phường Đông Hòa', 'Xã Đồng Tiến']) {
      assert.ok(communes.has(c), `"dong": no school of ${c} among the ${results.length} results (${[...communes].join(', ')})`);
    }
  } finally {
    await context.close();
  }
});

// Issue 18: words next to each other in one field outrank the same words scattered, and a query
// that is a place's name lists that place's schools first: those of the commune, and those of a
// former district of that name ("dong phu" is Xã Đồng Phú and the former huyện Đồng Phú, not a
// "Rạng Đông" school elsewhere; "tran bien" is Phường Trấn Biên, not "Trần Phú").
const placeOf = (name) =>
  (name || '')
    .normalize('NFD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/^(xa|phuong|thi tran|huyen|thanh pho|thi xa) /, '');
for (const query of ['dong phu', 'tran bien', 'phuong long binh']) {
  test(`"${query}" lists the schools of that place first`, async (t) => {
    if (!needTools(t, 'chromium', 'playwright-core')) return;
    const site = await getSite();
    const schools = schoolsByPath(site);
    const place = placeOf(query);
    const here = (s) => placeOf(s?.commune) === place || placeOf(s?.former_district) === place;
    const inPlace = [...schools.values()].filter(here).length;
    assert.ok(inPlace > 0, `no school of ${place} in the sample`);
    const { context, results } = await searchFor(await getBrowser(), site, query);
    try {
      const first = results.slice(0, inPlace).map((r) => {
        const s = schoolOf(schools, r.href);
        return `${r.name} (${s?.commune}, ${s?.former_district})`;
      });
      assert.ok(
        results.slice(0, inPlace).every((r) => here(schoolOf(schools, r.href))),
        `"${query}": the first ${inPlace} results are not the schools of ${place}: ${first.join('; ')}`,
      );
    } finally {
      await context.close();
    }
  });
}

test('a word that matches nothing gives no result and says so', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core')) return;
  const site = await getSite();
  const { context, page, results } = await searchFor(await getBrowser(), site, 'le loi xyzqw');
  try {
    assert.deepEqual(results, [], '"le loi xyzqw" must find nothing: xyzqw matches no school');
    assert.ok(await page.getByText(NOT_FOUND).isVisible(), `"${NOT_FOUND}" is not shown`);
  } finally {
    await context.close();
  }
});

test('filters narrow the results, from the URL and from the selects', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core')) return;
  const site = await getSite();
  const browser = await getBrowser();
  const schools = schoolsByPath(site);
  const count = (status) => Number((status.match(/(\d+) trường/) ?? [])[1]);

  const all = await searchFor(browser, site, 'truong');
  await all.context.close();
  const mn = await searchFor(browser, site, 'truong', '&cap-hoc=mam-non');
  try {
    assert.ok(mn.results.length > 0, 'truong + cap-hoc=mam-non: no result');
    for (const r of mn.results) assert.equal(schoolOf(schools, r.href)?.level, 'mam-non', `${r.name} is not a mầm non school`);
    assert.ok(count(mn.status) < count(all.status), `filtered "${mn.status}" is not fewer than "${all.status}"`);
    assert.equal(await mn.page.inputValue('select[name="cap-hoc"]'), 'mam-non', 'the select does not show the filter of the URL');

    // Changing a select updates the results and the URL.
    await mn.page.selectOption('select[name="xa"]', 'xa-dong-tien');
    await mn.page.waitForFunction(() => new URLSearchParams(location.search).get('xa') === 'xa-dong-tien');
    await waitDone(mn.page, 'after choosing xa');
    const narrowed = await readResults(mn.page);
    assert.ok(narrowed.length > 0 && narrowed.length < mn.results.length, `xa=xa-dong-tien: ${narrowed.length} results`);
    for (const r of narrowed) {
      const s = schoolOf(schools, r.href);
      assert.ok(s?.level === 'mam-non' && s.commune === 'Xã Đồng Tiến', `${r.name} does not pass both filters`);
    }
    const q = new URL(mn.page.url()).searchParams;
    assert.equal(q.get('q'), 'truong');
    assert.equal(q.get('cap-hoc'), 'mam-non');

    // Accreditation filter: every result has that level in force.
    const kd = await searchFor(browser, site, 'truong', '&kiem-dinh=0');
    try {
      for (const r of kd.results) {
        const s = schoolOf(schools, r.href);
        assert.ok(!['valid', 'expiring'].includes(s.accreditation_status), `${r.name}: accreditation ${s.accreditation_status}`);
      }
    } finally {
      await kd.context.close();
    }
  } finally {
    await mn.context.close();
  }
});

test('the header box of a school page is a combobox: typing lists results, ArrowDown + Enter opens one', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core')) return;
  const site = await getSite();
  const { context, page } = await openPage(await getBrowser(), site, 'truong/thpt-phan-dinh-phung/');
  try {
    const indexBytes = countIndexBytes(page);
    const input = page.locator('#q-dau-trang');
    assert.equal(await input.getAttribute('role'), 'combobox');
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    assert.equal(await input.getAttribute('aria-autocomplete'), 'list');
    const listId = await input.getAttribute('aria-controls');
    const listbox = page.locator(`[id="${listId}"]`);
    assert.equal(await listbox.getAttribute('role'), 'listbox');

    await input.click();
    await input.pressSequentially('nguyen hien', { delay: 40 });
    await listbox.locator('[role="option"]').first().waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    const first = listbox.locator('[role="option"]').first();
    assert.match(await first.textContent(), /Trường Tiểu học Nguyễn Hiền/);
    assert.match(await page.locator('form[role="search"] [role="status"]').textContent(), /Tìm thấy \d+ trường/);

    await page.keyboard.press('ArrowDown');
    const firstId = await first.getAttribute('id');
    assert.equal(await input.getAttribute('aria-activedescendant'), firstId);
    assert.equal(await first.getAttribute('aria-selected'), 'true');

    await page.keyboard.press('Escape');
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    assert.equal(await input.getAttribute('aria-activedescendant'), null);
    assert.equal(await input.inputValue(), 'nguyen hien', 'Escape must close the list, not clear the text');

    await page.keyboard.press('ArrowDown');
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    const target = new URL(await first.getAttribute('href'), page.url()).href;
    const { bytes, files } = await indexBytes();
    console.log(`# search (combobox) "nguyen hien": ${bytes} bytes of index in ${files.length} files (${files.join(', ')})`);
    await Promise.all([page.waitForURL(target, { timeout: 10_000 }), page.keyboard.press('Enter')]);
    assert.ok(page.url().endsWith('truong/th-nguyen-hien/') || page.url() === target, `Enter went to ${show(page.url())}`);
    assert.match(await page.locator('h1').textContent(), /Nguyễn Hiền/);
  } finally {
    await context.close();
  }
});

test('the box of the 404 page (root from an absolute path) opens a result on click', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core')) return;
  const site = await getSite();
  const context = await (await getBrowser()).newContext({ viewport: { width: 360, height: 800 } });
  try {
    const page = await context.newPage();
    const response = await page.goto(site.url('khong/co/trang-nay/'));
    assert.equal(response?.status(), 404);
    await page.locator('#q-404').pressSequentially('dinh bo', { delay: 30 });
    const first = page.locator('[role="listbox"] [role="option"]').first();
    await first.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await first.textContent(), /Đinh Bộ Lĩnh/);
    await Promise.all([page.waitForURL(/truong\/th-dinh-bo-linh\/$/, { timeout: 10_000 }), first.click()]);
  } finally {
    await context.close();
  }
});

test('the box of the home page ends its list with "Xem tất cả", which opens /tim-kiem/', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core')) return;
  const site = await getSite();
  const { context, page } = await openPage(await getBrowser(), site, '');
  try {
    const input = page.locator('#q-trang-chu');
    await input.pressSequentially('truong', { delay: 30 });
    const last = page.locator('[role="listbox"] [role="option"]').last();
    await last.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await last.textContent(), /Xem tất cả \d+ kết quả/);
    await page.keyboard.press('ArrowUp'); // from no active option, ArrowUp goes to the last one
    assert.equal(await input.getAttribute('aria-activedescendant'), await last.getAttribute('id'));
    await Promise.all([page.waitForURL(/\/tim-kiem\/\?q=truong$/, { timeout: 10_000 }), page.keyboard.press('Enter')]);
    await waitDone(page, 'tim-kiem/?q=truong');
    assert.equal((await readResults(page)).length, 20, 'the search page shows 20 results first');
    assert.equal(await page.inputValue('#q-tim-kiem'), 'truong');
    await page.click('.search-more');
    await page.waitForFunction(() => document.querySelectorAll('[data-search-results] a').length > 20);
    assert.equal(await page.evaluate(() => document.activeElement?.closest('li') === document.querySelectorAll('[data-search-results] li')[20]), true,
      'after "Hiện thêm" the focus goes to the first new result');
  } finally {
    await context.close();
  }
});

test('without JavaScript: the header form submits to /tim-kiem/, which explains and lists', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core')) return;
  const site = await getSite();
  const { context, page } = await openPage(await getBrowser(), site, 'truong/th-dinh-bo-linh/', { javaScriptEnabled: false });
  try {
    await page.fill('#q-dau-trang', 'dinh bo linh');
    await Promise.all([page.waitForURL(/\/tim-kiem\/\?q=dinh/), page.press('#q-dau-trang', 'Enter')]);
    assert.ok(new URL(page.url()).pathname === `${MOUNT}tim-kiem/`, `submitted to ${show(page.url())}`);
    assert.ok(await page.locator('[data-search-nojs]').isVisible(), 'the no-JavaScript notice is hidden');
    assert.ok(!(await page.locator('[data-search-filters]').isVisible()), 'filters that cannot work are shown');
  } finally {
    await context.close();
  }
});

test('axe-core: no WCAG 2.1 A/AA violation on the search page and the open combobox; no overflow at 360 px', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core', 'axe-core')) return;
  const axeSource = fs.readFileSync(path.join(TESTS_DIR, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const options = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] };
  const site = await getSite();
  const browser = await getBrowser();
  const check = async (page, what) => {
    await page.evaluate(axeSource);
    const { violations } = await page.evaluate((o) => window.axe.run(document, o), options);
    const text = violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    assert.equal(violations.length, 0, `${what}: ${text.join('\n')}`);
    const m = await page.evaluate(() => ({ vw: window.innerWidth, sw: document.documentElement.scrollWidth }));
    assert.ok(m.sw <= m.vw, `${what} scrolls sideways: ${m.sw} > ${m.vw}`);
  };
  for (const width of [360, 1280]) {
    await t.test(`/kiem-dinh/tim-kiem/?q=truong at ${width} px`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      try {
        const page = await context.newPage();
        await page.goto(site.url('tim-kiem/?q=truong&cap-hoc=tieu-hoc'));
        await waitDone(page, 'tim-kiem');
        assert.ok((await readResults(page)).length > 0);
        await check(page, `tim-kiem at ${width} px`);
      } finally {
        await context.close();
      }
    });
    await t.test(`combobox open on /kiem-dinh/truong/th-dinh-bo-linh/ at ${width} px`, async () => {
      const { context, page } = await openPage(browser, site, 'truong/th-dinh-bo-linh/', { width, height: 900 });
      try {
        await page.locator('#q-dau-trang').pressSequentially('trung hoc', { delay: 30 });
        await page.locator('[role="listbox"] [role="option"]').first().waitFor({ state: 'visible', timeout: 10_000 });
        await page.keyboard.press('ArrowDown');
        await check(page, `combobox at ${width} px`);
      } finally {
        await context.close();
      }
    });
  }
});
