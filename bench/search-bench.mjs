// Search benchmark in a real browser: minhbach's sharded index vs Pagefind vs one JSON file.
//
//   node bench/search-bench.mjs --site DIR/output [--sample DIR] [--runs 3] [--queries "a,b"]
//                               [--throttle 3g] [--timeout-ms 30000] [--json FILE]
//
// Serves --site at http://127.0.0.1:<port>/ with gzip-compressed bodies (zlib level 6, like a
// web server's on-the-fly gzip) and logs every response's gzip byte count. Then, in headless
// Debian Chromium (playwright-core), for every query, `--runs` times, each in a fresh browser
// context (empty cache):
//   (a) minhbach: opens /tim-kiem/?q=<query> and stops the clock when the first
//       `[data-search-results] a` appears (a MutationObserver installed before any page script
//       records performance.now(), i.e. milliseconds since navigation start); bytes = gzip bytes
//       of every response after the page document itself, counted once the network is idle;
//   (b) Pagefind: opens a page of this benchmark (served from memory at /__bench/pagefind.html,
//       not written into the site) that imports /pagefind/pagefind.js, calls
//       pagefind.search(query) and loads the first result's data (results[0].data()); time from
//       navigation start to that data; bytes = every response after that page;
//   (c) naive: /__bench/naive.html fetches one JSON file of every school (name, commune,
//       province, level, url; built here from du-lieu/truong.json) and filters it in the page:
//       bytes = its gzip size, time = navigation start to the first match.
// /favicon.ico is answered with 204 and not counted (the browser asks for it on its own).
// Prints a table (query × tool × results × bytes × ms), the medians, the ratios, and the gzip
// size of --sample's search/ folder (the sample province). Nothing here is hard-coded: every
// number printed is measured in this run.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

const DEFAULT_QUERIES = [
  'dinh bo linh',
  'nguyen hien',
  'le loi',
  'tran hung dao',
  'truong thcs le loi',
  'dong nai',
  'nguyne hien',
  'mam non hoa sen',
  'thpt chu van an',
  'quang trung',
];

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

function parseArgs(argv) {
  const o = { runs: 3, timeoutMs: 30000, throttle: '', chromium: process.env.MINHBACH_CHROMIUM || '/usr/bin/chromium' };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    if (k === '--site') o.site = v;
    else if (k === '--sample') o.sample = v;
    else if (k === '--runs') o.runs = Number(v);
    else if (k === '--queries') o.queries = v.split(',').map((s) => s.trim()).filter(Boolean);
    else if (k === '--throttle') o.throttle = v;
    else if (k === '--timeout-ms') o.timeoutMs = Number(v);
    else if (k === '--json') o.json = v;
    else if (k === '--chromium') o.chromium = v;
    else throw new Error(`unknown argument ${k}`);
    i++;
  }
  if (!o.site) throw new Error('usage: search-bench.mjs --site DIR [--sample DIR] [--runs N] [--queries "a,b"]');
  o.queries ??= DEFAULT_QUERIES;
  return o;
}

const gzip = (buf) => zlib.gzipSync(buf, { level: 6 });
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const kb = (n) => (Number.isFinite(n) ? (n / 1024).toFixed(1) + ' KB' : '—');
const ms = (n) => (Number.isFinite(n) ? n.toFixed(0) + ' ms' : '—');

// ------------------------------------------------------------------------------------------ pages of the benchmark

const PAGEFIND_PAGE = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Pagefind bench</title>
<body><script type="module">
const q = new URLSearchParams(location.search).get('q') || '';
try {
  const pagefind = await import('/pagefind/pagefind.js');
  const search = await pagefind.search(q);
  const first = search.results.length ? await search.results[0].data() : null;
  window.__bench = { t: performance.now(), count: search.results.length, url: first ? first.url : null,
    title: first ? (first.meta && first.meta.title) || '' : null };
} catch (e) {
  window.__bench = { t: performance.now(), error: String(e && e.stack || e) };
}
</script></body></html>`;

const NAIVE_PAGE = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Naive bench</title>
<body><script type="module">
const fold = (s) => s.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').toLowerCase().replace(/đ/g, 'd');
const q = fold(new URLSearchParams(location.search).get('q') || '').split(/[^a-z0-9]+/).filter(Boolean);
const all = await (await fetch('/__bench/naive.json')).json();
let first = null, count = 0;
for (const s of all) {
  const text = ' ' + fold(s[0] + ' ' + s[1] + ' ' + s[2]).replace(/[^a-z0-9]+/g, ' ') + ' ';
  if (q.every((w) => text.includes(' ' + w))) { count++; if (!first) first = s; }
}
window.__bench = { t: performance.now(), count, url: first ? first[4] : null, title: first ? first[0] : null };
</script></body></html>`;

