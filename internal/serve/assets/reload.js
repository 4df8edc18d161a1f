// trustdocs serve adds this script to the pages it serves, and never to a
// built site. It reloads the page when the site is rebuilt, swaps the
// stylesheets when only they changed, and shows the site's errors over the
// page while the last good build stays on screen.
(function () {
  'use strict';

  // The build this page is from; the server tells a page that missed a
  // build to reload.
  var last = new URL(document.currentScript.src).searchParams.get('build');
  var events = null;

  // A hidden tab lets go of its connection: browsers allow only six per
  // server, and a seventh tab of the site would wait for one.
  function connect() {
    events = new EventSource('/_trustdocs/events?last=' + encodeURIComponent(last || ''));
    events.addEventListener('reload', function () { location.reload(); });
    events.addEventListener('css', function (e) { last = e.lastEventId; swapStylesheets(); });
    events.addEventListener('errors', function (e) { last = e.lastEventId; showErrors(JSON.parse(e.data)); });
  }
  document.addEventListener('visibilitychange', function () {
    if (document.hidden && events) {
      events.close();
      events = null;
    } else if (!document.hidden && !events) {
      connect();
    }
  });
  if (!document.hidden) connect();

  // Each stylesheet is replaced once its new version has loaded, so that
  // the page never shows unstyled.
  function swapStylesheets() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (old) {
      var url = new URL(old.href, location.href);
      if (url.origin !== location.origin) return;
      url.searchParams.set('trustdocs', String(Date.now()));
      var link = old.cloneNode();
      link.href = url.href;
      link.addEventListener('load', function () { old.remove(); });
      old.after(link);
    });
  }

  function showErrors(report) {
    var old = document.getElementById('trustdocs-overlay');
    if (old) old.remove();
    if (!document.querySelector('link[href="/_trustdocs/overlay.css"]')) {
      var css = document.createElement('link');
      css.rel = 'stylesheet';
      css.href = '/_trustdocs/overlay.css';
      document.head.appendChild(css);
    }
    var box = document.createElement('div');
    box.id = 'trustdocs-overlay';
    box.setAttribute('role', 'alertdialog');
    box.setAttribute('aria-labelledby', 'trustdocs-overlay-title');
    var title = document.createElement('h2');
    title.id = 'trustdocs-overlay-title';
    title.textContent = count(report.errors, 'error') + ' in the site: this page is the last good build';
    box.appendChild(title);
    var hint = document.createElement('p');
    hint.textContent = (report.errors === 1 ? 'Fix it' : 'Fix them') + ' and save; the page reloads by itself.';
    box.appendChild(hint);
    var list = document.createElement('ul');
    report.diagnostics.forEach(function (d) {
      if (d.severity !== 'error') return;
      var item = document.createElement('li');
      var where = document.createElement('code');
      where.textContent = place(d);
      item.appendChild(where);
      item.appendChild(document.createTextNode(' ' + d.message));
      list.appendChild(item);
    });
    box.appendChild(list);
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Hide';
    close.addEventListener('click', function () { box.remove(); });
    box.appendChild(close);
    document.body.appendChild(box);
    close.focus({ preventScroll: true });
  }

  function place(d) {
    var p = d.file || 'site';
    if (d.line) p += ':' + d.line;
    if (d.column) p += ':' + d.column;
    return p;
  }

  function count(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }
})();
