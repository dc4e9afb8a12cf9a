// Progressive enhancement only: the forms work without JavaScript.
document.addEventListener("DOMContentLoaded", function () {
  // After a failed submit, move focus to the error summary so screen readers announce it.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  // Print buttons (no inline onclick: the Content-Security-Policy allows no inline script).
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  // Switching language on a form page keeps what was typed: instead of following the link, the
  // form is posted to the link's address with switch_language set; the server shows the same
  // form in the new language without checking or saving anything (mentoring/forms.py BaseForm).
  // Posting (rather than keeping a copy in sessionStorage) leaves no personal data behind in the
  // browser, which matters on shared computers in libraries and advice centres. Without
  // JavaScript the link still switches the language; typed input is then lost.
  var form = document.querySelector("form[data-keep-input-on-language-switch]");
  if (!form) { return; }
  var links = document.querySelectorAll(".language-switch a[hreflang]");
  Array.prototype.forEach.call(links, function (link) {
    link.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
      event.preventDefault();
      var marker = document.createElement("input");
      marker.type = "hidden";
      marker.name = "switch_language";
      marker.value = link.getAttribute("hreflang");
      form.appendChild(marker);
      form.setAttribute("action", link.getAttribute("href"));
      form.submit();
    });
  });
});
