/* The ranked list's propose dialog. A card's "Propose" asks (htmx) for that candidate's
   checklist into the one <dialog>; this file opens it as a modal, moves the focus in and,
   when it closes (Escape, Cancel, or proposed), back to the card. Without JavaScript the
   same button opens a page of its own. */
(function () {
  "use strict";

  var CONTENT = "propose-dialog-content";
  var opener = null; // what had the focus when the dialog opened

  function dialog() {
    return document.getElementById("propose-dialog");
  }

  function focusIn(root) {
    var target = root.querySelector("[role=alert][tabindex]") || root.querySelector("[data-dialog-focus]");
    if (target) target.focus();
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var target = event.detail.target;
    var box = dialog();
    if (!target || target.id !== CONTENT || !box || box.open) return;
    // The card's button (some browsers do not focus a clicked button).
    opener = event.detail.elt.querySelector("button") || document.activeElement;
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target) return;
    if (target.id === CONTENT) {
      var box = dialog();
      if (!box.open) box.showModal();
      focusIn(target);
    } else if (target.id === "search-results" && event.detail.requestConfig &&
               event.detail.requestConfig.elt.closest(".pagination")) {
      // The page link pressed is gone: continue from the top of the new page.
      var count = target.querySelector("[data-testid=result-count]");
      if (count) count.focus();
    }
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-dialog-close]")) dialog().close();
  });

  // The server proposed the candidate and marked the card (HX-Trigger-After-Settle).
  document.addEventListener("jobbro:proposed", function (event) {
    var mark = document.querySelector("#propose-" + event.detail.candidate + " [data-testid=proposed]");
    if (mark) opener = mark;
    dialog().close();
  });

  document.addEventListener("close", function (event) {
    if (event.target !== dialog()) return;
    document.getElementById(CONTENT).innerHTML = "";
    if (opener && opener.isConnected) opener.focus();
    opener = null;
  }, true);
})();
