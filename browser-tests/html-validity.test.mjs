// Every generated HTML file passes the Nu HTML Checker (vnu.jar) without an error.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { TESTS_DIR, getSite, needTools } from './lib/site.mjs';

const VNU = path.join(TESTS_DIR, 'node_modules/vnu-jar/build/dist/vnu.jar');

function htmlFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...htmlFiles(p));
    else if (/\.html?$/.test(e.name)) out.push(p);
  }
  return out;
}

/** Runs vnu.jar; resolves to its JSON report (vnu writes it on stderr, exit 1 when it found errors). */
function vnu(dir) {
  return new Promise((resolve, reject) => {
    execFile(
      'java',
      ['-Xss8m', '-jar', VNU, '--errors-only', '--format', 'json', '--skip-non-html', dir],
      { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
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

test('the Nu HTML Checker finds no error in any generated HTML file', async (t) => {
  if (!needTools(t, 'java', 'vnu-jar')) return;
  const site = await getSite();
  const files = htmlFiles(site.outDir);
  assert.ok(files.length > 10, `only ${files.length} HTML files in ${site.outDir}`);
  const report = await vnu(site.outDir);
  assert.ok(Array.isArray(report.messages), 'vnu.jar report has no messages array');
  const checked = new Set(report.messages.map((m) => m.url).filter(Boolean));
  t.diagnostic(`vnu ${report.version}: ${files.length} HTML files, ${report.messages.length} error(s) in ${checked.size} file(s)`);
  const errors = report.messages.filter((m) => m.type !== 'info');
  const lines = errors.map((m) => {
    const file = m.url?.startsWith('file:') ? fileURLToPath(m.url) : (m.url ?? '?');
    const where = `${path.relative(site.outDir, file) || file}:${m.lastLine ?? m.firstLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}`;
    const extract = m.extract ? `\n      …${m.extract.replace(/\s+/g, ' ')}…` : '';
    return `${where}: ${m.type}${m.subType ? `/${m.subType}` : ''}: ${m.message}${extract}`;
  });
  const shown = lines.slice(0, 80).join('\n  ') + (lines.length > 80 ? `\n  … and ${lines.length - 80} more` : '');
  assert.equal(errors.length, 0, `${errors.length} HTML error(s) (file:line:column below kiem-dinh/):\n  ${shown}`);
});
