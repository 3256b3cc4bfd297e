// A report printed on A4 shows the criteria table on its first page.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { closeBrowser, getBrowser, getSite, needTools, openPage } from './lib/site.mjs';

const execFileP = promisify(execFile);

after(closeBrowser);

const REPORT = 'truong/th-dinh-bo-linh/2024-2025/';

test(`/kiem-dinh/${REPORT} printed on A4 has the criteria table on page 1`, async (t) => {
  if (!needTools(t, 'chromium', 'playwright-core', 'pdftotext')) return;
  const site = await getSite();
  const browser = await getBrowser();
  const { context, page } = await openPage(browser, site, REPORT);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minhbach-print-'));
  try {
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', 'page.pdf() did not return a PDF');
    const file = path.join(dir, 'bao-cao.pdf');
    fs.writeFileSync(file, pdf);

    const { stdout: info } = await execFileP('pdfinfo', [file]).catch(() => ({ stdout: '' }));
    const { stdout } = await execFileP('pdftotext', ['-f', '1', '-l', '1', '-layout', file, '-']);
    const text = stdout.normalize('NFC');
    const pages = /^Pages:\s+(\d+)/m.exec(info)?.[1] ?? '?';
    const shown = `\n--- page 1 of ${pages}, as pdftotext -layout reads it ---\n${text.slice(0, 3000)}\n---`;

    const missing = [];
    if (!text.includes('Kết quả các tiêu chí')) missing.push('the heading "Kết quả các tiêu chí"');
    for (const row of ['1.1', '1.2']) {
      // a table row: the criterion number first on its line, then its text or level
      const re = new RegExp(`^\\s*(Tiêu chí\\s+)?${row.replace('.', '\\.')}(?![\\d.])\\s+\\S`, 'm');
      if (!re.test(text)) missing.push(`the row of criterion ${row}`);
    }
    assert.deepEqual(missing, [], `page 1 of the printed report lacks ${missing.join(', ')}${shown}`);
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
