// Behaviour every page shares. No inline handlers: the content security policy forbids them.
document.addEventListener("keydown", (event) => {
  // Enter in a picker's search box searches; it must not submit the surrounding form.
  if (event.key === "Enter" && event.target.matches(".jobbro-picker-search")) {
    event.preventDefault();
  }
});

// A picker that works only with script stands in a <template> beside the select that serves
// without it (the job barometer's public page): with script, the picker takes the select's
// place, with the same name and id, so the form and its labels stay as they were.
document.querySelectorAll("template[data-picker-for]").forEach((template) => {
  const fallback = document.getElementById(template.dataset.pickerFor);
  const picker = template.content.firstElementChild;
  if (!fallback || !picker || !window.htmx) return;
  const placed = picker.cloneNode(true);
  fallback.replaceWith(placed);
  template.remove();
  window.htmx.process(placed);
});

// A tick in a picker stands: matches still on their way (from its search box or the job
// title) would replace the options and drop it, so they are abandoned.
document.addEventListener("change", (event) => {
  const options = event.target.closest(".jobbro-picker-options");
  if (!options || !options.id || !window.htmx) return;
  document.querySelectorAll(`[hx-target="#${options.id}"]`).forEach((source) => {
    window.htmx.trigger(source, "htmx:abort");
  });
});

// And a tick made while matches were being fetched but before they left (a search still in
// its typing delay) stands too: the options that replace the old ones keep what was ticked.
document.addEventListener("htmx:beforeSwap", (event) => {
  const target = event.detail.target;
  if (!target || !target.classList.contains("jobbro-picker-options")) return;
  target.jobbroTicked = Array.from(target.querySelectorAll("input:checked"), (input) =>
    input.closest(".jobbro-picker-option").cloneNode(true));
});
document.addEventListener("htmx:afterSwap", (event) => {
  const target = event.detail.target;
  if (!target || !target.jobbroTicked) return;
  target.jobbroTicked.forEach((option) => {
    const ticked = option.querySelector("input");
    const same = Array.from(target.querySelectorAll("input")).find(
      (input) => input.name === ticked.name && input.value === ticked.value);
    if (same) {
      same.checked = true;
    } else {
      ticked.checked = true;
      target.prepend(option);
    }
  });
  delete target.jobbroTicked;
});

// A partial update that fails says so: htmx swaps nothing on an error or a lost connection,
// which would leave the user believing the click worked.
(function () {
  "use strict";
  function show(kind) {
    var template = document.querySelector("template[data-request-error]");
    if (!template) return;
    var old = document.querySelector("[data-testid=request-error]");
    if (old) old.remove();
    var box = template.content.firstElementChild.cloneNode(true);
    box.querySelector("[data-request-error-text]").textContent =
      template.getAttribute("data-" + kind);
    box.querySelector("[data-request-error-login]").hidden = kind !== "login";
    // Inside an open modal dialog, or the dialog would cover it and make it inert.
    (document.querySelector("dialog[open]") || document.body).appendChild(box);
    box.querySelector("[data-request-error-close]").focus();
  }
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr.status;
    if (status === 401) show("login");
    else if (status === 403) show("forbidden");
    else if (status === 404 || status === 410) show("gone");
    else if (status >= 500) show("server");
    else show("refused");
  });
  document.addEventListener("htmx:sendError", function () { show("network"); });
  // Logging in again (in another tab) gives a new CSRF token: send the current one, so the
  // form kept on this page can be sent again.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.cookie.match(/(?:^|;\s*)(?:__Host-)?csrftoken=([^;]+)/);
    if (!token) return;
    var value = decodeURIComponent(token[1]);
    event.detail.headers["X-CSRFToken"] = value;
    // Django reads a form's own field before the header.
    if (event.detail.parameters.has && event.detail.parameters.has("csrfmiddlewaretoken")) {
      event.detail.parameters.set("csrfmiddlewaretoken", value);
    }
  });
  document.addEventListener("htmx:timeout", function () { show("network"); });
  document.addEventListener("click", function (event) {
    var close = event.target.closest("[data-request-error-close]");
    if (close) close.closest("[data-testid=request-error]").remove();
  });
})();

// Switching language returns to the page as it is now: filters chosen with htmx have
// changed the address since the page was rendered (hx-push-url).
document.addEventListener("submit", (event) => {
  if (!event.target.matches(".jobbro-langswitch")) return;
  event.target.querySelector("input[name=next]").value = window.location.pathname + window.location.search;
});
