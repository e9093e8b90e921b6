/* Moves focus to the element a page marks with data-autofocus (the triage outcome, an
   error summary), so keyboard and screen-reader users land where the page changed.
   An external file because the Content-Security-Policy blocks inline scripts. */
(function () {
  "use strict";
  var target = document.querySelector("[data-autofocus]");
  if (!target) {
    return;
  }
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: "start" });
})();
