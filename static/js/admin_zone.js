// The admin's date and time fields are in the console's time zone (TIME_ZONE). Django's
// widget warns "You are 1 hour behind server time" when the browser's zone differs, which
// reads like a clock error: say instead which zone the fields are in.
window.addEventListener("load", () => {
  const zone = document.querySelector(".console-zone");
  if (!zone || !zone.dataset.inputNote) {
    return;
  }
  for (const warning of document.querySelectorAll(".timezonewarning")) {
    warning.textContent = zone.dataset.inputNote;
  }
});
