// The presenter search (issue 16): on a phone the search conditions fold behind their summary
// so that the first results show without scrolling; beside the results (992 px and wider) they
// stay open. Without JavaScript the <details> simply stays open.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 992px)");
  var panels = document.querySelectorAll("details[data-fold-on-small]");
  function fit() {
    panels.forEach(function (panel) { panel.open = wide.matches; });
  }
  fit();
  wide.addEventListener("change", fit);
})();
