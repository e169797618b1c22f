// Purchase-order lines: the company's catalogue as you type a description (invoicing's
// autocomplete fills .ll-suggest with [data-suggestion] buttons). ArrowDown/ArrowUp walk
// them, Enter or a click takes one: description, item code, unit, unit price and the VAT rate
// of its category (standard 5 %, otherwise 0) are filled in.
(function () {
  "use strict";

  function items(line) {
    return Array.prototype.slice.call(line.querySelectorAll("[data-suggestion]"));
  }

  function set(line, suffix, value) {
    var field = line.querySelector("[name$='-" + suffix + "']");
    if (field && value != null && value !== "") field.value = value;
  }

  function take(line, item) {
    set(line, "description", item.getAttribute("data-name"));
    set(line, "item_code", item.getAttribute("data-code"));
    set(line, "unit_code", item.getAttribute("data-unit"));
    set(line, "unit_price", item.getAttribute("data-price"));
    set(line, "tax_rate", item.getAttribute("data-vat") === "S" ? "5" : "0");
    line.querySelector(".ll-suggest").replaceChildren();
    var quantity = line.querySelector("[name$='-quantity']");
    if (quantity) quantity.focus();
  }

  document.addEventListener("keydown", function (event) {
    if (!event.target.matches || !event.target.matches("[data-catalog-description]")) return;
    var line = event.target.closest("[data-catalog-line]");
    var list = items(line);
    var current = list.findIndex(function (el) {
      return el.getAttribute("aria-selected") === "true";
    });
    if ((event.key === "ArrowDown" || event.key === "ArrowUp") && list.length) {
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : -1;
      var next = current === -1 ? (step > 0 ? 0 : list.length - 1) : (current + step + list.length) % list.length;
      list.forEach(function (el, i) {
        el.setAttribute("aria-selected", i === next ? "true" : "false");
      });
      event.target.setAttribute("aria-activedescendant", list[next].id);
    } else if (event.key === "Enter" && current !== -1) {
      event.preventDefault();
      take(line, list[current]);
    } else if (event.key === "Escape") {
      line.querySelector(".ll-suggest").replaceChildren();
    }
  });

  document.addEventListener("click", function (event) {
    var item = event.target.closest && event.target.closest("[data-catalog-line] [data-suggestion]");
    if (item) take(item.closest("[data-catalog-line]"), item);
  });
})();
