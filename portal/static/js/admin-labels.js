// wagtail-localize's translation editor writes the label of its "More actions"
// button in English, outside gettext. Screen reader users get it from Wagtail's own
// JavaScript catalogue, in the admin's language, like every other admin string.
(function () {
  "use strict";
  var ENGLISH = "More actions";
  if (typeof window.gettext !== "function") {
    return;
  }
  var translated = window.gettext(ENGLISH);
  if (translated === ENGLISH) {
    return;
  }
  function translate() {
    document.querySelectorAll(".w-dropdown__toggle .w-sr-only").forEach(function (label) {
      if (label.textContent === ENGLISH) {
        label.textContent = translated;
      }
    });
  }
  function start() {
    translate();
    new MutationObserver(translate).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
