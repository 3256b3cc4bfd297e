// The hostile corpus (tests/hostile/) in a real browser: the Rust test builds every case and,
// with MINHBACH_HOSTILE_KEEP, keeps the sites that build; each case's page is opened in
// Chromium with the Content-Security-Policy enforced. No script of the content may run (an
// `alert` would open a dialog) and the page may cause no policy violation at all: the
// sanitiser has removed what the policy would have had to block, and the theme itself needs
// nothing the policy forbids.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { startServer } from './lib/serve.mjs';
import { REPO, closeBrowser, getBrowser, needTools } from './lib/site.mjs';

after(closeBrowser);

test('no script of the hostile corpus runs and no page violates the Content-Security-Policy', async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core')) return;
  const keep = fs.mkdtempSync(path.join(os.tmpdir(), 'minhbach-hostile-'));
  try {
    const r = spawnSync(
      'cargo',
      ['test', '--locked', '--test', 'testsuite', 'hostile::every_hostile_case', '--', '--quiet'],
      { cwd: REPO, env: { ...process.env, MINHBACH_HOSTILE_KEEP: keep }, encoding: 'utf8', maxBuffer: 1 << 26 },
    );
    assert.equal(r.status, 0, `the hostile corpus test failed:\n${r.stdout}\n${r.stderr}`);
    const cases = fs.readdirSync(keep).filter((c) => fs.existsSync(path.join(keep, c, '.page'))).sort();
    assert.ok(cases.length >= 25, `only ${cases.length} hostile cases built a site`);
    let opened = 0;

    const server = await startServer({ root: keep, mount: '/h/', port: 0 });
    const browser = await getBrowser();
    const problems = [];
    try {
      for (const c of cases) {
        const page = fs.readFileSync(path.join(keep, c, '.page'), 'utf8') || 'index.html';
        // The 60 MB report's page takes Chromium a long time to lay out: it is waited for
        // until its document is parsed (when any script in it would have run), not painted.
        const bytes = fs.statSync(path.join(keep, c, page)).size;
        const big = bytes > 8e6;
        const url = `http://127.0.0.1:${server.address().port}/h/${c}/${page}`;
        const context = await browser.newContext({ bypassCSP: false });
        const tab = await context.newPage();
        const seen = [];
        tab.on('dialog', async (d) => {
          seen.push(`script ran: ${d.type()} "${d.message()}"`);
          await d.dismiss();
        });
        tab.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) seen.push(`violation: ${m.text()}`);
        });
        await tab.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (e) =>
            console.error(`Content Security Policy event: ${e.violatedDirective} ${e.blockedURI}`),
          );
        });
        opened += 1;
        const response = await tab.goto(url, { waitUntil: big ? 'domcontentloaded' : 'load', timeout: big ? 600_000 : 60_000 });
        if (response?.status() !== 200) seen.push(`answered ${response?.status()}`);
        await tab.waitForTimeout(100);
        await context.close();
        if (seen.length) problems.push(`${c} (${page}):\n  ${seen.join('\n  ')}`);
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    assert.deepEqual(problems, [], `${problems.length} of ${cases.length} pages:\n${problems.join('\n')}`);
    console.log(`# ${opened} hostile pages opened with the policy enforced: no script ran, no violation`);
  } finally {
    fs.rmSync(keep, { recursive: true, force: true });
  }
});
