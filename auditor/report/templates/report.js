/* Filters for findings (severity, kind) and the version picker of the side-by-side view.
   Without JavaScript every finding and every version pair is simply shown. */
(function () {
  "use strict";
  var body = document.body;
  window.addEventListener("error", function (event) {
    body.setAttribute("data-errors", (body.getAttribute("data-errors") || "") + event.message + ";");
  });
  var findings = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var severityBoxes = Array.prototype.slice.call(document.querySelectorAll("#filters input[name=severity]"));
  var kindSelect = document.getElementById("kind-filter");
  var shownCount = document.getElementById("shown-count");

  function applyFilters() {
    var wanted = {};
    severityBoxes.forEach(function (box) { wanted[box.value] = box.checked; });
    var kind = kindSelect ? kindSelect.value : "";
    var shown = 0;
    findings.forEach(function (li) {
      var visible = !!wanted[li.getAttribute("data-severity")] && (!kind || li.getAttribute("data-kind") === kind);
      li.hidden = !visible;
      if (visible) { shown += 1; }
    });
    Array.prototype.forEach.call(document.querySelectorAll("section.severity-group"), function (group) {
      group.hidden = !group.querySelector("li.finding:not([hidden])");
    });
    if (shownCount) { shownCount.textContent = shown + " of " + findings.length + " shown"; }
  }
  // A link can carry a filter: report.html#severity=critical,major&kind=name
  function filtersFromHash() {
    var params = {};
    window.location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at > 0) { params[decodeURIComponent(pair.slice(0, at))] = decodeURIComponent(pair.slice(at + 1)); }
    });
    if (params.severity) {
      var levels = params.severity.split(",");
      severityBoxes.forEach(function (box) { box.checked = levels.indexOf(box.value) >= 0; });
    }
    if (params.kind && kindSelect) { kindSelect.value = params.kind; }
  }
  severityBoxes.forEach(function (box) { box.addEventListener("change", applyFilters); });
  if (kindSelect) { kindSelect.addEventListener("change", applyFilters); }
  filtersFromHash();
  applyFilters();

  var pairSelect = document.getElementById("pair-select");
  var pairs = Array.prototype.slice.call(document.querySelectorAll("div.pair"));
  function showPair() {
    pairs.forEach(function (pair) { pair.hidden = pair.getAttribute("data-pair") !== pairSelect.value; });
  }
  if (pairSelect) { pairSelect.addEventListener("change", showPair); showPair(); }

  var changedOnly = document.getElementById("changed-only");
  var alignment = document.getElementById("alignment");
  function toggleChanged() { alignment.classList.toggle("changed-only", changedOnly.checked); }
  if (changedOnly && alignment) { changedOnly.addEventListener("change", toggleChanged); toggleChanged(); }

  // printed, the collapsed score details and provenance reasons are shown in full
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });

  body.setAttribute("data-ready", "1");
})();
