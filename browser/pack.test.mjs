// A recipient's pack (trustdocs pack --recipient), unzipped: every page
// says whom it was prepared for, on screen and on every printed sheet, and
// the notice opens it. Run by .ci/run:
//
//   PACK_DIR=/tmp/pack npm test    (pack --audience nda --recipient "Buyer Inc" --valid-until 2026-12-31)
//
// Skipped when PACK_DIR is not set. The print check reads the PDF back
// with pdftotext (poppler-utils).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { servedSite, axeViolations } from './helpers.mjs';

const packDir = process.env.PACK_DIR;
const banner = 'Prepared for Buyer Inc on 1 November 2026, confidential';
const desktop = { width: 1280, height: 900 };
const site = servedSite(packDir);

async function htmlFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter(e => e.isFile() && e.name.endsWith('.html'))
    .map(e => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort();
}

test('every page shows the banner at its top', { skip: !packDir }, async () => {
  const files = await htmlFiles(packDir);
  assert.ok(files.length > 100, `only ${files.length} pages`);
  const context = await site.browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  try {
    for (const f of files) {
      await page.goto(site.base + f);
      const b = page.locator('.recipient-banner');
      assert.ok(await b.isVisible(), `${f}: no visible banner`);
      assert.ok((await b.innerText()).includes(banner), `${f}: the banner says ${await b.innerText()}`);
      const box = await b.boundingBox();
      assert.ok(box.y < 5 && box.height > 10, `${f}: the banner is not at the top (${JSON.stringify(box)})`);
    }
  } finally {
    await context.close();
  }
});

test('the notice opens the pack, from disk too, and leads to the overview', { skip: !packDir }, async () => {
  const context = await site.browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  try {
    await page.goto(pathToFileURL(path.join(packDir, 'index.html')).href);
    assert.equal(await page.locator('h1').innerText(), 'Confidential');
    assert.match(await page.locator('main').innerText(), /prepared by .* for Buyer Inc on 1 November 2026 and is valid until 31 December 2026/);
    await page.getByRole('link', { name: 'Open the trust center' }).click();
    await page.waitForURL(/overview\/index\.html$/);
    assert.ok(await page.locator('.recipient-banner').isVisible());
    await page.getByRole('link', { name: 'terms of this pack' }).click();
    await page.waitForURL(/\/index\.html$/);
    assert.equal(await page.locator('h1').innerText(), 'Confidential');
  } finally {
    await context.close();
  }
});

test('the banner is on every printed sheet', { skip: !packDir }, async () => {
  const out = await mkdtemp(path.join(tmpdir(), 'pack-pdf-'));
  const context = await site.browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  try {
    // A long policy, the SoA (A4 landscape, its own page rule), the
    // summary (header hidden in print), the notice and the overview.
    for (const f of ['policies/access-control/index.html', 'frameworks/iso27001/soa/index.html', 'summary/index.html', 'index.html', 'overview/index.html']) {
      await page.goto(site.base + f);
      const pdf = path.join(out, f.replaceAll('/', '_') + '.pdf');
      await page.pdf({ path: pdf, preferCSSPageSize: true });
      const sheets = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').filter(s => s.trim() !== '');
      assert.ok(sheets.length >= 1, `${f}: no text in the PDF`);
      sheets.forEach((text, i) => assert.ok(text.replace(/\s+/g, ' ').includes(banner), `${f}: sheet ${i + 1} of ${sheets.length} has no banner`));
    }
  } finally {
    await context.close();
  }
});

test('after its valid-until day the banner says the pack expired', { skip: !packDir }, async () => {
  for (const [when, expired] of [['2026-12-30T12:00:00', false], ['2026-12-31T23:00:00', false], ['2027-01-01T00:00:01', true]]) {
    const context = await site.browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    try {
      await page.clock.setFixedTime(new Date(when));
      await page.goto(site.base + 'policies/');
      const text = await page.locator('.recipient-banner').innerText();
      assert.equal(text.includes('expired on 2026-12-31'), expired, `${when}: ${text}`);
      assert.equal(text.includes('valid until 31 December 2026'), !expired, `${when}: ${text}`);
    } finally {
      await context.close();
    }
  }
});

test('the notice and the overview of a pack have no accessibility violations', { skip: !packDir }, async () => {
  for (const url of ['', 'overview/']) {
    for (const colorScheme of ['light', 'dark']) {
      const { context, page } = await site.open(url, desktop, { bypassCSP: true, colorScheme });
      try {
        assert.deepEqual(await axeViolations(page), [], `${url || 'the notice'} in ${colorScheme} mode`);
      } finally {
        await context.close();
      }
    }
  }
});
