// The ISO 27001 ↔ SOC 2 crosswalk on the comparison page: its filters, the
// page without script, the phone layout, and accessibility with every
// disclosure open. Run by .ci/run with the rest of the suite:
//
//   cd browser && SITE_DIR=/tmp/site node --test crosswalk.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedSite, axeViolations } from './helpers.mjs';

const siteDir = process.env.SITE_DIR;
const url = 'frameworks/compare/iso27001-vs-soc2/';
const desktop = { width: 1280, height: 900 };
const phone = { width: 390, height: 844 };
assert.ok(siteDir, 'set SITE_DIR to a built site');
const site = servedSite(siteDir);

// rows returns the crosswalk's rows: their ids and whether they show.
const rows = page => page.$$eval('#crosswalk-table tbody tr', trs => trs.map(tr => ({
  id: tr.id, shown: !tr.hidden, relationship: tr.dataset.relationship, status: tr.dataset.status, section: tr.dataset.section,
})));

test('the crosswalk filters by relationship, coverage and part, and says how many rows show', async () => {
  const { context, page, problems } = await site.open(url, desktop);
  try {
    const all = await rows(page);
    assert.equal(all.length, 61, 'a row for each SOC 2 criterion');
    assert.ok(all.every(r => r.shown), 'every row shows before a filter is chosen');
    const form = page.locator('form[data-filter-table="crosswalk-table"]');
    assert.ok(await form.isVisible(), 'the filters show once the script runs');

    await form.locator('select[name="relationship"]').selectOption('equal');
    let shown = (await rows(page)).filter(r => r.shown);
    assert.ok(shown.length > 0 && shown.length < 61, `${shown.length} rows with an equal relationship`);
    assert.ok(shown.every(r => r.relationship.split(' ').includes('equal')), 'only rows with an equal pair show');
    assert.match(await form.locator('output').textContent(), new RegExp(`^${shown.length} of 61 shown$`));

    await form.locator('select[name="relationship"]').selectOption('');
    await form.locator('select[name="status"]').selectOption('none');
    shown = (await rows(page)).filter(r => r.shown);
    assert.ok(shown.length > 0, 'the example has SOC 2 criteria no control maps to (privacy)');
    assert.ok(shown.every(r => r.status === 'none'));

    await form.locator('select[name="status"]').selectOption('');
    await form.locator('select[name="section"]').selectOption('Availability');
    shown = (await rows(page)).filter(r => r.shown);
    assert.deepEqual(shown.map(r => r.id), ['xw-req-a1.1', 'xw-req-a1.2', 'xw-req-a1.3']);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('without script, the whole crosswalk shows and the filters stay hidden', async () => {
  const { context, page, problems } = await site.open(url, desktop, { javaScriptEnabled: false });
  try {
    const all = await rows(page);
    assert.equal(all.filter(r => r.shown).length, 61);
    assert.equal(await page.locator('form[data-filter-table="crosswalk-table"]').isVisible(), false);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('on a phone, the comparison and the crosswalk stack their columns and fit the screen', async () => {
  const { context, page, problems } = await site.open(url, phone);
  try {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${overflow}px wider than the screen`);
    for (const table of ['table.compare', '#crosswalk-table']) {
      const cell = await page.$eval(`${table} tbody td[data-label]`, td => ({
        display: getComputedStyle(td).display, label: getComputedStyle(td, '::before').content,
        right: td.getBoundingClientRect().right,
      }));
      assert.equal(cell.display, 'block', `${table}: cells stack`);
      assert.match(cell.label, /:/, `${table}: each cell is named by its column`);
      assert.ok(cell.right <= phone.width, `${table}: a cell ends at ${cell.right}px, past the screen`);
    }
    // A filtered row stays hidden though stacked rows are blocks.
    await page.locator('select[name="relationship"]').selectOption('equal');
    const displays = await page.$$eval('#crosswalk-table tbody tr[hidden]', trs => trs.map(tr => getComputedStyle(tr).display));
    assert.ok(displays.length > 0 && displays.every(d => d === 'none'), `filtered rows show on a phone: ${displays}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the comparison page, every disclosure open, has no accessibility violations', async () => {
  for (const viewport of [desktop, phone]) {
    const { context, page } = await site.open(url, viewport, { bypassCSP: true });
    try {
      await page.$$eval('details', ds => ds.forEach(d => { d.open = true; }));
      assert.deepEqual(await axeViolations(page), [], `at ${viewport.width}px`);
    } finally {
      await context.close();
    }
  }
});
