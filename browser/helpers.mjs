// What the browser tests share: a static server for a built site, Debian's
// Chromium, and opening a page while recording what goes wrong.
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

// screenshotPath is where the screenshot name goes: the README's copy in
// screenshots/ when UPDATE_SCREENSHOTS is set, else a temporary folder
// (made at the first screenshot), so that a run of the suite (every CI
// run) leaves the work tree as it was: Chromium's anti-aliasing moves a
// few pixels from one run to the next.
let shotsDir;
export function screenshotPath(name) {
  shotsDir ??= process.env.UPDATE_SCREENSHOTS
    ? path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots')
    : mkdtempSync(path.join(os.tmpdir(), 'trustdocs-screenshots-'));
  return path.join(shotsDir, name);
}

const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml',
  '.json': 'application/json', '.xml': 'application/xml', '.pdf': 'application/pdf', '.csv': 'text/csv', '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8' };

// serveSite serves the built site in dir on a loopback port, as a static
// host does: folders by their index.html, 404.html for what is missing.
// Files are read when asked for, so dir may be built after. intercept, if
// given, answers the requests it returns true for.
export async function serveSite(dir, intercept) {
  const server = http.createServer(async (req, res) => {
    if (intercept?.(req, res)) return;
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(dir, path.normalize(p));
    if (!file.startsWith(path.resolve(dir))) { res.writeHead(403).end(); return; }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404, { 'Content-Type': types['.html'] }).end(await readFile(path.join(dir, '404.html')));
    }
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${server.address().port}/` };
}

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

// openPage loads a page and records what went wrong on the way: console
// errors, uncaught exceptions, and any request that leaves the site.
export async function openPage(browser, base, url, viewport, options = {}) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('console', m => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', e => problems.push(`exception: ${e.message}`));
  await page.route('**/*', route => {
    const u = route.request().url();
    if (u.startsWith(base) || u.startsWith('data:')) return route.continue();
    problems.push(`external request: ${u}`);
    return route.abort();
  });
  const response = await page.goto(base + url);
  return { context, page, response, problems };
}

// axeViolations runs axe-core's WCAG 2.1 A and AA rules on a page opened
// with bypassCSP (axe is injected as a script), one line a violation.
export async function axeViolations(page) {
  await page.addScriptTag({ path: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
}

// servedSite serves the built site in dir and starts Chromium before the
// file's tests, and stops both after them. Its open(url, viewport,
// options) is openPage on that site. With no dir, it does nothing (the
// tests skip).
export function servedSite(dir) {
  const site = { base: '', browser: null, server: null };
  before(async () => {
    if (!dir) return;
    ({ server: site.server, base: site.base } = await serveSite(dir));
    site.browser = await launchChromium();
  });
  after(async () => {
    await site.browser?.close();
    site.server?.close();
  });
  site.open = (url, viewport, options) => openPage(site.browser, site.base, url, viewport, options);
  return site;
}
