// The organisation form's 法人番号 look-up (templates/organisations/includes/corporate_lookup.html).
// Without this file the form works as it is. The register's answer is shown, and goes into the
// form only when the person presses 「この内容を入力」: nothing typed is replaced unasked.
(function () {
  "use strict";
  var panel = document.getElementById("corporate-lookup");
  var numberField = document.getElementById("id_corporate_number");
  // A verified organisation's number is locked: there is nothing to look up.
  if (!panel || !numberField || numberField.disabled) { return; }
  var url = panel.getAttribute("data-corporate-lookup");
  var status = panel.querySelector("[data-lookup-status]");
  var found = panel.querySelector("[data-lookup-found]");
  var fillButton = panel.querySelector("[data-lookup-fill]");
  var search = document.getElementById("corporate-name-search");
  var results = panel.querySelector("[data-lookup-results]");
  var record = null;
  var searchTimer = null;
  var lastName = "";

  // Beside the number field, inside the form (its buttons are type="button"; the search box
  // has no name, so neither is ever sent with the form).
  var wrapper = document.getElementById("div_id_corporate_number") || numberField.parentNode;
  wrapper.parentNode.insertBefore(panel, wrapper.nextSibling);
  panel.hidden = false;

  function say(message) {
    // Emptied first so that the same words said twice are announced twice.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function ask(query) {
    return fetch(url + "?" + new URLSearchParams(query).toString(), {
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { throw new Error(String(response.status)); });
    });
  }

  function failed() { say(panel.getAttribute("data-failed-message")); }

  function digits(value) {
    // Full-width digits and hyphens as people type them; the server normalises the same way.
    return value.replace(/[０-９]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); })
      .replace(/[^0-9]/g, "");
  }

  var lastNumber = "";

  // Resolves once the answer is shown (true when the register knows the number).
  function lookUpNumber() {
    record = null;
    found.hidden = true;
    var number = digits(numberField.value);
    lastNumber = number;
    if (!number) { return Promise.resolve(false); }
    return ask({ number: number }).then(function (answer) {
      if (answer.status === "found") {
        record = answer.record;
        panel.querySelectorAll("[data-record]").forEach(function (element) {
          element.textContent = record[element.getAttribute("data-record")] || "—";
        });
        found.hidden = false;
      }
      say(answer.message);
      return record !== null;
    }, function () { failed(); return false; });
  }

  function fill() {
    if (!record) { return; }
    var values = {
      id_name: record.name,
      id_name_kana: record.name_kana,
      id_prefecture: record.prefecture,
      id_address: record.address
    };
    Object.keys(values).forEach(function (id) {
      var field = document.getElementById(id);
      if (field && values[id]) {
        field.value = values[id];
        // forms.js then knows the form holds changes not yet saved.
        field.dispatchEvent(new Event("input", { bubbles: true }));
        field.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    say(panel.getAttribute("data-filled-message"));
  }

  function choose(number) {
    numberField.value = number;
    results.textContent = "";
    // The button to press next gets the focus once it is shown (a hidden one cannot take it).
    lookUpNumber().then(function (known) { (known ? fillButton : numberField).focus(); });
    numberField.dispatchEvent(new Event("input", { bubbles: true }));  // forms.js: unsaved changes
  }

  function show(answer) {
    results.textContent = "";
    (answer.results || []).forEach(function (item) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-link text-start p-1";
      button.textContent = item.name + "（" + item.prefecture_name + item.city + "）" + item.number;
      button.addEventListener("click", function () { choose(item.number); });
      li.appendChild(button);
      results.appendChild(li);
    });
    say(answer.message);
  }

  function searchNames() {
    var name = search.value.trim();
    if (name === lastName) { return; }
    lastName = name;
    if (name.length < 2) { results.textContent = ""; return; }
    ask({ name: name }).then(function (answer) {
      if (search.value.trim() === name) { show(answer); }  // an answer overtaken by typing is dropped
    }, failed);
  }

  function suggestions() { return Array.prototype.slice.call(results.querySelectorAll("button")); }

  panel.querySelector("[data-lookup-number]").addEventListener("click", lookUpNumber);
  fillButton.addEventListener("click", fill);
  numberField.addEventListener("change", function () {
    if (digits(numberField.value) !== lastNumber) { lookUpNumber(); }
  });
  numberField.addEventListener("input", function () {
    var number = digits(numberField.value);
    if (number.length === 13 && number !== lastNumber) { lookUpNumber(); }
  });
  search.addEventListener("input", function () {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(searchNames, 300);
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();  // search, not send the organisation form
      window.clearTimeout(searchTimer);
      lastName = "";
      searchNames();
    } else if (event.key === "ArrowDown" && suggestions().length) {
      event.preventDefault();
      suggestions()[0].focus();
    } else if (event.key === "Escape") {
      results.textContent = "";
    }
  });
  results.addEventListener("keydown", function (event) {
    var list = suggestions();
    var at = list.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at < list.length - 1) {
      event.preventDefault();
      list[at + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (at > 0 ? list[at - 1] : search).focus();
    } else if (event.key === "Escape") {
      results.textContent = "";
      search.focus();
    }
  });
})();
