// `minhbach serve` in a real browser: an open tab reloads itself after an edit, shows the overlay
// with the findings when an edit breaks a file (the last good page stays under it), lets the
// overlay be closed, and loses it when the file is fixed.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { REPO, closeBrowser, getBrowser, getSite, needTools } from './lib/site.mjs';

after(closeBrowser);

const REPORT = 'content/schools/th-dinh-bo-linh/2024-2025.md';
const SCHOOL = 'content/schools/th-dinh-bo-linh/school.toml';

function replaceIn(root, rel, from, to) {
  const file = path.join(root, rel);
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `${rel} does not contain ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

/**
 * Polls the page (which reloads itself) until `ok(bodyText, hasOverlay)`, for at most 5 s.
 * Playwright's waitForFunction does not survive the page's own reloads, hence the loop.
 */
async function until(page, ok, message) {
  const start = Date.now();
  for (;;) {
    try {
      const [text, overlay] = await page.evaluate(() => [
        document.body ? document.body.textContent : '',
        Boolean(document.getElementById('minhbach-overlay')),
      ]);
      if (ok(text, overlay)) return;
    } catch {
      // the page was reloading: try again
    }
    assert.ok(Date.now() - start < 5000, message);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts `serve` on a free port; resolves to { url, stop() } once the first build is served. */
function startServe(root) {
  const bin = path.join(REPO, 'target', 'debug', 'minhbach');
  const child = spawn(bin, ['serve', '--port', '0', '--root', root], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/Xem trước tại (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        child.removeAllListeners('exit');
        resolve({
          url: m[1],
          // Stopped with SIGINT (Ctrl-C); resolves to true once the process is gone. Its exit
          // status is asserted by the Rust test (tests/testsuite/serve.rs): here the process is
          // watched by its pid, as the runner does not always report the child's exit.
          stop: async () => {
            child.kill('SIGINT');
            for (let i = 0; i < 100; i++) {
              try {
                process.kill(child.pid, 0);
              } catch {
                return true;
              }
              await new Promise((r) => setTimeout(r, 50));
            }
            child.kill('SIGKILL');
            return false;
          },
        });
      }
    });
  });
}

test('an open tab follows edits, shows errors in an overlay and recovers when they are fixed', async (t) => {
  if (!needTools(t, 'chromium')) return;
  await getSite(); // builds target/debug/minhbach
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'minhbach-serve-test-'));
  fs.cpSync(path.join(REPO, 'tests', 'fixtures', 'small'), root, { recursive: true });
  const server = await startServe(root);
  const browser = await getBrowser();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/truong/th-dinh-bo-linh/2024-2025/`, { waitUntil: 'load' });
    assert.match(await page.textContent('main'), /Đinh Bộ Lĩnh/);

    replaceIn(root, REPORT, 'tự đánh giá theo', 'tự đánh giá LẦN HAI theo');
    await until(page, (text) => text.includes('LẦN HAI'), 'the tab did not reload with the edit');

    replaceIn(root, SCHOOL, 'level = "tieu-hoc"', 'level = tieu-hoc');
    const overlay = page.locator('#minhbach-overlay');
    await overlay.waitFor({ state: 'visible', timeout: 5000 });
    assert.equal(await overlay.getAttribute('role'), 'alertdialog');
    assert.match(await overlay.textContent(), /content\/schools\/th-dinh-bo-linh\/school\.toml:3/);
    assert.match(await page.textContent('main'), /LẦN HAI/, 'the last good page stays under the overlay');
    await overlay.getByRole('button', { name: 'Đóng' }).click();
    await overlay.waitFor({ state: 'hidden', timeout: 2000 });

    replaceIn(root, SCHOOL, 'level = tieu-hoc', 'level = "tieu-hoc"');
    await until(
      page,
      (text, overlay) => !overlay && text.includes('LẦN HAI'),
      'the overlay did not go away after the fix',
    );
  } finally {
    await context.close();
    const stopped = await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
    assert.ok(stopped, 'serve stops within 5 s of Ctrl-C');
  }
});
