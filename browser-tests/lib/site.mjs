// Shared helper of the browser tests: builds the sample site once per test run, serves it over
// HTTP on 127.0.0.1, launches Debian's Chromium through playwright-core, and decides what to do
// when a tool is missing (skip outside CI, fail in CI).
//
// `node --test browser-tests/` runs every *.test.mjs file in a process of its own (in parallel on
// machines with more cores). The first file to call getSite() takes a lock folder in the temporary
// directory, named after the test runner's pid, starts the server (lib/serve.mjs, detached: it
// exits and removes the folder when the runner is gone), runs `cargo build` and
// `target/debug/minhbach build --output <folder>/site/kiem-dinh --base-url http://127.0.0.1:<port>/kiem-dinh`,
// and writes state.json; the other files wait for that file and use the same site and server.
// One site, one port: the canonical links, the sitemap and the feed carry the port.
//
// Beside it, the portal of several provinces of tests/fixtures/provinces is built into
// <folder>/site/lien-tinh and served by a second server of its own under /lien-tinh/
// (getNationalSite()), so that the pages of issue 18 are looked at in the browser too.

import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const TESTS_DIR = path.resolve(HERE, '..');
export const REPO = path.resolve(TESTS_DIR, '..');
export const MOUNT = '/kiem-dinh/';
/** Where the portal of several provinces (tests/fixtures/provinces) is served. */
export const NATIONAL_MOUNT = '/lien-tinh/';
export const NATIONAL_FIXTURE = path.join(REPO, 'tests', 'fixtures', 'provinces');
export const CHROMIUM = process.env.MINHBACH_CHROMIUM || '/usr/bin/chromium';
export const IN_CI = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';

/** The pages looked at in a real browser (paths below MOUNT). */
export const PAGES = [
  { path: '', name: 'trang chủ' },
  { path: 'truong/th-dinh-bo-linh/', name: 'trang trường' },
  { path: 'truong/th-dinh-bo-linh/2024-2025/', name: 'báo cáo' },
  { path: 'dia-ban/phuong-tran-bien/', name: 'danh sách theo địa bàn' },
  { path: 'thong-ke/', name: 'thống kê' },
];

export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

// ---------------------------------------------------------------------------------------------
// Missing tools: a skip with a reason outside CI, a failure in CI.

const toolChecks = {
  chromium: () =>
    fs.existsSync(CHROMIUM)
      ? null
      : `Chromium not found at ${CHROMIUM} (run ./scripts/browser-deps.sh)`,
  java: () => {
    const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
    return r.error || r.status !== 0
      ? 'java not found: the Nu HTML Checker needs a Java runtime (run ./scripts/browser-deps.sh)'
      : null;
  },
  pdftotext: () => {
    const r = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
    return r.error ? 'pdftotext not found (poppler-utils; run ./scripts/browser-deps.sh)' : null;
  },
  'playwright-core': () => nodeModule('playwright-core/package.json'),
  'axe-core': () => nodeModule('axe-core/axe.min.js'),
  'vnu-jar': () => nodeModule('vnu-jar/build/dist/vnu.jar'),
};

function nodeModule(rel) {
  return fs.existsSync(path.join(TESTS_DIR, 'node_modules', rel))
    ? null
    : `browser-tests/node_modules/${rel} missing (run ./scripts/browser-deps.sh)`;
}

/**
 * Returns true when every named tool is there. Otherwise: in CI, fails the test; outside CI,
 * marks it skipped with the reason (printed by the test reporter) and returns false.
 */
export function needTools(t, ...names) {
  const reasons = names.map((n) => toolChecks[n]()).filter(Boolean);
  if (reasons.length === 0) return true;
  const reason = reasons.join('; ');
  if (IN_CI) assert.fail(`CI=${process.env.CI}: a missing tool is a failure, not a skip: ${reason}`);
  t.skip(reason);
  console.log(`# skipped "${t.name}": ${reason}`);
  return false;
}

// ---------------------------------------------------------------------------------------------
// The site: built once per run, served by one detached server.

