// Policies kept in folders, as an imported repository keeps them: the
// library grouped by section, its filters hiding a section's heading with
// its rows, and a section's page, with axe-core. .ci/run imports
// JupiterOne's templates (trustdocs import markdown) and builds them:
//
//   SECTIONS_SITE_DIR=/tmp/imported/public node --test sections.test.mjs
//
// Skipped when SECTIONS_SITE_DIR is not set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedSite, axeViolations } from './helpers.mjs';

const siteDir = process.env.SECTIONS_SITE_DIR;
const desktop = { width: 1280, height: 900 };
const site = servedSite(siteDir);

// table returns the library's rows: section headings and policies.
const table = page => page.$$eval('#policy-table tbody tr', trs => trs.map(tr => ({
  group: tr.classList.contains('group'), shown: !tr.hidden && tr.offsetParent !== null, text: tr.textContent.trim().slice(0, 40),
})));

test('the library lists policies by section, and its filters hide empty sections', { skip: !siteDir }, async () => {
  const { context, page, problems } = await site.open('policies/', desktop, { bypassCSP: true });
  try {
    let rows = await table(page);
    const groups = rows.filter(r => r.group);
    assert.deepEqual(groups.map(g => g.text.split('\n')[0]), ['Assessments', 'Policies', 'Procedures', 'Ref']);
    assert.ok(rows.every(r => r.shown), 'every row shows before a filter is chosen');
    const policies = rows.filter(r => !r.group).length;
    const form = page.locator('form[data-filter-table="policy-table"]');
    await form.locator('select[name="classification"]').selectOption('restricted');
    rows = await table(page);
    assert.equal(rows.filter(r => r.shown).length, 0, 'no row, and no section heading, shows when no policy matches');
    assert.equal(await form.locator('output').textContent(), `0 of ${policies} shown`);
    await form.locator('select[name="classification"]').selectOption('public');
    rows = await table(page);
    assert.ok(rows.every(r => r.shown), 'every row shows again');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("a section's page lists its policies under the library's breadcrumb", { skip: !siteDir }, async () => {
  const { context, page, response, problems } = await site.open('policies/policies/', desktop, { bypassCSP: true });
  try {
    assert.equal(response.status(), 200);
    assert.equal(await page.locator('h1').textContent(), 'Policies');
    assert.equal(await page.locator('nav.breadcrumb a').first().textContent(), 'Policies');
    const rows = await table(page);
    assert.ok(rows.filter(r => !r.group).length >= 20, 'the section lists its policies');
    await page.locator('#policy-table tbody tr:not(.group) a').first().click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('nav.breadcrumb').textContent(), /Policies › Policies/);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
