// The site served under a path (/kiem-dinh/): every URL of the site map exists, and every link
// and asset reachable from the home page answers 200 without leaving /kiem-dinh/.
// Plain HTTP from Node: no browser needed.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { anchors, cssLinks, links, sitemapLocs, tags } from './lib/html.mjs';
import { MOUNT, REPO, get, getSite, show } from './lib/site.mjs';

const MAX_URLS = 10_000;
const PARALLEL = 8;

// ---------------------------------------------------------------------------------------------
// What the sample content says must exist.

function schoolDirs() {
  const dir = path.join(REPO, 'content/schools');
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'school.toml')))
    .map((d) => d.name)
    .sort();
}

/** `level = "…"` of a school.toml (the top-level string, not `level = 2` of a decision). */
function schoolLevel(slug) {
  const toml = fs.readFileSync(path.join(REPO, 'content/schools', slug, 'school.toml'), 'utf8');
  return /^level\s*=\s*"([^"]+)"/m.exec(toml)?.[1] ?? null;
}

/** A top-level string field of a school.toml (`commune`, `former_district`…). */
function schoolField(slug, field) {
  const toml = fs.readFileSync(path.join(REPO, 'content/schools', slug, 'school.toml'), 'utf8');
  return new RegExp(`^${field}\\s*=\\s*"([^"]+)"`, 'm').exec(toml)?.[1] ?? null;
}

/** The slug rule of site.md: NFC, lower case, no diacritics, đ → d, other runs → `-`. */
export function slugify(text) {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `[{ slug, year, status }]` of every report file. */
function reports() {
  const out = [];
  for (const slug of schoolDirs()) {
    const dir = path.join(REPO, 'content/schools', slug);
    for (const f of fs.readdirSync(dir)) {
      const m = /^(\d{4}-\d{4})\.md$/.exec(f);
      if (!m) continue;
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      const front = /^\+\+\+\s*\n([\s\S]*?)\n\+\+\+/.exec(text.replace(/^\uFEFF/, ''))?.[1] ?? '';
      const status = /^status\s*=\s*"([^"]*)"/m.exec(front)?.[1] ?? null;
      out.push({ slug, year: m[1], status });
    }
  }
  return out;
}

function contentPages() {
  const dir = path.join(REPO, 'content/pages');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/** The URLs of the site.md table (below MOUNT). */
function requiredPaths() {
  const levels = [...new Set(schoolDirs().map(schoolLevel).filter(Boolean))].sort();
  return [
    '',
    'dia-ban/',
    'dia-ban/huyen-cu/',
    'cap-hoc/',
    ...levels.map((l) => `cap-hoc/${l}/`),
    ...[1, 2, 3, 4].map((n) => `kiem-dinh/cap-do-${n}/`),
    ...[1, 2].map((n) => `chuan-quoc-gia/muc-do-${n}/`),
    'chua-cong-nhan/',
    'sap-het-han/',
    'het-hieu-luc/',
    'dang-ky-danh-gia-ngoai/',
    'thong-ke/',
    'tim-kiem/',
    'du-lieu/',
    'du-lieu/truong.csv',
    'du-lieu/truong.json',
    'du-lieu/quyet-dinh.csv',
    'du-lieu/ket-qua-tieu-chi.csv',
    'feed.xml',
    'sitemap.xml',
    'robots.txt',
    '404.html',
    ...contentPages().map((p) => `${p}/`),
  ];
}

async function statuses(site, paths) {
  const out = [];
  await pool(paths, PARALLEL, async (p) => {
    const res = await get(site.url(p));
    out.push({ p, res });
  });
  return out.sort((a, b) => a.p.localeCompare(b.p));
}

async function pool(items, n, fn) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (queue.length) await fn(queue.shift());
    }),
  );
}

function explain(res) {
  if (res.status >= 300 && res.status < 400) return `${res.status} → ${res.location}`;
  return String(res.status);
}

test('every URL of the site map (shared/spec/site.md) exists under /kiem-dinh/', async () => {
  const site = await getSite();
  const paths = requiredPaths();
  const bad = (await statuses(site, paths)).filter(({ res }) => res.status !== 200);
  assert.deepEqual(
    bad.map(({ p, res }) => `${MOUNT}${p} → ${explain(res)}`),
    [],
    `${bad.length} of the ${paths.length} URLs of the site map do not answer 200`,
  );
});

