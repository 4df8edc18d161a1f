// The request-access page of the example site, as a buyer uses it: a
// restricted document's link ticks it, the page asks for at least one
// document, and the request becomes an e-mail (request_access is a
// mailto:) or is posted to a form address (a copy of the example built
// with request_access on a loopback receiver). Served and from disk. Run by
// .ci/run:
//
//   SITE_DIR=/tmp/site npm test    (trustdocs build --as-of 2026-11-01 -o /tmp/site)
//
// Skipped when SITE_DIR is not set. The form test builds its copy with
// `go run ./cmd/trustdocs`, so it needs Go.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { servedSite, serveSite, openPage, axeViolations } from './helpers.mjs';

const siteDir = process.env.SITE_DIR;
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const desktop = { width: 1280, height: 900 };
const site = servedSite(siteDir);
const page = 'request-access/index.html';
const playbook = 'Incident Response Playbook';
const report = 'SOC 2 Type II report, 1 July 2025 – 30 June 2026';

async function fillIn(p) {
  await p.fill('#td-request-name', 'Jane Doe');
  await p.fill('#td-request-company', 'Buyer Inc');
  await p.fill('#td-request-email', 'jane@buyer.example');
  await p.fill('#td-request-reason', 'Vendor review & renewal');
}

// submitForMail submits the form and returns the mailto: the page opened:
// the click on the link that opens the mail program is caught instead.
async function submitForMail(p) {
  await p.evaluate(() => document.getElementById('td-request-mailto').addEventListener('click', e => {
    e.preventDefault();
    window.opened = e.currentTarget.href;
  }));
  await p.getByRole('button', { name: 'Write the e-mail' }).click();
  await p.waitForFunction(() => window.opened);
  return p.evaluate(() => window.opened);
}

function parseMailto(href) {
  assert.ok(href.startsWith('mailto:'), href);
  assert.ok(!href.includes('+'), `spaces must be %20 in a mailto: (RFC 6068): ${href}`);
  const [to, query] = href.slice('mailto:'.length).split('?');
  const params = Object.fromEntries(query.split('&').map(kv => kv.split('=')).map(([k, v]) => [k, decodeURIComponent(v)]));
  return { to, ...params };
}

