// Behaviour every page shares. No inline handlers: the content security policy forbids them.
document.addEventListener("keydown", (event) => {
  // Enter in a picker's search box searches; it must not submit the surrounding form.
  if (event.key === "Enter" && event.target.matches(".jobbro-picker-search")) {
    event.preventDefault();
  }
});