test('every school, commune, former district and approved report has its page; drafts are never published', async () => {
  const site = await getSite();
  const schools = schoolDirs();
  const all = reports();
  assert.ok(schools.length > 0, 'content/schools/ has no school');
  assert.ok(all.some((r) => r.status === 'approved'), 'no approved report in content/schools/');
  const places = (field, prefix) =>
    [...new Set(schools.map((s) => schoolField(s, field)).filter(Boolean))].map((v) => `${prefix}${slugify(v)}/`);
  const published = [
    ...schools.map((s) => `truong/${s}/`),
    ...places('commune', 'dia-ban/'),
    ...places('former_district', 'dia-ban/huyen-cu/'),
    ...all.filter((r) => r.status === 'approved').map((r) => `truong/${r.slug}/${r.year}/`),
  ];
  const drafts = all.filter((r) => r.status !== 'approved').map((r) => `truong/${r.slug}/${r.year}/`);
  const missing = (await statuses(site, published)).filter(({ res }) => res.status !== 200);
  const leaked = (await statuses(site, drafts)).filter(({ res }) => res.status !== 404);
  assert.deepEqual(missing.map(({ p, res }) => `${MOUNT}${p} → ${explain(res)}`), [], 'pages missing');
  assert.deepEqual(
    leaked.map(({ p, res }) => `${MOUNT}${p} → ${explain(res)} (a draft report must answer 404)`),
    [],
    'draft reports published',
  );
});

// ---------------------------------------------------------------------------------------------
// The crawl.

