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
// Issue 16, PDF report (w6): a link to a PDF that takes a few seconds to make shows that it is
// working (a spinner and its data-pdf-progress text, also read out by its status element),
// and a second click does not start a second one.
(function () {
  "use strict";
  function restore(link) {
    if (link.dataset.pdfBusy !== "1") { return; }
    link.replaceChildren.apply(link, link.pdfChildren || []);
    link.removeAttribute("aria-busy");
    link.classList.remove("disabled");
    delete link.dataset.pdfBusy;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-pdf-progress]") : null;
    if (!link || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
    if (link.dataset.pdfBusy === "1") { event.preventDefault(); return; }
    var label = link.getAttribute("data-pdf-progress");
    link.pdfChildren = Array.prototype.slice.call(link.childNodes);
    var spinner = document.createElement("span");
    spinner.className = "spinner-border spinner-border-sm me-1";
    spinner.setAttribute("aria-hidden", "true");
    link.replaceChildren(spinner, document.createTextNode(label));
    link.setAttribute("aria-busy", "true");
    link.classList.add("disabled");
    link.dataset.pdfBusy = "1";
    var status = document.getElementById(link.getAttribute("data-pdf-status") || "");
    if (status) { status.textContent = label; }
    // The PDF replaces this page; if it is downloaded instead, the link comes back by itself.
    window.setTimeout(function () { restore(link); if (status) { status.textContent = ""; } }, 15000);
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("a[data-pdf-busy]").forEach(restore);
  });
})();
// Issue 16, large text and small screens (w7): a row of tabs wider than the screen says that it
// scrolls: the side with hidden tabs fades out under an arrow (classes on the row and on its
// parent), and the current tab is brought into view.
(function () {
  "use strict";
  document.querySelectorAll(".role-tabs").forEach(function (row) {
    var frame = row.parentElement;
    frame.classList.add("tabs-scroller");
    function update() {
      var hidden = row.scrollWidth - row.clientWidth;
      var start = row.scrollLeft > 1;
      var end = row.scrollLeft < hidden - 1;
      [row, frame].forEach(function (element) {
        element.classList.toggle("can-scroll-start", start);
        element.classList.toggle("can-scroll-end", end);
      });
    }
    var active = row.querySelector(".active");
    if (active) {
      var tab = active.getBoundingClientRect();
      var box = row.getBoundingClientRect();
      if (tab.right > box.right) { row.scrollLeft += tab.right - box.right + 48; }
    }
    row.addEventListener("scroll", update, { passive: true });
    window.addEventListener("resize", update);
    update();
  });
})();
