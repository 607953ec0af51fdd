// Progressive enhancements for the whole site. Every page works without this file.
(function () {
  "use strict";
  // Buttons marked data-confirm ask before submitting their form (e.g. removing a member).
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var message = button && button.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
  // A submitted form cannot be sent twice by a double click.
  document.addEventListener("submit", function (event) {
    if (event.defaultPrevented) { return; }
    var form = event.target;
    window.setTimeout(function () {
      form.querySelectorAll("[type=submit]:not(:disabled)").forEach(function (b) {
        b.disabled = true;
        b.dataset.autoDisabled = "1";
      });
    }, 0);
  });
  // Coming back with the browser's back button shows the buttons usable again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("[data-auto-disabled]").forEach(function (b) {
      b.disabled = false;
      delete b.dataset.autoDisabled;
    });
  });
})();
