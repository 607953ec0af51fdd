// Shows how many of the 25 items are answered; the form works the same without it.
(function () {
  "use strict";
  var form = document.getElementById("diagnosis-form");
  if (!form) { return; }
  var counter = form.querySelector("[data-answered]");
  var progress = form.querySelector("[data-progress]");
  function update() {
    var answered = form.querySelectorAll("fieldset.question input[type=radio]:checked").length;
    counter.textContent = answered;
    progress.value = answered;
  }
  form.addEventListener("change", update);
  update();
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
