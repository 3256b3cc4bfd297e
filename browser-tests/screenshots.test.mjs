// Screenshots of a school page and of the statistics page, on a phone and on a desktop, for the
// README. They are always taken and checked (into a temporary folder); with
// MINHBACH_SCREENSHOTS=1 they are also copied to docs/images/ (CI never writes into the repo).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { REPO, closeBrowser, getBrowser, getSite, needTools, openPage } from './lib/site.mjs';

after(closeBrowser);

const WRITE = process.env.MINHBACH_SCREENSHOTS === '1';
const IMAGES = path.join(REPO, 'docs/images');

const VIEWS = {
  'dien-thoai': { width: 390, height: 1400, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
  'may-tinh': { width: 1280, height: 1000, deviceScaleFactor: 1 },
};
const SHOTS = [
  { page: 'truong/th-dinh-bo-linh/', name: 'truong' },
  { page: 'thong-ke/', name: 'thong-ke' },
];

function pngSize(buf) {
  assert.equal(buf.subarray(1, 4).toString('latin1'), 'PNG', 'not a PNG file');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

test(`screenshots of the school page and /thong-ke/ (copied to docs/images/ only with MINHBACH_SCREENSHOTS=1; now ${WRITE ? 'on' : 'off'})`, async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core')) return;
  const site = await getSite();
  const browser = await getBrowser();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'minhbach-shots-'));
  try {
    for (const shot of SHOTS) {
      for (const [view, { width, height, ...ctx }] of Object.entries(VIEWS)) {
        const file = `${shot.name}-${view}.png`;
        await t.test(file, async () => {
          const { context, page } = await openPage(browser, site, shot.page, { width, height, ...ctx });
          try {
            await page.evaluate(() => document.fonts.ready);
            const png = await page.screenshot({ path: path.join(tmp, file), fullPage: false });
            assert.deepEqual(pngSize(png), { width, height }, `${file} has the wrong size`);
            // A page that rendered: more than a few distinct bytes' worth of picture.
            assert.ok(png.length > 20_000, `${file} is only ${png.length} bytes: is the page blank?`);
            if (WRITE) {
              fs.mkdirSync(IMAGES, { recursive: true });
              fs.copyFileSync(path.join(tmp, file), path.join(IMAGES, file));
              t.diagnostic(`wrote docs/images/${file}`);
            }
          } finally {
            await context.close();
          }
        });
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
