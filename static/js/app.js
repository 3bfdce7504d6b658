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

// Saved replies: "Insert" puts the chosen text into the reply at the cursor (without
// JavaScript the button reloads the page with the text filled in).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-insert-into]");
  if (!button) return;
  const select = document.querySelector("[data-saved-replies]");
  const textarea = document.getElementById(button.dataset.insertInto);
  const option = select && select.selectedOptions[0];
  if (!option || !textarea) return;
  event.preventDefault();
  const text = option.dataset.body;
  const start = textarea.selectionStart ?? textarea.value.length;
  const end = textarea.selectionEnd ?? textarea.value.length;
  textarea.setRangeText(text, start, end, "end");
  textarea.focus();
});

// One click, one submission (the server is idempotent anyway; this spares a second request).
document.addEventListener("submit", (event) => {
  const button = event.target.querySelector("[data-disable-on-submit]");
  if (button) setTimeout(() => { button.disabled = true; }, 0);
});

// Status update forms: show only the fields of the chosen kind (a fieldset per kind).
function syncStatusForm(form) {
  const type = form.querySelector("select[name=type]");
  if (!type) return;
  form.querySelectorAll("[data-for-kind]").forEach((el) => {
    el.hidden = el.dataset.forKind !== type.value;
  });
}
document.addEventListener("change", (event) => {
  const form = event.target.closest(".status-form");
  if (form) syncStatusForm(form);
});
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".status-form").forEach(syncStatusForm);
});
