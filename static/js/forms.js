// Progressive enhancement only: the forms work without JavaScript.
// After a failed submit, move focus to the error summary so screen readers announce it.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
});
