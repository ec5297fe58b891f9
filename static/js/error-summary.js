// Move focus to the error summary when a form comes back with errors, so keyboard and
// screen-reader users hear the problems first (GOV.UK pattern). The page works without it.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
})();
