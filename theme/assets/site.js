// trustdocs: small conveniences on top of pages that work without script.
// Loaded from a file (no inline script), so the Content-Security-Policy
// holds.
"use strict";

// Filters on tables: a form with data-filter-table="ID" filters the rows of
// that table by the data-* attributes named like its selects.
function setupFilters() {
  document.querySelectorAll("form[data-filter-table]").forEach(function (form) {
    var table = document.getElementById(form.dataset.filterTable);
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = form.querySelector("output");
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = Array.prototype.every.call(form.elements, function (el) {
          return el.tagName !== "SELECT" || el.value === "" || row.dataset[el.name] === el.value;
        });
        row.hidden = !ok;
        if (ok) shown++;
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
