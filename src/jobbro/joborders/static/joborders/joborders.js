/* The job order form: the requirement formset's extra rows and each row's kind-specific fields.
   The page works without this file; it only saves reloading. */
(function () {
  "use strict";

  // A certificate or licence ticked in a requirement's skill picker ("q<pk>") makes the row
  // a certificate requirement at once, as the server does on saving: requirements keep
  // certificates apart from skills.
  document.addEventListener("change", function (event) {
    var tick = event.target;
    if (!tick.matches("[data-requirement-row] input[type=radio][name$='-skill'][value^='q']")) {
      return;
    }
    var row = tick.closest("[data-requirement-row]");
    var kind = row.querySelector("select[name$='-kind']");
    var qualification = row.querySelector("select[name$='-qualification']");
    if (!kind || !qualification) return;
    qualification.value = tick.value.slice(1);
    kind.value = "qualification";
    tick.checked = false;
    kind.dispatchEvent(new Event("change", { bubbles: true }));
    qualification.focus();
  });

  function showKindFields(row) {
    var kind = row.querySelector("select[name$='-kind']");
    if (!kind) return;
    row.querySelectorAll("[data-for-kind]").forEach(function (el) {
      el.hidden = el.getAttribute("data-for-kind") !== kind.value;
    });
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches("select[name$='-kind']")) {
      showKindFields(event.target.closest("[data-requirement-row]"));
    }
  });

  // A formset's "Add" button: a new row from the page's template (requirements, tasks).
  function setUpAdding(name, focus, prepare) {
    var add = document.querySelector("[data-add-" + name + "]");
    var template = document.querySelector("[data-" + name + "-template]");
    var rows = document.querySelector("[data-" + name + "-rows]");
    var total = document.querySelector("input[name$='-TOTAL_FORMS']");
    if (!add || !template || !rows || !total) return;
    add.hidden = false;
    add.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("div");
      holder.innerHTML = html.trim();
      var row = holder.firstElementChild;
      rows.appendChild(row);
      total.value = String(index + 1);
      if (prepare) prepare(row);
      if (window.htmx) window.htmx.process(row);
      var first = row.querySelector(focus);
      if (first) first.focus();
    });
  }

  function setUp() {
    document.querySelectorAll("[data-requirement-row]").forEach(showKindFields);
    setUpAdding("requirement", "select", showKindFields);
    setUpAdding("task", "input[name$='-title']");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
