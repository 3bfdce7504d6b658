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

// Inbox: "All on this page" ticks every conversation of the page (without JavaScript each
// is ticked by hand; the box is hidden then).
document.addEventListener("change", (event) => {
  const all = event.target.closest("[data-select-all]");
  if (!all) return;
  all.form.querySelectorAll(`input[type=checkbox][name="${all.dataset.selectAll}"]`)
    .forEach((box) => { box.checked = all.checked; });
});

// Filters folded on a phone are open on a wide screen.
function openWide(root) {
  if (!window.matchMedia("(min-width: 801px)").matches) return;
  root.querySelectorAll("details[data-open-wide]").forEach((d) => { d.open = true; });
}
document.addEventListener("DOMContentLoaded", () => openWide(document));

// The tab's title starts with the number of unread conversations, kept current by the
// navigation badge's polling (data-unread on #inbox-badge).
const baseTitle = document.title.replace(/^\(\d+\) /, "");
function syncTitle() {
  const badge = document.getElementById("inbox-badge");
  if (!badge) return;
  const unread = parseInt(badge.dataset.unread || "0", 10);
  document.title = unread > 0 ? `(${unread}) ${baseTitle}` : baseTitle;
}
document.addEventListener("DOMContentLoaded", syncTitle);
document.addEventListener("htmx:afterSettle", syncTitle);

// Inbox bulk actions: the team member to assign to is asked only for "Assign to…".
function syncBulk(form) {
  const action = form.querySelector("select[name=action]");
  const assignee = form.querySelector("select[name=assignee]");
  if (action && assignee) assignee.hidden = action.value !== "assign";
}
document.addEventListener("change", (event) => {
  const form = event.target.closest("#bulk");
  if (form) syncBulk(form);
});
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("bulk");
  if (form) syncBulk(form);
});
document.addEventListener("htmx:afterSettle", () => {
  const form = document.getElementById("bulk");
  if (form) syncBulk(form);
});