function configHost() {
  try {
    const toml = fs.readFileSync(path.join(REPO, 'config.toml'), 'utf8');
    const url = /^base_url\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
}

const SKIP_SCHEME = /^(mailto|tel|sms|data|javascript|blob|about):/i;

/**
 * Crawls from `start` (following href/src/action/srcset of HTML, href of XML, url() of CSS) and
 * returns `{ pages: Map<url, {status, location, contentType, ids}>, problems: string[], external }`.
 */
async function crawl(site, start) {
  const pages = new Map();
  const referrers = new Map(); // url → Set of pages that link to it
  const fragments = []; // { from, value, target, fragment }
  const problems = [];
  const external = new Set();
  const badHost = configHost();
  const queue = [];
  const enqueue = (url, from) => {
    if (!referrers.has(url)) referrers.set(url, new Set());
    if (from) referrers.get(url).add(from);
    if (!pages.has(url) && pages.size < MAX_URLS) {
      pages.set(url, null);
      queue.push(url);
    }
  };

  const follow = (from, base, { tag, attr, value }) => {
    if (SKIP_SCHEME.test(value)) return;
    let url;
    try {
      url = new URL(value, base);
    } catch {
      problems.push(`${show(from)}: <${tag} ${attr}="${value}"> is not a valid URL`);
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
    if (url.origin !== site.origin) {
      if (badHost && url.host === badHost) {
        problems.push(
          `${show(from)}: <${tag} ${attr}="${value}"> points to base_url of config.toml (${badHost}), not to --base-url ${site.base}`,
        );
      } else {
        external.add(url.href);
      }
      return;
    }
    if (!url.pathname.startsWith(MOUNT)) {
      problems.push(
        `${show(from)}: <${tag} ${attr}="${value}"> resolves to ${show(url.href)}, outside ${MOUNT} (the site is served under a path)`,
      );
      return;
    }
    const fragment = url.hash.slice(1);
    url.hash = '';
    if (fragment) fragments.push({ from, value, tag, attr, target: url.href, fragment });
    enqueue(url.href, from);
  };

  enqueue(start, null);
  let busy = 0;
  const workers = Array.from({ length: PARALLEL }, async () => {
    // a worker stops when the queue is empty and no other worker may still add to it
    while (queue.length || busy > 0) {
      const url = queue.shift();
      if (!url) {
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      busy++;
      try {
        const res = await get(url);
        const info = { status: res.status, location: res.location, contentType: res.contentType, ids: null };
        pages.set(url, info);
        if (res.status !== 200) continue;
        const ct = res.contentType;
        if (ct.startsWith('text/html')) {
          const html = res.text();
          info.ids = anchors(html);
          const baseTag = tags(html).find((t) => t.name === 'base' && t.attrs.has('href'));
          const base = baseTag ? new URL(baseTag.attrs.get('href'), url).href : url;
          for (const l of links(html)) follow(url, base, l);
        } else if (/xml/.test(ct)) {
          const xml = res.text();
          for (const t of tags(xml)) if (t.attrs.has('href')) follow(url, url, { tag: t.name, attr: 'href', value: t.attrs.get('href').trim() });
          if (/<urlset/.test(xml)) for (const loc of sitemapLocs(xml)) follow(url, url, { tag: 'loc', attr: 'text', value: loc });
        } else if (ct.startsWith('text/css')) {
          for (const l of cssLinks(res.text())) follow(url, url, l);
        }
      } catch (err) {
        pages.set(url, { status: `fetch failed: ${err.message}`, ids: null });
      } finally {
        busy--;
      }
    }
  });
  await Promise.all(workers);

  for (const [url, info] of pages) {
    if (!info) {
      problems.push(`${show(url)} was not fetched (more than ${MAX_URLS} URLs?)`);
    } else if (info.status !== 200) {
      const from = [...(referrers.get(url) ?? [])].slice(0, 3).map(show).join(', ');
      const why = info.status >= 300 && info.status < 400 ? `${info.status} → ${info.location}` : info.status;
      problems.push(`${show(url)} → ${why} (linked from ${from || 'the start'})`);
    }
  }
  for (const f of fragments) {
    const info = pages.get(f.target);
    if (!info || info.status !== 200) continue; // reported above
    let id = f.fragment;
    try {
      id = decodeURIComponent(id);
    } catch {
      // keep it as written
    }
    if (!info.ids) {
      problems.push(`${show(f.from)}: <${f.tag} ${f.attr}="${f.value}">: ${show(f.target)} is not HTML, it has no #${id}`);
    } else if (!info.ids.has(id) && id !== 'top') {
      problems.push(`${show(f.from)}: <${f.tag} ${f.attr}="${f.value}">: ${show(f.target)} has no element with id="${id}"`);
    }
  }
  return { pages, problems: [...new Set(problems)], external };
}

function listProblems(problems, max = 60) {
  const head = problems.slice(0, max).join('\n  ');
  return `\n  ${head}${problems.length > max ? `\n  … and ${problems.length - max} more` : ''}`;
}

test('crawl from the home page: every link answers 200, every #fragment exists, nothing leaves /kiem-dinh/', async (t) => {
  const site = await getSite();
  const { pages, problems, external } = await crawl(site, site.base);
  const html = [...pages.values()].filter((i) => i?.contentType?.startsWith('text/html')).length;
  t.diagnostic(`crawled ${pages.size} URLs (${html} HTML pages); ${external.size} external links not fetched`);
  assert.ok(html >= 10, `the crawl reached only ${html} HTML pages from ${site.base}: links are missing`);
  assert.deepEqual(problems, [], `${problems.length} broken link(s) among ${pages.size} URLs:${listProblems(problems)}`);
});

test('every <loc> of sitemap.xml answers 200 under /kiem-dinh/', async () => {
  const site = await getSite();
  const res = await get(site.url('sitemap.xml'));
  assert.equal(res.status, 200, `${MOUNT}sitemap.xml → ${res.status}`);
  const locs = sitemapLocs(res.text());
  assert.ok(locs.length > 10, `sitemap.xml lists only ${locs.length} URLs`);
  const problems = [];
  await pool(locs, PARALLEL, async (loc) => {
    let url;
    try {
      url = new URL(loc);
    } catch {
      problems.push(`<loc>${loc}</loc> is not an absolute URL`);
      return;
    }
    if (url.origin !== site.origin || !url.pathname.startsWith(MOUNT)) {
      problems.push(`<loc>${loc}</loc> is not under --base-url ${site.base}`);
      return;
    }
    const r = await get(loc);
    if (r.status !== 200) problems.push(`<loc>${loc}</loc> → ${explain(r)}`);
  });
  assert.deepEqual(problems.sort(), [], `sitemap.xml:${listProblems(problems)}`);
});

test('the 404 page works at any depth: status 404, its links and style sheet answer 200', async () => {
  const site = await getSite();
  const deep = site.url('truong/khong-co-truong-nay/2099-2100/');
  const res = await get(deep);
  assert.equal(res.status, 404, `${show(deep)} answered ${res.status}`);
  assert.match(res.contentType, /^text\/html/, 'the 404 answer is not the site’s 404.html');
  const problems = [];
  const found = links(res.text()).filter((l) => !SKIP_SCHEME.test(l.value) && !l.value.startsWith('#'));
  assert.ok(found.some((l) => /stylesheet|\.css/.test(l.value) || l.tag === 'link'), '404.html loads no style sheet');
  await pool(found, PARALLEL, async ({ tag, attr, value }) => {
    const url = new URL(value, deep);
    url.hash = '';
    if (url.origin !== site.origin) return;
    if (!url.pathname.startsWith(MOUNT)) {
      problems.push(`<${tag} ${attr}="${value}"> resolves to ${show(url.href)}, outside ${MOUNT}`);
      return;
    }
    const r = await get(url.href);
    if (r.status !== 200) {
      const hint = /^([a-z][a-z0-9+.-]*:|\/)/i.test(value)
        ? ''
        : ' (404.html is served at unknown URLs of any depth: its links must not be relative)';
      problems.push(`<${tag} ${attr}="${value}"> → ${show(url.href)} → ${explain(r)}${hint}`);
    }
  });
  assert.deepEqual(problems.sort(), [], `404.html served at ${show(deep)}:${listProblems(problems)}`);
});
