// What a person sees: every page type of the example site, in Debian's
// Chromium, at a desktop and a phone width. Run by .ci/run:
//
//   go run ./cmd/trustdocs build --as-of 2026-11-01 -o /tmp/site
//   cd browser && npm ci && SITE_DIR=/tmp/site npm test
//
// It serves SITE_DIR over HTTP on a loopback port, and takes the README's
// screenshots (into browser/screenshots/ with UPDATE_SCREENSHOTS=1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { servedSite, axeViolations, screenshotPath } from './helpers.mjs';

const siteDir = process.env.SITE_DIR;

// One page of each type.
const pages = [
  ['home', ''],
  ['summary', 'summary/'],
  ['certifications', 'certifications/'],
  ['policies', 'policies/'],
  ['policy', 'policies/access-control/'],
  ['controls', 'controls/'],
  ['control', 'controls/ac-02/'],
  ['frameworks', 'frameworks/'],
  ['iso27001', 'frameworks/iso27001/'],
  ['soa', 'frameworks/iso27001/soa/'],
  ['soc2', 'frameworks/soc2/'],
  ['compare', 'frameworks/compare/'],
  ['compare-pair', 'frameworks/compare/iso27001-vs-soc2/'],
  ['answers', 'answers/'],
  ['subprocessors', 'subprocessors/'],
  ['request-access', 'request-access/'],
  ['page', 'pages/contact/'],
  ['not-found', '404.html'],
];
const widths = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

assert.ok(siteDir, 'set SITE_DIR to a built site');
const site = servedSite(siteDir);
const open = (name, url, viewport, options) => site.open(url, viewport, options);

for (const [name, url] of pages) {
  for (const [size, viewport] of Object.entries(widths)) {
    test(`${name} at ${size} width`, async () => {
      const { context, page, response, problems } = await open(name, url, viewport);
      try {
        assert.equal(response.status(), 200, `${url}: HTTP ${response.status()}`);
        await page.waitForLoadState('load');
        if (name === 'home' || name === 'certifications' || name === 'policy') { // for the README
          await page.screenshot({ path: screenshotPath(`${name}-${size}.png`) });
        }

        if (size === 'phone') {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `${url}: ${overflow}px wider than the phone's screen`);
        }

        // The skip link is the first stop of the keyboard and moves focus to
        // the main content.
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link', `${url}: the first Tab does not reach the skip link`);
        await page.keyboard.press('Enter');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'td-main', `${url}: the skip link does not reach the main content`);

        // Dark mode follows the system's colour scheme.
        const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        await page.emulateMedia({ colorScheme: 'light' });
        const light = await background();
        await page.emulateMedia({ colorScheme: 'dark' });
        const dark = await background();
        assert.ok(luminance(light) > 0.7 && luminance(dark) < 0.2, `${url}: background ${light} in light mode, ${dark} in dark mode`);

        // Printing leaves out the navigation and the search.
        await page.emulateMedia({ media: 'print', colorScheme: 'light' });
        const shown = await page.evaluate(() => ['.site-nav', '.search', '.skip-link']
          .filter(s => document.querySelector(s) && getComputedStyle(document.querySelector(s)).display !== 'none'));
        assert.deepEqual(shown, [], `${url}: printed with ${shown.join(', ')}`);
        await page.emulateMedia({ media: 'screen' });

        assert.deepEqual(problems, [], `${url}: ${problems.join('; ')}`);
      } finally {
        await context.close();
      }
    });

    test(`${name} at ${size} width has no accessibility violations`, async () => {
      for (const colorScheme of ['light', 'dark']) {
        // axe is injected as a script: this context lets it past the CSP,
        // which the test above holds every page to.
        const { context, page } = await open(name, url, viewport, { bypassCSP: true, colorScheme });
        try {
          const violations = await axeViolations(page);
          assert.deepEqual(violations, [], `${url} in ${colorScheme} mode`);
        } finally {
          await context.close();
        }
      }
    });
  }
}

test('search finds a policy by a word of its body, from every page', async () => {
  for (const [size, viewport] of Object.entries(widths)) {
    const { context, page, problems } = await open('search', 'controls/ac-02/', viewport);
    try {
      await page.fill('#td-search', 'passkeys');
      await page.waitForSelector('#td-search-results li');
      const results = await page.$$eval('#td-search-results a', as => as.map(a => [a.textContent, a.getAttribute('href')]));
      assert.ok(results.some(([title, href]) => title === 'Access Control Policy' && href === '../../policies/access-control/index.html'),
        `results for "passkeys": ${JSON.stringify(results)}`);
      assert.match(await page.textContent('#td-search-status'), /\d+ results?/);
      await page.click('#td-search-results a >> text=Access Control Policy');
      await page.waitForURL('**/policies/access-control/index.html');
      if (size === 'desktop') {
        await page.fill('#td-search', 'CC6.1');
        await page.waitForSelector('#td-search-results li');
        assert.match(await page.textContent('#td-search-results li:first-child a'), /^CC6\.1 /);
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
});

test('search works on a page opened from disk, as from an unzipped pack', async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('console', m => { if (m.type() === 'error') problems.push(m.text()); });
  try {
    await page.goto('file://' + path.resolve(siteDir, 'index.html'));
    await page.fill('#td-search', 'passkeys');
    await page.waitForSelector('#td-search-results li');
    assert.ok((await page.$$eval('#td-search-results a', as => as.map(a => a.textContent))).includes('Access Control Policy'));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the Statement of Applicability prints on A4 landscape, its header on every page, no row split', async () => {
  const { context, page, problems } = await open('soa-print', 'frameworks/iso27001/soa/', widths.desktop);
  try {
    await page.emulateMedia({ media: 'print' });
    const rules = await page.evaluate(() => ({
      page: getComputedStyle(document.querySelector('.soa-doc')).page,
      thead: getComputedStyle(document.querySelector('table.soa thead')).display,
      row: getComputedStyle(document.querySelector('table.soa tbody tr')).breakInside,
      control: getComputedStyle(document.querySelector('.doc-control')).display,
      header: getComputedStyle(document.querySelector('.site-header')).display,
    }));
    assert.deepEqual(rules, { page: 'soa', thead: 'table-header-group', row: 'avoid', control: 'grid', header: 'none' });
    // Every page of the PDF Chromium prints is A4 landscape: 842 × 595 points.
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map(m => [Math.round(m[1]), Math.round(m[2])]);
    assert.ok(boxes.length >= 2, `the SoA prints on ${boxes.length} page(s)`);
    for (const [w, h] of boxes) assert.deepEqual([w, h], [842, 595], `a page of ${w} × ${h} points`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the summary prints on one A4 sheet, all of it', async () => {
  const { context, page, problems } = await open('summary-print', 'summary/', widths.desktop);
  try {
    await page.emulateMedia({ media: 'print' });
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map(m => [Math.round(m[1]), Math.round(m[2])]);
    assert.deepEqual(boxes, [[595, 842]], 'the summary is not one A4 portrait page');
    // Its last section is on that page: nothing was cut to make it fit.
    assert.equal(await page.locator('.summary section').last().isVisible(), true);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

// luminance is the relative luminance of a CSS rgb() colour, 0 to 1.
function luminance(rgb) {
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map(c => {
    c /= 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
