// The self-diagnosis form (templates/diagnosis/take.html). Everything here is an enhancement:
// without it the form posts, lists what is missing and keeps every answer all the same.
//
// - counts the answered items;
// - keeps the answers as they are chosen, so a reload or a closed tab loses nothing: a member's in
//   the organisation's draft on the server (posted a moment after each answer, and when the page is
//   left), a visitor's in this browser's localStorage (restored on the next visit, cleared once the
//   server has taken the submission: it echoes the key sent with it in data-submitted);
// - clears an item's error, and its line in the summary, as soon as it is answered.
(function () {
  "use strict";
  var form = document.getElementById("diagnosis-form");
  if (!form) { return; }
  var counter = form.querySelector("[data-answered]");
  var progress = form.querySelector("[data-progress]");
  var draftUrl = form.getAttribute("data-draft-url");
  var storeKey = form.getAttribute("data-store-key");
  var bound = form.hasAttribute("data-bound");
  var SAVE_DELAY = 800;

  function checkedRadios() {
    return form.querySelectorAll("fieldset.question input[type=radio]:checked");
  }

  function updateCounter() {
    var answered = checkedRadios().length;
    counter.textContent = answered;
    progress.value = answered;
  }

  // --- The browser's copy (visitors; a member's only until it reaches the server) ---
  function readStored() {
    try {
      var data = JSON.parse(window.localStorage.getItem(storeKey) || "null");
      return data && typeof data.answers === "object" ? data : null;
    } catch (error) {
      return null;  // storage disabled, or not ours
    }
  }
  function writeStored(data) {
    try { window.localStorage.setItem(storeKey, JSON.stringify(data)); } catch (error) { /* full or disabled */ }
  }
  function forgetStored() {
    try { window.localStorage.removeItem(storeKey); } catch (error) { /* disabled */ }
  }
  function snapshot() {
    var data = { answers: {}, savedAt: Date.now() };
    checkedRadios().forEach(function (radio) { data.answers[radio.name] = radio.value; });
    ["industry", "size_band"].forEach(function (name) {
      var field = form.elements[name];
      if (field && field.value) { data[name] = field.value; }
    });
    return data;
  }
  // Puts stored answers into items that have none yet; returns how many it filled.
  function restore(data) {
    var filled = 0;
    Object.keys(data.answers).forEach(function (name) {
      if (!/^q\d+$/.test(name)) { return; }
      var group = form.querySelectorAll("input[type=radio][name=" + name + "]");
      var alreadyAnswered = Array.prototype.some.call(group, function (radio) { return radio.checked; });
      if (alreadyAnswered) { return; }
      Array.prototype.forEach.call(group, function (radio) {
        if (radio.value === data.answers[name]) {
          radio.checked = true;
          filled += 1;
          clearItemError(radio.closest("fieldset.question"));
        }
      });
    });
    ["industry", "size_band"].forEach(function (name) {
      var field = form.elements[name];
      if (field && !field.value && data[name]) {
        field.value = data[name];
        if (field.value !== data[name]) { field.value = ""; }  // not one of the options
      }
    });
    return filled;
  }

  function showRestored(count) {
    var notice = document.querySelector("[data-restored]");
    if (!notice) { return; }
    var text = notice.querySelector("[data-restored-text]");
    text.textContent = text.getAttribute("data-template").replace("{count}", count);
    notice.hidden = false;
    notice.querySelector("[data-forget]").addEventListener("click", function () {
      forgetStored();
      form.querySelectorAll("fieldset.question input[type=radio]").forEach(function (radio) { radio.checked = false; });
      ["industry", "size_band"].forEach(function (name) {
        if (form.elements[name]) { form.elements[name].value = ""; }
      });
      updateCounter();
      notice.hidden = true;
      var first = form.querySelector("fieldset.question input[type=radio]");
      if (first) { first.focus(); }
    });
  }

  // --- The member's draft on the server ---
  var saveTimer = null;
  var dirty = false;
  var submitting = false;
  var status = form.querySelector("[data-save-status]");
  var saveError = form.querySelector("[data-save-error]");

  function saved(data) {
    saveError.hidden = true;
    if (data && data.saved) {
      status.textContent = status.getAttribute("data-saved").replace("{time}", data.saved_at);
      status.hidden = false;
    }
  }
  function failed() {
    status.hidden = true;
    saveError.hidden = false;
  }
  function saveNow() {
    window.clearTimeout(saveTimer);
    saveTimer = null;
    dirty = false;
    status.textContent = status.getAttribute("data-saving");
    status.hidden = false;
    window.fetch(draftUrl, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(saved, failed);
  }
  function scheduleSave() {
    dirty = true;
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(saveNow, SAVE_DELAY);
  }
  // Leaving (reload, closed tab, another app on a phone) with an answer not yet sent: send it now.
  function flush() {
    if (!dirty || submitting) { return; }
    window.clearTimeout(saveTimer);
    saveTimer = null;
    dirty = false;
    if (!(navigator.sendBeacon && navigator.sendBeacon(draftUrl, new FormData(form)))) {
      window.fetch(draftUrl, { method: "POST", body: new FormData(form), credentials: "same-origin", keepalive: true });
    }
  }

  // --- Errors clear as items are answered ---
  var summary = document.getElementById("error-summary");

  function clearItemError(fieldset) {
    var number = fieldset.id.replace("item-", "");
    if (fieldset.classList.contains("border-danger")) {
      fieldset.classList.remove("border-danger", "border-2");
      fieldset.removeAttribute("aria-describedby");
      var message = document.getElementById("item-" + number + "-error");
      if (message) { message.remove(); }
    }
    if (!summary) { return; }
    summary.querySelectorAll("li[data-item='" + number + "']").forEach(function (line) { line.remove(); });
    summary.querySelectorAll("[data-item-errors]").forEach(function (block) {
      if (!block.querySelector("li")) { block.hidden = true; }
    });
    var open = summary.querySelector("li[data-item]") || summary.querySelector("[data-other-error]");
    if (!open) {
      summary.querySelector("[data-summary-title]").hidden = true;
      summary.querySelector("[data-all-answered]").hidden = false;
      summary.classList.remove("alert-danger");
      summary.classList.add("alert-success");
    }
  }

  // --- Start ---
  document.querySelectorAll("[data-js-note]").forEach(function (note) { note.hidden = false; });
  var stored = readStored();
  if (draftUrl) {
    // A visitor who has since logged in: answers chosen in this browser before move to the
    // organisation's draft, unless it already has one.
    if (stored && !bound && !form.hasAttribute("data-has-draft") && restore(stored) > 0) {
      showRestored(checkedRadios().length);
      scheduleSave();
    }
    forgetStored();
  } else if (bound) {
    // The answers the server sent back stand; answers chosen after them (the page reloaded,
    // which sends the same form again) fill the items still empty.
    if (stored) { restore(stored); }
    writeStored(snapshot());
  } else if (stored) {
    if (stored.submitted && stored.submitted === form.getAttribute("data-submitted")) {
      forgetStored();  // that submission became a result
    } else {
      delete stored.submitted;
      var filled = restore(stored);
      if (filled > 0) { showRestored(checkedRadios().length); }
      writeStored(snapshot());
    }
  }
  updateCounter();

  form.addEventListener("change", function (event) {
    var fieldset = event.target.closest("fieldset.question");
    if (fieldset) { clearItemError(fieldset); }
    updateCounter();
    if (draftUrl) { scheduleSave(); } else { writeStored(snapshot()); }
  });
  form.addEventListener("submit", function () {
    if (draftUrl) {
      // The submission carries every answer (and a draft button saves them itself).
      submitting = true;
      dirty = false;
      window.clearTimeout(saveTimer);
      return;
    }
    var key = Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
    form.querySelector("[data-browser-draft]").value = key;
    var data = snapshot();
    data.submitted = key;
    writeStored(data);
  });
  // Back to this page from the browser's history: it may be reused as it was left.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { submitting = false; }
  });
  if (draftUrl) {
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { flush(); }
    });
  }

  if (summary) {
    summary.focus();
    // A link in the summary takes the keyboard to the item's first option, not only the view.
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#item-']");
      var item = link && document.getElementById(link.getAttribute("href").slice(1));
      var option = item && item.querySelector("input[type=radio]");
      if (option) {
        event.preventDefault();
        item.scrollIntoView({ block: "center" });
        option.focus({ preventScroll: true });
      }
    });
  }
})();
