// Invoice editor: add and remove line rows. New rows copy the <template> row with a fresh
// index (WTForms reads lines-<n>-* in index order, gaps allowed); every change asks the
// server for new totals through the "ll:invoicing_lines_changed" trigger. A line shows the VAT details
// (exemption reason and code, GTIN, goods type) its category needs.
(function () {
  "use strict";

  function nextIndex(body) {
    var highest = -1;
    body.querySelectorAll("[name^='lines-']").forEach(function (input) {
      var n = parseInt(input.name.split("-")[1], 10);
      if (!isNaN(n) && n > highest) highest = n;
    });
    return highest + 1;
  }

  function linesChanged() {
    var fields = document.getElementById("invoice-editor-fields");
    if (fields && window.htmx) htmx.trigger(fields, "ll:invoicing_lines_changed");
  }

  // A line's VAT details follow its category: only the fields that category needs are shown
  // and sent (the server renders the same choice; see forms.LINE_FIELD_CATEGORIES).
  function showDetails(row) {
    var select = row.querySelector("[data-tax-category]");
    if (!select) return;
    row.querySelectorAll("[data-line-detail]").forEach(function (label) {
      var wanted = label.dataset.categories.split(" ").indexOf(select.value) !== -1;
      var control = label.querySelector("input, select");
      var hasError = control && control.getAttribute("aria-invalid") === "true";
      label.hidden = !(wanted || hasError);
      if (control) control.disabled = label.hidden;
    });
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-tax-category]")) {
      showDetails(event.target.closest("[data-line-row]"));
    }
  });

  document.addEventListener("click", function (event) {
    var add = event.target.closest("[data-add-line]");
    var remove = event.target.closest("[data-remove-line]");
    if (add) {
      var template = document.getElementById("invoice-line-template");
      var body = document.querySelector("#invoice-lines [data-lines]");
      var html = template.innerHTML.replace(/__index__/g, String(nextIndex(body)));
      body.insertAdjacentHTML("beforeend", html);
      var row = body.lastElementChild;
      showDetails(row);
      if (window.htmx) htmx.process(row);
      row.querySelector("input").focus();
      linesChanged();
    } else if (remove) {
      remove.closest("[data-line-row]").remove();
      linesChanged();
    }
  });
})();
