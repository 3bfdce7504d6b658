// Small enhancements only: every page works without this file.
document.documentElement.classList.add("js");

// Selects marked data-autosubmit submit their form on change (the language switcher);
// their submit button is hidden once JavaScript runs.
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field instanceof HTMLSelectElement && field.dataset.autosubmit !== undefined) {
    field.form.requestSubmit();
  }
});
