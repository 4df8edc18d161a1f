// trustdocs: small conveniences on top of pages that work without script.
// Loaded from a file (no inline script), so the Content-Security-Policy
// holds.
"use strict";

// Filters on tables: a form with data-filter-table="ID" filters the rows of
// that table by the data-* attributes named like its selects (a select with
// data-match="word" matches one word of a space-separated list). A row of
// class "group" heads the rows of its tbody (a section of the policy
// library): it is hidden when they all are.
function setupFilters() {
  document.querySelectorAll("form[data-filter-table]").forEach(function (form) {
    var table = document.getElementById(form.dataset.filterTable);
    if (!table) return;
    var rows = [], groups = [];
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        if (row.classList.contains("group")) groups.push(row);
        else rows.push(row);
      });
    });
    var count = form.querySelector("output");
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = Array.prototype.every.call(form.elements, function (el) {
          if (el.tagName !== "SELECT" || el.value === "") return true;
          var have = row.dataset[el.name] || "";
          // data-match="word": the row's value is a list of words, one of
          // which must be the one chosen.
          if (el.dataset.match === "word") return (" " + have + " ").indexOf(" " + el.value + " ") >= 0;
          return have === el.value;
        });
        row.hidden = !ok;
        if (ok) shown++;
      });
      groups.forEach(function (head) {
        head.hidden = !Array.prototype.some.call(head.parentNode.rows, function (row) {
          return row !== head && !row.hidden;
        });
      });
      if (count) count.textContent = shown + " of " + rows.length + " shown";
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.hidden = false;
    apply();
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", setupFilters);
} else {
  setupFilters();
}

// Search: the form in the header loads the index (a script, so that it
// works on pages opened from disk) when first used, and lists results as
// the reader types. Every word typed must match: the start of a word of
// the title, id, headings, summary or body.
function setupSearch() {
  var form = document.querySelector("form.search");
  if (!form) return;
  var input = form.querySelector("input");
  var list = form.querySelector(".search-results");
  var status = document.getElementById("td-search-status");
  var root = form.dataset.root || "";
  var loading = false;

  function load() {
    if (window.trustdocsSearch || loading) return;
    loading = true;
    var s = document.createElement("script");
    s.src = form.dataset.index;
    s.onload = search;
    document.head.appendChild(s);
  }

  function matches(text, term) {
    text = text.toLowerCase();
    return text.indexOf(term) === 0 || text.indexOf(" " + term) >= 0 || text.indexOf("-" + term) >= 0 || text.indexOf("." + term) >= 0;
  }

  function score(e, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i];
      if (matches(e.t, t)) total += 10;
      else if ((e.h || []).some(function (h) { return matches(h, t); })) total += 5;
      else if (e.s && matches(e.s, t)) total += 3;
      else if (e.w && matches(e.w, t)) total += 1;
      else return 0;
    }
    return total;
  }

  function search() {
    var q = input.value.trim().toLowerCase();
    list.textContent = "";
    if (!q || !window.trustdocsSearch) {
      list.hidden = true;
      status.textContent = "";
      return;
    }
    var terms = q.split(/\s+/);
    var found = [];
    window.trustdocsSearch.forEach(function (e) {
      var s = score(e, terms);
      if (s > 0) found.push({ e: e, s: s });
    });
    found.sort(function (a, b) { return b.s - a.s || a.e.t.localeCompare(b.e.t); });
    found.slice(0, 12).forEach(function (f) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + f.e.u;
      a.textContent = f.e.t;
      var kind = document.createElement("span");
      kind.className = "search-kind";
      kind.textContent = f.e.k;
      li.appendChild(a);
      li.appendChild(kind);
      if (f.e.s) {
        var p = document.createElement("span");
        p.className = "search-summary";
        p.textContent = f.e.s;
        li.appendChild(p);
      }
      list.appendChild(li);
    });
    list.hidden = found.length === 0;
    status.textContent = found.length === 0 ? "No results" : found.length + (found.length === 1 ? " result" : " results");
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", function () { load(); search(); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { input.value = ""; search(); }
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  form.hidden = false;
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", setupSearch);
} else {
  setupSearch();
}

// A recipient's pack may be valid until a day: once that day is past, the
// banner says so, so that nobody relies on a stale pack.
function markExpiredPack() {
  var banner = document.querySelector(".recipient-banner[data-valid-until]");
  if (!banner) return;
  var until = new Date(banner.dataset.validUntil + "T23:59:59");
  if (isNaN(until) || new Date() <= until) return;
  banner.classList.add("expired");
  var note = banner.querySelector(".valid-until");
  if (note) note.textContent = " · expired on " + banner.dataset.validUntil + ": ask for a current pack";
}

// The request-access page works without script: the form posts to the
// site's form address, or hands the browser a mailto: with the fields as
// "name=value" text. With script, a link's fragment ticks the document it
// names, at least one document must be ticked, and a mailto: request is
// composed as an e-mail a person would write (RFC 6068: CRLF between
// lines, %20 for spaces), shown too for when no mail program opens.
function setupRequest() {
  var form = document.getElementById("td-request");
  if (!form) return;
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="documents"]'));
  if (!boxes.length) return;
  function tickNamed() {
    var id = decodeURIComponent(location.hash.slice(1));
    var box = id && document.getElementById(id);
    if (box && boxes.indexOf(box) >= 0) box.checked = true;
    requireOne();
  }
  function requireOne() {
    var any = boxes.some(function (b) { return b.checked; });
    boxes[0].setCustomValidity(any ? "" : "Tick at least one document.");
  }
  boxes.forEach(function (b) { b.addEventListener("change", requireOne); });
  window.addEventListener("hashchange", tickNamed);
  tickNamed();
  if (form.dataset.compose !== "mailto") return;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var d = form.dataset, field = function (name) { return form.elements.namedItem(name).value.trim(); };
    var lines = ["Hello,", "", "Please share these documents" + (d.site ? " of the " + d.site : "") + " with me:", ""];
    boxes.forEach(function (b) { if (b.checked) lines.push("- " + b.value); });
    lines.push("", "Name: " + field("name"), "Company: " + field("company"), "Work e-mail: " + field("email"),
      "Reason: " + field("reason"));
    var from = d.url || (/^https?:$/.test(location.protocol) ? location.href.split("#")[0] : "");
    if (from) lines.push("", "Requested from " + from);
    var body = lines.join("\r\n");
    var subject = (d.subject || "Request for documents under NDA") + " (" + field("company") + ")";
    var url = "mailto:" + d.to + "?subject=" + encodeURIComponent(subject) +
      (d.cc ? "&cc=" + encodeURIComponent(d.cc) : "") + "&body=" + encodeURIComponent(body);
    var sent = document.getElementById("td-request-sent");
    var link = document.getElementById("td-request-mailto");
    document.getElementById("td-request-text").value = "Subject: " + subject + "\n\n" + lines.join("\n");
    link.href = url;
    sent.hidden = false;
    link.click(); // the link the reader sees opens the mail program

  });
}

function ready() {
  markExpiredPack();
  setupRequest();
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", ready);
} else {
  ready();
}