// ------------------------------------------------------------------------------------------ server

function startServer(root, extra) {
  root = path.resolve(root);
  const cache = new Map(); // path → { body, gz, type }
  const log = [];
  const send = (req, res, status, entry) => {
    const wantsGzip = /\bgzip\b/.test(req.headers['accept-encoding'] || '');
    const body = wantsGzip ? entry.gz : entry.body;
    res.writeHead(status, {
      'content-type': entry.type,
      'content-length': body.length,
      'cache-control': 'no-store',
      ...(wantsGzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    log.push({ path: req.url, status, raw: entry.body.length, gz: entry.gz.length, sent: body.length, at: performance.now() });
  };
  const fileEntry = (file) => {
    let e = cache.get(file);
    if (!e) {
      const body = fs.readFileSync(file);
      e = { body, gz: gzip(body), type: TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream' };
      cache.set(file, e);
    }
    return e;
  };
  const server = http.createServer((req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      const p = decodeURIComponent(url.pathname);
      if (p === '/favicon.ico') {
        res.writeHead(204);
        return res.end();
      }
      if (extra.has(p)) return send(req, res, 200, extra.get(p));
      let file = path.resolve(root, '.' + p);
      if (file !== root && !file.startsWith(root + path.sep)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if (p.endsWith('/')) file = path.join(file, 'index.html');
      else if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
        res.writeHead(301, { location: url.pathname + '/' + url.search });
        return res.end();
      }
      if (!fs.existsSync(file)) {
        const nf = path.join(root, '404.html');
        return send(req, res, 404, fs.existsSync(nf) ? fileEntry(nf) : { body: Buffer.from('not found'), gz: gzip(Buffer.from('not found')), type: 'text/plain' });
      }
      return send(req, res, 200, fileEntry(file));
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, log, port: server.address().port })));
}

// ------------------------------------------------------------------------------------------ sizes on disk

function folderGzip(dir) {
  let files = 0, raw = 0, gz = 0, biggest = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const b = fs.readFileSync(p);
        const g = gzip(b).length;
        files++;
        raw += b.length;
        gz += g;
        biggest = Math.max(biggest, g);
      }
    }
  };
  walk(dir);
  return { files, raw, gz, biggest };
}

function naiveJson(site) {
  const data = JSON.parse(fs.readFileSync(path.join(site, 'du-lieu', 'truong.json'), 'utf8'));
  const rows = data.schools.map((s) => [s.name, s.commune, s.province, s.level, s.url]);
  return Buffer.from(JSON.stringify(rows));
}

// ------------------------------------------------------------------------------------------ measurements

async function measure(browser, opts, srv, url, done) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (opts.throttle === '3g') {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // Chrome DevTools "Slow 3G"-like: 400 ms RTT, 400 kbit/s down
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 400,
      downloadThroughput: (400 * 1024) / 8,
      uploadThroughput: (400 * 1024) / 8,
    });
  }
  await page.addInitScript(() => {
    window.__firstResult = null;
    const check = () => {
      if (window.__firstResult === null && document.querySelector('[data-search-results] a')) {
        window.__firstResult = performance.now();
      }
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true });
  });
  srv.log.length = 0;
  const out = { ok: false };
  try {
    await page.goto(url, { waitUntil: 'commit', timeout: opts.timeoutMs });
    const r = await done(page);
    Object.assign(out, r, { ok: !r.error });
    await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
  } catch (err) {
    out.error = String(err.message || err).split('\n')[0];
  }
  await context.close();
  const [doc, ...rest] = srv.log.slice();
  out.document = doc ? doc.path : null;
  out.documentBytes = doc ? doc.sent : NaN;
  out.requests = rest.length;
  out.bytes = rest.reduce((a, e) => a + e.sent, 0);
  out.searchBytes = rest.filter((e) => /^\/(search|pagefind)\//.test(e.path)).reduce((a, e) => a + e.sent, 0);
  out.paths = rest.map((e) => `${e.path} ${e.sent}`);
  return out;
}

