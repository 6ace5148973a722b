/* Job order pages: suggestion pickers, the requirement formset's extra rows, kind-specific fields.
   The pages work without this file; it only saves typing ids and reloading. */
(function () {
  "use strict";

  // A click on a suggestion fills the hidden id and the visible text, then tells the form.
  // A certificate or licence suggested in a requirement's skill box turns the row into a
  // certificate requirement: requirements keep them apart from skills.
  document.addEventListener("click", function (event) {
    var option = event.target.closest("[data-pick-id]");
    if (!option) return;
    var pickerEl = option.closest("[data-picker]");
    if (!pickerEl) return;
    var box = option.closest(".jobbro-suggestions-box");
    var value = pickerEl.querySelector("[data-picker-value]");
    var query = pickerEl.querySelector("[data-picker-query]");
    var id = option.getAttribute("data-pick-id");
    var label = option.getAttribute("data-pick-label");
    var typed = box && box.previousElementSibling
      ? box.previousElementSibling.querySelector("input:not([type=hidden])") : null;
    clearBoxes(pickerEl);
    var row = pickerEl.closest("[data-requirement-row]");
    if (option.getAttribute("data-pick-kind") === "qualification" && row) {
      var kind = row.querySelector("select[name$='-kind']");
      var qualification = row.querySelector("select[name$='-qualification']");
      if (kind && qualification) {
        qualification.value = id;
        kind.value = "qualification";
        value.value = "";
        query.value = "";
        kind.dispatchEvent(new Event("change", { bubbles: true }));
        qualification.focus();
        return;
      }
    }
    value.value = id;
    query.value = label;
    value.dispatchEvent(new Event("change", { bubbles: true }));
    (typed || query).focus();
  });

  // Typing a new text forgets the old choice, so a stale id is never submitted unseen.
  document.addEventListener("input", function (event) {
    if (!event.target.matches("[data-picker-query]")) return;
    var value = event.target.closest("[data-picker]").querySelector("[data-picker-value]");
    if (value && value.value) value.value = "";
  });

  function clearBoxes(pickerEl) {
    pickerEl.querySelectorAll(".jobbro-suggestions-box").forEach(function (box) {
      box.innerHTML = "";
      setExpanded(box);
    });
  }

  // A combobox says whether its suggestion box is open: aria-expanded follows the box. New
  // or no suggestions have no active one yet; each option gets an id to be named by.
  function setExpanded(box) {
    if (!box.id) return;
    var combobox = document.querySelector("[aria-controls='" + box.id + "']");
    if (!combobox) return;
    var options = box.querySelectorAll("[role=option]");
    options.forEach(function (option, index) {
      option.id = box.id + "-" + index;
    });
    combobox.setAttribute("aria-expanded", options.length ? "true" : "false");
    combobox.removeAttribute("aria-activedescendant");
  }

  // The WAI-ARIA combobox pattern: the focus stays in the input, the arrows move the active
  // option (aria-activedescendant), Enter picks it like a click.
  function moveActive(combobox, step) {
    var box = document.getElementById(combobox.getAttribute("aria-controls") || "");
    var options = box ? Array.prototype.slice.call(box.querySelectorAll("[role=option]")) : [];
    if (!options.length) return;
    var current = options.indexOf(activeOption(combobox));
    var next = current < 0 ? (step > 0 ? 0 : options.length - 1)
      : (current + step + options.length) % options.length;
    options.forEach(function (option, index) {
      option.setAttribute("aria-selected", index === next ? "true" : "false");
      option.classList.toggle("jobbro-suggestion--active", index === next);
    });
    combobox.setAttribute("aria-activedescendant", options[next].id);
    options[next].scrollIntoView({ block: "nearest" });
  }

  function activeOption(combobox) {
    var id = combobox.getAttribute("aria-activedescendant");
    return id ? document.getElementById(id) : null;
  }

  // Each combobox names its suggestion box (the next one after it, where htmx puts the
  // answer) in aria-controls; the box gets an id from the input's.
  function linkBoxes(root) {
    root.querySelectorAll("[data-picker] [role=combobox]").forEach(function (input) {
      var boxes = input.closest("[data-picker]").querySelectorAll(".jobbro-suggestions-box");
      for (var i = 0; i < boxes.length; i++) {
        if (input.compareDocumentPosition(boxes[i]) & Node.DOCUMENT_POSITION_FOLLOWING) {
          if (!boxes[i].id) boxes[i].id = input.id + "-suggestions";
          input.setAttribute("aria-controls", boxes[i].id);
          return;
        }
      }
    });
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target.matches && event.target.matches(".jobbro-suggestions-box")) {
      setExpanded(event.target);
    }
  });

  document.addEventListener("keydown", function (event) {
    var combobox = event.target;
    if (!combobox.matches("[data-picker] [role=combobox]")) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      moveActive(combobox, event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter") {
      // Enter chooses; it never submits the form half filled in.
      event.preventDefault();
      var option = activeOption(combobox);
      if (option) option.click();
    } else if (event.key === "Escape") {
      clearBoxes(combobox.closest("[data-picker]"));
    }
  });

  // A press on a suggestion keeps the focus in the input, so leaving the picker (below) is
  // only ever a real leave; then its suggestions close instead of covering the next fields.
  document.addEventListener("mousedown", function (event) {
    if (event.target.closest("[data-pick-id]")) event.preventDefault();
  });

  document.addEventListener("focusout", function (event) {
    var pickerEl = event.target.closest && event.target.closest("[data-picker]");
    if (!pickerEl) return;
    window.setTimeout(function () {
      if (!pickerEl.contains(document.activeElement)) clearBoxes(pickerEl);
    }, 150);
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

  function setUp() {
    linkBoxes(document);
    document.querySelectorAll("[data-requirement-row]").forEach(showKindFields);
    var add = document.querySelector("[data-add-requirement]");
    var template = document.querySelector("[data-requirement-template]");
    var rows = document.querySelector("[data-requirement-rows]");
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
      showKindFields(row);
      linkBoxes(row);
      if (window.htmx) window.htmx.process(row);
      var first = row.querySelector("select");
      if (first) first.focus();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
