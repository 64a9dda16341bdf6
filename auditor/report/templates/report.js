/* Filters for findings (version, severity, kind), the version picker of the side-by-side view, and
   waivers: an editor ticks findings as accepted and exports them as a waivers file that
   `auditor render --waivers FILE` (and `auditor audit`) honour.
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
  var versionSelect = document.getElementById("version-filter");
  var shownCount = document.getElementById("shown-count");

  function applyFilters() {
    var wanted = {};
    severityBoxes.forEach(function (box) { wanted[box.value] = box.checked; });
    var kind = kindSelect ? kindSelect.value : "";
    var version = versionSelect ? versionSelect.value : "";
    var shown = 0;
    findings.forEach(function (li) {
      var visible = !!wanted[li.getAttribute("data-severity")] && (!kind || li.getAttribute("data-kind") === kind) &&
        (!version || li.getAttribute("data-document") === version);
      li.hidden = !visible;
      if (visible) { shown += 1; }
    });
    // a sentence pair shows while one of its findings does; a version while one of its pairs does
    Array.prototype.forEach.call(document.querySelectorAll("li.pair-group"), function (group) {
      group.hidden = !group.querySelector("li.finding:not([hidden])");
    });
    Array.prototype.forEach.call(document.querySelectorAll("section.version-group"), function (group) {
      group.hidden = !group.querySelector("li.pair-group:not([hidden])");
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
    if (params.version && versionSelect) { versionSelect.value = params.version; }
    if (params.accept) {  // report.html#accept=ID,ID pre-ticks findings (a link from a colleague)
      var ids = params.accept.split(",");
      Array.prototype.forEach.call(document.querySelectorAll("input.waive"), function (box) {
        if (ids.indexOf(box.value) >= 0) { box.checked = true; }
      });
    }
  }
  severityBoxes.forEach(function (box) { box.addEventListener("change", applyFilters); });
  if (kindSelect) { kindSelect.addEventListener("change", applyFilters); }
  if (versionSelect) { versionSelect.addEventListener("change", applyFilters); }
  filtersFromHash();
  applyFilters();

  var pairSelect = document.getElementById("pair-select");
  var pairs = Array.prototype.slice.call(document.querySelectorAll("div.pair"));
  function showPair() {
    pairs.forEach(function (pair) { pair.hidden = pair.getAttribute("data-pair") !== pairSelect.value; });
  }
  if (pairSelect) { pairSelect.addEventListener("change", showPair); showPair(); }
  // "side by side" on a finding: show the pair holding that row, then go to it
  Array.prototype.forEach.call(document.querySelectorAll("a.side-link"), function (link) {
    link.addEventListener("click", function (event) {
      var row = document.getElementById(link.getAttribute("href").slice(1));
      row = row && row.closest("tr");
      var pair = row && row.closest("div.pair");
      if (!pair) { return; }
      event.preventDefault();
      if (pairSelect) { pairSelect.value = pair.getAttribute("data-pair"); showPair(); }
      row.classList.add("target");
      row.scrollIntoView({block: "center"});
    });
  });

  var changedOnly = document.getElementById("changed-only");
  var alignment = document.getElementById("alignment");
  function toggleChanged() { alignment.classList.toggle("changed-only", changedOnly.checked); }
  if (changedOnly && alignment) { changedOnly.addEventListener("change", toggleChanged); toggleChanged(); }

  // printed, the collapsed score details and provenance reasons are shown in full
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });

  // Waivers: ticked findings, exported as TOML ([[waiver]] id, reason, who) for --waivers FILE
  var waiveBoxes = Array.prototype.slice.call(document.querySelectorAll("input.waive"));
  var acceptedCount = document.getElementById("accepted-count");
  function acceptedIds() {
    var ids = [];
    waiveBoxes.forEach(function (box) { if (box.checked && ids.indexOf(box.value) < 0) { ids.push(box.value); } });
    return ids;
  }
  function syncWaivers(event) {
    var box = event && event.target;
    if (box) {  // the same finding listed under two versions is accepted once, everywhere
      waiveBoxes.forEach(function (other) { if (other.value === box.value) { other.checked = box.checked; } });
    }
    if (acceptedCount) { acceptedCount.textContent = acceptedIds().length + " accepted"; }
    var preview = document.getElementById("waiver-text");
    if (preview) { preview.value = preview.textContent = waiverToml(); preview.hidden = acceptedIds().length === 0; }
  }
  function tomlString(text) {
    return '"' + String(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n") + '"';
  }
  function waiverToml() {
    var who = (document.getElementById("waiver-who") || {}).value || "";
    var reason = (document.getElementById("waiver-reason") || {}).value || "";
    var lines = ["# auditor waivers: findings an editor accepted (auditor render REPORT.json --waivers FILE)", ""];
    acceptedIds().forEach(function (id) {
      lines.push("[[waiver]]", "id = " + tomlString(id), "reason = " + tomlString(reason), "who = " + tomlString(who), "");
    });
    return lines.join("\n");
  }
  window.auditorWaivers = waiverToml;  // for tests and for copying from the console
  waiveBoxes.forEach(function (box) { box.addEventListener("change", syncWaivers); });
  ["waiver-who", "waiver-reason"].forEach(function (id) {
    var input = document.getElementById(id);
    if (input) { input.addEventListener("input", function () { syncWaivers(); }); }
  });
  var exportButton = document.getElementById("export-waivers");
  if (exportButton) {
    exportButton.addEventListener("click", function () {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([waiverToml()], {type: "application/toml"}));
      link.download = "waivers.toml";
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
    });
  }
  syncWaivers();

  body.setAttribute("data-ready", "1");
})();
