// Line editor of invoices (and of AP's orders and bills, which use the same markup).
//
// Each line is a <tbody data-line-row> copied from the <template> with a fresh index (WTForms
// reads lines-<n>-* in index order, gaps allowed); every change asks the server for new
// totals and line nets through "ll:invoicing_lines_changed". Keyboard: Enter in a line adds
// the next line below it and focuses its description; in the description, ArrowDown/ArrowUp
// walk the catalogue suggestions and Enter takes the highlighted one (unit, price and VAT
// filled in). A line shows the VAT details its category needs, in its folded details row.
(function () {
  "use strict";

  function nextIndex(table) {
    var highest = -1;
    table.querySelectorAll("[name^='lines-']").forEach(function (input) {
      var n = parseInt(input.name.split("-")[1], 10);
      if (!isNaN(n) && n > highest) highest = n;
    });
    return highest + 1;
  }

  function linesChanged(table) {
    var fields = table.closest("[data-lines-scope]") || document.getElementById("invoice-editor-fields");
    if (fields && window.htmx) htmx.trigger(fields, "ll:invoicing_lines_changed");
  }

  function openDetails(line, open) {
    var details = line.querySelector("[data-line-details]");
    var toggle = line.querySelector("[data-toggle-details]");
    if (!details || !toggle) return;
    details.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }

  // A line's VAT details follow its category: only the fields that category needs are shown
  // and sent (the server renders the same choice; see forms.LINE_FIELD_CATEGORIES). A category
  // that needs some opens the details row.
  function showDetails(line) {
    var select = line.querySelector("[data-tax-category]");
    if (!select) return;
    var needed = false;
    line.querySelectorAll("[data-line-detail]").forEach(function (label) {
      var wanted = label.dataset.categories.split(" ").indexOf(select.value) !== -1;
      var control = label.querySelector("input, select");
      var hasError = control && control.getAttribute("aria-invalid") === "true";
      label.hidden = !(wanted || hasError);
      if (control) control.disabled = label.hidden;
      if (wanted) needed = true;
    });
    if (needed) openDetails(line, true);
  }

  function addLine(table, after) {
    var template = document.getElementById(table.getAttribute("data-line-template") || "invoice-line-template");
    var html = template.innerHTML.replace(/__index__/g, String(nextIndex(table)));
    if (after) {
      after.insertAdjacentHTML("afterend", html);
    } else {
      table.insertAdjacentHTML("beforeend", html);
    }
    var line = after ? after.nextElementSibling : table.querySelector("tbody[data-line-row]:last-of-type");
    showDetails(line);
    if (window.htmx) htmx.process(line);
    line.querySelector("[data-line-description], input").focus();
    linesChanged(table);
    return line;
  }

  // --- catalogue suggestions (filled by the server into .ll-suggest as [data-suggestion]) --

  function suggestions(line) {
    return Array.prototype.slice.call(line.querySelectorAll("[data-suggestion]"));
  }

  function highlight(line, step) {
    var items = suggestions(line);
    if (!items.length) return false;
    var current = items.findIndex(function (el) {
      return el.getAttribute("aria-selected") === "true";
    });
    var next = current === -1 ? (step > 0 ? 0 : items.length - 1) : (current + step + items.length) % items.length;
    items.forEach(function (el, i) {
      el.setAttribute("aria-selected", i === next ? "true" : "false");
    });
    var description = line.querySelector("[data-line-description]");
    if (description) description.setAttribute("aria-activedescendant", items[next].id);
    return true;
  }

  function setValue(line, suffix, value) {
    if (value == null || value === "") return;
    var field = line.querySelector("[name$='-" + suffix + "']");
    if (!field) return;
    if (field.tagName === "SELECT" && !Array.prototype.some.call(field.options, function (o) { return o.value === value; })) {
      return;
    }
    field.value = value;
  }

  function take(line, item) {
    setValue(line, "description", item.getAttribute("data-name"));
    setValue(line, "unit_code", item.getAttribute("data-unit"));
    setValue(line, "unit_price", item.getAttribute("data-price"));
    setValue(line, "tax_category", item.getAttribute("data-vat"));
    clearSuggestions(line);
    showDetails(line);
    var quantity = line.querySelector("[name$='-quantity']");
    if (quantity) quantity.focus();
    linesChanged(line.closest("[data-lines]"));
  }

  function clearSuggestions(line) {
    var box = line.querySelector(".ll-suggest");
    if (box) box.replaceChildren();
    var description = line.querySelector("[data-line-description]");
    if (description) description.removeAttribute("aria-activedescendant");
  }

  document.addEventListener("keydown", function (event) {
    var line = event.target.closest && event.target.closest("[data-line-row]");
    if (!line) return;
    var inDescription = event.target.matches("[data-line-description]");
    if (inDescription && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      if (highlight(line, event.key === "ArrowDown" ? 1 : -1)) event.preventDefault();
      return;
    }
    if (event.key === "Escape") {
      clearSuggestions(line);
      return;
    }
    if (event.key !== "Enter" || event.target.tagName !== "INPUT") return;
    event.preventDefault(); // never submits the whole form from a line
    var chosen = line.querySelector("[data-suggestion][aria-selected='true']");
    if (inDescription && chosen) {
      take(line, chosen);
    } else {
      clearSuggestions(line);
      addLine(line.closest("[data-lines]"), line);
    }
  });

  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-tax-category]")) {
      showDetails(event.target.closest("[data-line-row]"));
    }
  });

  document.addEventListener("click", function (event) {
    var add = event.target.closest("[data-add-line]");
    var remove = event.target.closest("[data-remove-line]");
    var toggle = event.target.closest("[data-toggle-details]");
    var item = event.target.closest("[data-suggestion]");
    if (add) {
      var scope = add.closest("fieldset") || document;
      addLine(scope.querySelector("[data-lines]"), null);
    } else if (remove) {
      var line = remove.closest("[data-line-row]");
      var table = line.closest("[data-lines]");
      line.remove();
      linesChanged(table);
    } else if (toggle) {
      var row = toggle.closest("[data-line-row]");
      openDetails(row, toggle.getAttribute("aria-expanded") !== "true");
    } else if (item) {
      take(item.closest("[data-line-row]"), item);
    }
  });
})();