test('a withheld document links to the request page, which ticks it', { skip: !siteDir }, async () => {
  const { context, page: p, problems } = await site.open('policies/index.html', desktop);
  try {
    await p.locator('#policy-incident-response-playbook').getByRole('link', { name: /request access/ }).click();
    await p.waitForURL(/request-access\/index\.html#policy-incident-response-playbook$/);
    assert.ok(await p.getByLabel(playbook).isChecked(), 'the playbook is not ticked');
    assert.equal(await p.locator('input[name="documents"]:checked').count(), 1);
    await p.goto(site.base + 'certifications/index.html');
    await p.getByRole('link', { name: /request access/ }).first().click();
    await p.waitForURL(/#report-soc2-ii-2026-06-30$/);
    assert.ok(await p.getByLabel(report).isChecked(), 'the SOC 2 report is not ticked');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the page asks for a document and composes the e-mail', { skip: !siteDir }, async () => {
  const { context, page: p, problems } = await site.open(page, desktop, { bypassCSP: true });
  try {
    assert.deepEqual(await axeViolations(p), []);
    await fillIn(p);
    await p.getByRole('button', { name: 'Write the e-mail' }).click();
    assert.ok(await p.locator('#td-request-sent').isHidden(), 'sent with no document ticked');
    assert.equal(await p.locator('input[name="documents"]').first().evaluate(b => b.validationMessage), 'Tick at least one document.');
    await p.getByLabel(playbook).check();
    await p.getByLabel(report).check();
    const mail = parseMailto(await submitForMail(p));
    assert.equal(mail.to, 'security@kestrel.example');
    assert.equal(mail.subject, 'NDA request: security documentation (Buyer Inc)');
    assert.equal(mail.body, [
      'Hello,', '',
      'Please share these documents of the Kestrel Analytics Trust Center with me:', '',
      `- ${report}`, `- ${playbook}`, '',
      'Name: Jane Doe', 'Company: Buyer Inc', 'Work e-mail: jane@buyer.example', 'Reason: Vendor review & renewal', '',
      'Requested from https://trust.kestrel.example/request-access/',
    ].join('\r\n'));
    assert.ok(await p.locator('#td-request-sent').isVisible(), 'the text to copy is not shown');
    const text = await p.locator('#td-request-text').inputValue();
    assert.ok(text.startsWith('Subject: NDA request: security documentation (Buyer Inc)\n\nHello,'), text);
    assert.ok(text.includes(`- ${playbook}\n`), text);
    assert.deepEqual(await axeViolations(p), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('opened from disk, the page ticks and composes too', { skip: !siteDir }, async () => {
  const context = await site.browser.newContext({ viewport: desktop });
  const p = await context.newPage();
  const errors = [];
  p.on('pageerror', e => errors.push(e.message));
  try {
    await p.goto(pathToFileURL(path.join(siteDir, page)).href + '#report-soc2-ii-2026-06-30');
    assert.ok(await p.getByLabel(report).isChecked());
    await fillIn(p);
    const mail = parseMailto(await submitForMail(p));
    assert.ok(mail.body.includes(`- ${report}\r\n`), mail.body);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// A copy of the example whose requests go to a form: one loopback server
// serves the copy and takes the posts (the same origin, so that openPage
// counts no request as leaving the site).
const form = { posts: [], server: null, site: null, dir: null };
after(async () => {
  form.server?.close();
  if (form.dir) await rm(form.dir, { recursive: true, force: true });
});

async function formSite() {
  if (form.site) return form.site;
  form.dir = await mkdtemp(path.join(tmpdir(), 'request-form-'));
  const out = path.join(form.dir, 'public');
  let base;
  ({ server: form.server, base } = await serveSite(out, (req, res) => {
    if (req.method !== 'POST') return false;
    let body = '';
    req.on('data', c => { body += c; });
    req.on('end', () => {
      form.posts.push({ url: req.url, type: req.headers['content-type'], fields: new URLSearchParams(body) });
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><title>Thanks</title><h1>Thanks</h1>');
    });
    return true;
  }));
  await cp(path.join(repo, 'content'), path.join(form.dir, 'content'), { recursive: true });
  const toml = await readFile(path.join(repo, 'site.toml'), 'utf8');
  await writeFile(path.join(form.dir, 'site.toml'),
    toml.replace(/^request_access\s*=.*$/m, `request_access = "${base}nda-requests?form=kestrel"`));
  execFileSync('go', ['run', './cmd/trustdocs', 'build', '-s', form.dir, '--as-of', '2026-11-01'], { cwd: repo, stdio: 'pipe' });
  form.site = { base, dir: out };
  return form.site;
}

test('with a form address, the request is posted there, served and from disk', { skip: !siteDir }, async () => {
  const fs = await formSite();
  const html = await readFile(path.join(fs.dir, page), 'utf8');
  assert.match(html, new RegExp(`form-action http://127\\.0\\.0\\.1:${form.server.address().port}"`), 'the CSP does not allow the form address');
  for (const [how, open] of [
    ['served', async () => openPage(site.browser, fs.base, page + '#policy-incident-response-playbook', desktop)],
    ['from disk', async () => {
      const context = await site.browser.newContext({ viewport: desktop });
      const p = await context.newPage();
      await p.goto(pathToFileURL(path.join(fs.dir, page)).href + '#policy-incident-response-playbook');
      return { context, page: p, problems: [] };
    }],
  ]) {
    const { context, page: p, problems } = await open();
    try {
      form.posts.length = 0;
      assert.ok(await p.getByLabel(playbook).isChecked(), `${how}: not ticked`);
      await p.getByLabel(report).check();
      await fillIn(p);
      await p.getByRole('button', { name: 'Send the request' }).click();
      await p.waitForURL(/\/nda-requests\?form=kestrel$/);
      assert.equal(form.posts.length, 1, `${how}: ${form.posts.length} posts`);
      const { url, type, fields } = form.posts[0];
      assert.equal(url, '/nda-requests?form=kestrel');
      assert.equal(type, 'application/x-www-form-urlencoded');
      assert.deepEqual(fields.getAll('documents'), [report, playbook], how);
      assert.equal(fields.get('name'), 'Jane Doe');
      assert.equal(fields.get('company'), 'Buyer Inc');
      assert.equal(fields.get('email'), 'jane@buyer.example');
      assert.equal(fields.get('reason'), 'Vendor review & renewal');
      assert.equal(fields.get('trust_center'), 'Kestrel Analytics Trust Center');
      assert.deepEqual(problems.filter(m => !m.includes('/nda-requests')), [], how);
    } finally {
      await context.close();
    }
  }
});
