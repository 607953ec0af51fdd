// The declaration form (/declaration/apply/): show only the section of the chosen level.
// Without JavaScript both sections show, each under a heading naming its level, and the
// server checks the pledges only for ★ and the policy only for ★★.
(function () {
  "use strict";
  var form = document.querySelector("[data-apply-form]");
  if (!form) return;
  var radios = form.querySelectorAll('input[name="stars"]');
  var sections = form.querySelectorAll("[data-stars-section]");

  function update() {
    var chosen = form.querySelector('input[name="stars"]:checked');
    sections.forEach(function (section) {
      // Nothing chosen yet: both stay visible, so nobody misses a section.
      section.hidden = Boolean(chosen) && section.getAttribute("data-stars-section") !== chosen.value;
    });
  }

  radios.forEach(function (radio) {
    radio.addEventListener("change", update);
  });
  update();
})();
