// Forms (issue 16, "nothing typed is lost"). Every page works without this file.
(function () {
  "use strict";
  // The error summary takes the focus when the page loads, so that keyboard and screen-reader
  // users start from the list of what to fix; its links move to each field.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (field) {
        event.preventDefault();
        var details = field.closest("details");  // e.g. the presenters' prefecture list
        if (details) { details.open = true; }
        field.scrollIntoView({ block: "center" });
        field.focus();
      }
    });
  }
  // Forms marked data-warn-unsaved ask before the page is left with changes not yet sent.
  var dirty = new Set();
  document.querySelectorAll("form[data-warn-unsaved]").forEach(function (form) {
    // A page shown again with an error summary holds text that has not been saved yet.
    if (form.querySelector(".is-invalid") || form.hasAttribute("data-unsaved")) { dirty.add(form); }
    form.addEventListener("input", function () { dirty.add(form); });
    form.addEventListener("change", function () { dirty.add(form); });
    form.addEventListener("submit", function () { dirty.delete(form); });
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty.size) {
      event.preventDefault();
      event.returnValue = "";  // older browsers show their own wording; none shows ours
    }
  });
})();