const minhbachDone = (timeoutMs) => async (page) => {
  await page.waitForFunction(() => window.__firstResult !== null, null, { timeout: timeoutMs, polling: 50 });
  return page.evaluate(() => {
    const links = [...document.querySelectorAll('[data-search-results] a')];
    return { t: window.__firstResult, count: links.length, url: links[0]?.getAttribute('href'), title: links[0]?.textContent.trim() };
  });
};

const benchDone = (timeoutMs) => async (page) => {
  await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: timeoutMs, polling: 50 });
  return page.evaluate(() => window.__bench);
};

// ------------------------------------------------------------------------------------------ main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const site = path.resolve(opts.site);
  const naive = naiveJson(site);
  const naiveEntry = { body: naive, gz: gzip(naive), type: 'application/json; charset=utf-8' };
  const page = (s) => ({ body: Buffer.from(s), gz: gzip(Buffer.from(s)), type: 'text/html; charset=utf-8' });
  const extra = new Map([
    ['/__bench/pagefind.html', page(PAGEFIND_PAGE)],
    ['/__bench/naive.html', page(NAIVE_PAGE)],
    ['/__bench/naive.json', naiveEntry],
  ]);
  const srv = await startServer(site, extra);
  const base = `http://127.0.0.1:${srv.port}`;
  const hasSearchJs = fs.existsSync(path.join(site, 'search.js'));
  const hasPagefind = fs.existsSync(path.join(site, 'pagefind', 'pagefind.js'));
  const meta = JSON.parse(fs.readFileSync(path.join(site, 'search', 'meta.json'), 'utf8'));
  console.log(`site: ${site} (${meta.docs} schools in the search index), served with gzip at ${base}/`);
  console.log(`search.js in the site: ${hasSearchJs ? 'yes' : 'NO (minhbach column will fail)'}; Pagefind index: ${hasPagefind ? 'yes' : 'NO'}`);
  console.log(`runs per query and tool: ${opts.runs} (fresh browser context each, cold cache)${opts.throttle ? `; network throttled: ${opts.throttle}` : '; no network throttling (localhost)'}`);

  const browser = await chromium.launch({ executablePath: opts.chromium, headless: true, args: LAUNCH_ARGS });
  const tools = [
    ['minhbach', (q) => `${base}/tim-kiem/?q=${encodeURIComponent(q)}`, minhbachDone(opts.timeoutMs)],
    ['pagefind', (q) => `${base}/__bench/pagefind.html?q=${encodeURIComponent(q)}`, benchDone(opts.timeoutMs)],
    ['naive', (q) => `${base}/__bench/naive.html?q=${encodeURIComponent(q)}`, benchDone(opts.timeoutMs)],
  ];
  // warm-up (Chromium's first page in a process is slower): not counted
  await measure(browser, opts, srv, `${base}/`, async () => ({}));
  const rows = [];
  for (const q of opts.queries) {
    for (const [tool, urlOf, done] of tools) {
      if (tool === 'pagefind' && !hasPagefind) continue;
      const runs = [];
      for (let i = 0; i < opts.runs; i++) runs.push(await measure(browser, opts, srv, urlOf(q), done));
      const ok = runs.filter((r) => r.ok);
      const last = ok[0] ?? runs[0];
      rows.push({
        query: q,
        tool,
        ok: ok.length,
        runs: runs.length,
        count: last.count ?? 0,
        first: last.title ?? null,
        firstUrl: last.url ?? null,
        bytes: median(ok.map((r) => r.bytes)),
        searchBytes: median(ok.map((r) => r.searchBytes)),
        requests: median(ok.map((r) => r.requests)),
        documentBytes: median(ok.map((r) => r.documentBytes)),
        ms: median(ok.map((r) => r.t)),
        error: ok.length ? null : runs[0].error || 'no result',
        paths: last.paths,
      });
    }
  }
  await browser.close();
  srv.server.close();

  // ---------------------------------------------------------------------------------- report
  const pad = (s, n) => String(s).padEnd(n);
  const lpad = (s, n) => String(s).padStart(n);
  console.log('\nquery                 tool       results  requests  bytes (gzip)  of which index   time     page doc   first result');
  for (const r of rows) {
    const first = r.error ? `FAILED: ${r.error}` : r.first ? `${r.first.slice(0, 48)}` : '(none)';
    console.log(
      `${pad(r.query, 21)} ${pad(r.tool, 10)} ${lpad(r.error ? '—' : r.count, 7)}  ${lpad(Number.isFinite(r.requests) ? r.requests : '—', 8)}  ${lpad(kb(r.bytes), 12)}  ${lpad(kb(r.searchBytes), 14)}  ${lpad(ms(r.ms), 7)}  ${lpad(kb(r.documentBytes), 9)}   ${first}`,
    );
  }
  const med = {};
  for (const tool of ['minhbach', 'pagefind', 'naive']) {
    const rs = rows.filter((r) => r.tool === tool && !r.error);
    med[tool] = { n: rs.length, bytes: median(rs.map((r) => r.bytes)), index: median(rs.map((r) => r.searchBytes)), ms: median(rs.map((r) => r.ms)) };
  }
  console.log('\nmedians over the queries that returned (bytes: gzip bytes after the page document; index: search/ or pagefind/ files only;');
  console.log('page doc: gzip bytes of the page document itself, not in bytes: /tim-kiem/ for minhbach, the bench\'s own small page for the others)');
  for (const [tool, m] of Object.entries(med)) {
    console.log(`  ${pad(tool, 9)} ${lpad(m.n, 2)} queries  ${lpad(kb(m.bytes), 10)}  (index ${kb(m.index)})  ${lpad(ms(m.ms), 7)}`);
  }
  const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(2) : '—');
  console.log(`  ratio minhbach / Pagefind: bytes ${ratio(med.minhbach.bytes, med.pagefind.bytes)}, time ${ratio(med.minhbach.ms, med.pagefind.ms)}`);
  console.log(`  ratio minhbach / naive:    bytes ${ratio(med.minhbach.bytes, med.naive.bytes)}, time ${ratio(med.minhbach.ms, med.naive.ms)}`);

  const ms9 = zlib.gzipSync(naive, { level: 9 }).length;
  console.log(`\nnaive baseline: one JSON file of all ${meta.docs} schools [name, commune, province, level, url]: ` +
    `${kb(naive.length)} raw, ${kb(naiveEntry.gz.length)} gzip -6, ${kb(ms9)} gzip -9`);
  const idx = folderGzip(path.join(site, 'search'));
  console.log(`minhbach search/ folder of this site: ${idx.files} files, ${kb(idx.raw)} raw, ${kb(idx.gz)} gzip (sum of files), largest file ${kb(idx.biggest)} gzip`);
  if (hasPagefind) {
    const pf = folderGzip(path.join(site, 'pagefind'));
    console.log(`Pagefind pagefind/ folder of this site: ${pf.files} files, ${kb(pf.raw)} on disk (its index files are gzip already), ${kb(pf.gz)} gzip (sum of files)`);
  }
  if (opts.sample) {
    const s = folderGzip(path.join(opts.sample, 'search'));
    const verdict = s.gz <= 100 * 1024 ? 'within' : 'OVER';
    console.log(`sample province (${opts.sample}) search/ folder: ${s.files} files, ${kb(s.raw)} raw, ${kb(s.gz)} gzip as a whole (sum of files) — ${verdict} the 100 KB limit`);
  }
  if (opts.json) fs.writeFileSync(opts.json, JSON.stringify({ rows, medians: med, naive: { raw: naive.length, gz: naiveEntry.gz.length } }, null, 2));
  const failed = rows.filter((r) => r.error);
  if (failed.length) {
    console.log(`\n${failed.length} measurement(s) failed: ${[...new Set(failed.map((r) => r.tool))].join(', ')}`);
    if (!hasSearchJs) console.log('minhbach: the site has no search.js yet; rebuild once the client script exists.');
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err.stack || err);
  process.exit(2);
});