function runKey() {
  // Under `node --test`, every test file runs in a child of the runner (NODE_TEST_CONTEXT set):
  // the runner's pid names the run. A file run alone with `node x.test.mjs` is its own run.
  return process.env.NODE_TEST_CONTEXT ? process.ppid : process.pid;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function writeJsonAtomic(file, value) {
  fs.writeFileSync(file + '.tmp', JSON.stringify(value, null, 2));
  fs.renameSync(file + '.tmp', file);
}

let sitePromise;

/**
 * The built and served site: `{ origin, base, outDir, port, url(path), stateDir }`.
 * `base` is `http://127.0.0.1:<port>/kiem-dinh/`; `url('truong/x/')` is base + that path.
 */
export function getSite() {
  sitePromise ??= prepareSite();
  return sitePromise;
}

async function prepareSite() {
  const key = runKey();
  const stateDir = path.join(os.tmpdir(), `minhbach-browser-tests-${key}`);
  for (;;) {
    try {
      fs.mkdirSync(stateDir);
      return describe(await buildAndServe(stateDir, key));
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    const state = await waitForState(stateDir);
    if (state) return describe(state);
    // A stale folder of an earlier run whose pid was reused: remove it and try again.
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

function describe(state, mount = MOUNT) {
  const origin = `http://127.0.0.1:${state.port}`;
  const base = origin + mount;
  return {
    ...state,
    origin,
    base,
    mount,
    url: (p = '') => base + String(p).replace(/^\/+/, ''),
  };
}

/**
 * The portal of several provinces (tests/fixtures/provinces), built and served beside the
 * sample: `{ origin, base, outDir, port, url(path), mount }` with `base`
 * `http://127.0.0.1:<port>/lien-tinh/`.
 */
export async function getNationalSite() {
  const site = await getSite();
  return describe(site.national, NATIONAL_MOUNT);
}

async function waitForState(stateDir) {
  const started = Date.now();
  for (;;) {
    const err = readJson(path.join(stateDir, 'error.json'));
    if (err) throw new Error(`building the site failed (in another test file):\n${err.message}`);
    const state = readJson(path.join(stateDir, 'state.json'));
    if (state) return alive(state.serverPid) ? state : null;
    const lock = readJson(path.join(stateDir, 'lock.json'));
    if (lock && !alive(lock.pid) && Date.now() - started > 2000) return null;
    if (Date.now() - started > 15 * 60 * 1000) {
      throw new Error(`gave up waiting for another test file to build the site in ${stateDir}`);
    }
    await sleep(200);
  }
}

async function buildAndServe(stateDir, key) {
  writeJsonAtomic(path.join(stateDir, 'lock.json'), { pid: process.pid });
  try {
    const outDir = path.join(stateDir, 'site', MOUNT.replaceAll('/', ''));
    const server = await startDetachedServer(outDir, key, stateDir);
    const baseUrl = `http://127.0.0.1:${server.port}${MOUNT.slice(0, -1)}`;
    const started = Date.now();
    await run('cargo', ['build', '--locked'], 'cargo build');
    const targetDir = process.env.CARGO_TARGET_DIR
      ? path.resolve(REPO, process.env.CARGO_TARGET_DIR)
      : path.join(REPO, 'target');
    const bin = path.join(targetDir, 'debug', process.platform === 'win32' ? 'minhbach.exe' : 'minhbach');
    const build = await run(
      bin,
      ['build', '--root', REPO, '--output', outDir, '--base-url', baseUrl],
      'minhbach build',
    );
    assert.ok(fs.existsSync(path.join(outDir, 'index.html')), `minhbach build wrote no ${outDir}/index.html`);
    const national = await buildAndServeNational(stateDir, key, bin);
    const state = {
      port: server.port,
      serverPid: server.pid,
      outDir,
      stateDir,
      buildSummary: build.stdout.trim().split('\n').pop(),
      buildSeconds: (Date.now() - started) / 1000,
      national,
    };
    writeJsonAtomic(path.join(stateDir, 'state.json'), state);
    return state;
  } catch (err) {
    writeJsonAtomic(path.join(stateDir, 'error.json'), { message: String(err.message ?? err) });
    throw err;
  }
}

/** Builds tests/fixtures/provinces with `bin` and serves it under NATIONAL_MOUNT on a port of its own. */
async function buildAndServeNational(stateDir, key, bin) {
  const outDir = path.join(stateDir, 'site', NATIONAL_MOUNT.replaceAll('/', ''));
  const server = await startDetachedServer(outDir, key, stateDir, NATIONAL_MOUNT);
  const baseUrl = `http://127.0.0.1:${server.port}${NATIONAL_MOUNT.slice(0, -1)}`;
  const build = await run(
    bin,
    ['build', '--root', NATIONAL_FIXTURE, '--output', outDir, '--base-url', baseUrl],
    'minhbach build (tests/fixtures/provinces)',
  );
  assert.ok(fs.existsSync(path.join(outDir, 'index.html')), `minhbach build wrote no ${outDir}/index.html`);
  return { port: server.port, serverPid: server.pid, outDir, stateDir, buildSummary: build.stdout.trim().split('\n').pop() };
}

async function run(cmd, args, what) {
  try {
    return await execFileP(cmd, args, { cwd: REPO, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  } catch (err) {
    const out = `${err.stdout ?? ''}${err.stderr ?? ''}`.trim().split('\n').slice(-60).join('\n');
    throw new Error(`${what} failed (${cmd} ${args.join(' ')}): ${err.code ?? ''}\n${out}`);
  }
}

function startDetachedServer(root, watchPid, stateDir, mount = MOUNT) {
  return new Promise((resolve, reject) => {
    // Its stderr goes to a file, not to ours: the test runner waits until every holder of a test
    // file's stdout and stderr has closed them, and the server outlives the test file.
    const log = fs.openSync(path.join(stateDir, 'server.log'), 'a');
    const child = spawn(
      process.execPath,
      [path.join(HERE, 'serve.mjs'), '--root', root, '--mount', mount, '--watch', String(watchPid), '--cleanup', stateDir],
      { detached: true, stdio: ['ignore', 'pipe', log] },
    );
    fs.closeSync(log);
    let buf = '';
    const onData = (chunk) => {
      buf += chunk;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      child.stdout.off('data', onData);
      child.stdout.destroy();
      child.unref();
      try {
        resolve(JSON.parse(buf.slice(0, nl)));
      } catch (err) {
        reject(err);
      }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`serve.mjs exited early with code ${code}`)));
  });
}

// ---------------------------------------------------------------------------------------------
// HTTP from Node.

/** GET (no redirects followed): `{ status, headers, body: Buffer, text() }`. */
export async function get(url) {
  const res = await fetch(url, { redirect: 'manual' });
  const body = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    headers: res.headers,
    contentType: res.headers.get('content-type') ?? '',
    location: res.headers.get('location'),
    body,
    text: () => body.toString('utf8'),
  };
}

/** `/kiem-dinh/…` for messages. */
export function show(url) {
  const u = new URL(url);
  return u.pathname + u.search + u.hash;
}

// ---------------------------------------------------------------------------------------------
// Chromium.

let browserPromise;

export const FONTS_CONF = path.join(HERE, 'fonts.conf');
const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

/**
 * Chromium's environment: the fonts of lib/fonts.conf (DejaVu only), so that pages are laid out
 * alike on every machine; the machine's own fonts with MINHBACH_SYSTEM_FONTS=1, or when DejaVu is
 * missing outside CI (in CI, scripts/browser-deps.sh has installed it).
 */
function browserEnv() {
  if (process.env.MINHBACH_SYSTEM_FONTS === '1') return { ...process.env };
  if (!fs.existsSync(DEJAVU)) {
    if (IN_CI) throw new Error(`${DEJAVU} missing: run ./scripts/browser-deps.sh (fonts-dejavu-core)`);
    console.log(`# ${DEJAVU} missing: Chromium uses this machine's fonts; layouts may differ from CI`);
    return { ...process.env };
  }
  return { ...process.env, FONTCONFIG_FILE: FONTS_CONF };
}

/** Debian's Chromium, launched once per test file; close it with closeBrowser() in after(). */
export function getBrowser() {
  browserPromise ??= (async () => {
    const { chromium } = await import('playwright-core');
    return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, timeout: 60_000, env: browserEnv() });
  })();
  return browserPromise;
}

export async function closeBrowser() {
  if (!browserPromise) return;
  const p = browserPromise;
  browserPromise = undefined;
  try {
    await (await p).close();
  } catch {
    // launching failed: the test that asked for it has already reported that
  }
}

/**
 * Opens `path` (below MOUNT) in a new context of the given viewport; asserts the answer is 200.
 * Returns `{ context, page, url }`; close the context when done.
 */
export async function openPage(browser, site, pagePath, { width = 1280, height = 900, ...ctx } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, bypassCSP: true, ...ctx });
  try {
    const page = await context.newPage();
    const url = site.url(pagePath);
    const response = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    assert.ok(response, `no response for ${show(url)}`);
    assert.equal(response.status(), 200, `${show(url)} answered ${response.status()}, not 200: the page is missing`);
    return { context, page, url };
  } catch (err) {
    await context.close();
    throw err;
  }
}
