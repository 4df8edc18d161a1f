// A site changed without a fork: trustdocs new, then [brand] in site.toml
// (accent colour, logo) and a logo under theme/. Run by .ci/run:
//
//   BRAND_SITE_DIR=/tmp/brand/public npm test
//
// Skipped when BRAND_SITE_DIR is not set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedSite, axeViolations, screenshotPath } from './helpers.mjs';

const siteDir = process.env.BRAND_SITE_DIR;
const accent = process.env.BRAND_ACCENT || '#0b7a75';
const desktop = { width: 1280, height: 900 };

const site = servedSite(siteDir);

const rgb = hex => `rgb(${[1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

test('the brand accent and logo reach the page, within the CSP', { skip: !siteDir }, async () => {
  const { context, page, response, problems } = await site.open('', desktop);
  try {
    assert.equal(response.status(), 200);
    await page.waitForLoadState('load');
    const logo = await page.evaluate(() => {
      const img = document.querySelector('.brand img');
      return { src: img.getAttribute('src'), width: img.naturalWidth };
    });
    assert.equal(logo.src, 'assets/acme-logo.svg');
    assert.ok(logo.width > 0, 'the logo from theme/ did not load');
    await page.emulateMedia({ colorScheme: 'light' });
    const linkColour = () => page.evaluate(() => getComputedStyle(document.querySelector('main a')).color);
    assert.equal(await linkColour(), rgb(accent), 'links are not in the accent colour');
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.notEqual(await linkColour(), rgb(accent), 'the dark scheme keeps the light accent');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: screenshotPath('starter-branded-desktop.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the branded site has no accessibility violations', { skip: !siteDir }, async () => {
  for (const url of ['', 'policies/access-control/', 'frameworks/iso27001/soa/']) {
    for (const colorScheme of ['light', 'dark']) {
      const { context, page } = await site.open(url, desktop, { bypassCSP: true, colorScheme });
      try {
        assert.deepEqual(await axeViolations(page), [], `${url} in ${colorScheme} mode`);
      } finally {
        await context.close();
      }
    }
  }
});

test('security.txt is served', { skip: !siteDir }, async () => {
  const res = await fetch(site.base + '.well-known/security.txt');
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.match(text, /^Contact: mailto:/m);
  assert.match(text, /^Expires: \d{4}-\d{2}-\d{2}T00:00:00Z$/m);
});
