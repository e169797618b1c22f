// Ledgerline shell behaviour: CSRF on htmx requests, visible htmx errors. Nothing heavy.
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // Flask-WTF checks X-CSRFToken on every state-changing request, htmx ones included.
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRFToken"] = csrfToken();
  });

  function flash(message, category) {
    var box = document.getElementById("ll-flashes");
    if (!box) return;
    var p = document.createElement("p");
    p.className = "ll-flash ll-flash-" + (category || "error");
    p.setAttribute("role", category === "error" ? "alert" : "status");
    p.textContent = message;
    box.appendChild(p);
  }
  window.llFlash = flash;

  // JSON error objects carry a message; pages carry their own wording in the first <p>.
  function describe(xhr) {
    var fallback = "The request failed (" + xhr.status + "). Please try again.";
    var body = xhr.responseText || "";
    try {
      var data = JSON.parse(body);
      if (data && data.error && data.error.message) return data.error.message;
    } catch (e) {
      var doc = new DOMParser().parseFromString(body, "text/html");
      var p = doc.querySelector("[data-error-message]");
      if (p && p.textContent.trim()) return p.textContent.trim();
    }
    return fallback;
  }

  document.addEventListener("htmx:responseError", function (event) {
    flash(describe(event.detail.xhr), "error");
  });

  document.addEventListener("htmx:sendError", function () {
    flash("The server could not be reached. Check your connection and try again.", "error");
  });

  // data-ll-opens-dialog="ID": once its htmx request's answer is swapped into that <dialog>,
  // open it. (No inline hx-on handlers: the Content-Security-Policy allows no inline code.)
  // Heard from the dialog's swapped content, not from the clicked element: a live update may
  // have replaced that element (the invoice's action bar) while the request was in flight,
  // and events of an element no longer in the page reach no one.
  document.addEventListener("htmx:afterSwap", function (event) {
    var config = event.detail.requestConfig;
    var elt = config && config.elt;
    var id = elt && elt.getAttribute && elt.getAttribute("data-ll-opens-dialog");
    var dialog = id ? document.getElementById(id) : null;
    if (dialog && !dialog.open && dialog.contains(event.target)) dialog.showModal();
  });

  // A 422 answer is a form with field errors: swap it in like a success (htmx loads first).
  if (window.htmx) {
    window.htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "422", swap: true, error: false },
      { code: "[45]..", swap: false, error: true },
      { code: "...", swap: false },
    ];
  }
})();

// Phones: the collapsed menu opens behind one button; stacked-card tables label each cell
// with its column name (CSS shows data-label above the value). Runs again after htmx swaps.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-ll-menu-toggle]");
    if (!button) return;
    var nav = button.closest("nav");
    var open = !nav.classList.contains("ll-open");
    nav.classList.toggle("ll-open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });

  function labelCells(root) {
    var tables = (root.querySelectorAll ? root : document).querySelectorAll("table");
    Array.prototype.forEach.call(tables, function (table) {
      var heads = table.querySelectorAll("thead th");
      if (!heads.length) return;
      var names = Array.prototype.map.call(heads, function (th) {
        return th.textContent.trim();
      });
      Array.prototype.forEach.call(table.querySelectorAll("tbody > tr, tfoot > tr"), function (tr) {
        var col = 0;
        Array.prototype.forEach.call(tr.children, function (cell) {
          var name = names[col];
          if (name && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", name);
          col += cell.colSpan || 1;
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    labelCells(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    labelCells(event.detail.elt && event.detail.elt.parentNode ? event.detail.elt.parentNode : document);
  });
})();

// Dates more than a year from today (a payment dated 2031, an invoice dated 2015) are usually
// typos: ask before sending the form. Answering "no" sends nothing and keeps every value typed.
// htmx forms are asked through htmx:confirm (before the request), plain forms on submit.
(function () {
  "use strict";

  var YEAR_MS = 366 * 24 * 3600 * 1000;

  function farDates(form) {
    var today = new Date();
    today.setHours(0, 0, 0, 0);
    var found = [];
    Array.prototype.forEach.call(form.querySelectorAll('input[type="date"]'), function (input) {
      if (!input.value || input.disabled || input.hasAttribute("data-ll-any-date")) return;
      var day = new Date(input.value + "T00:00:00");
      if (isNaN(day.getTime()) || Math.abs(day - today) <= YEAR_MS) return;
      var label = input.labels && input.labels[0] ? input.labels[0].textContent.trim() : input.name;
      found.push(label.split("\n")[0].trim() + ": " + input.value);
    });
    return found;
  }

  function message(found) {
    var meta = document.querySelector('meta[name="ll-far-date-message"]');
    var text = meta ? meta.getAttribute("content") : "More than a year from today:";
    return text + "\n\n" + found.join("\n");
  }

  // Returns false when the user chose to go back and correct the date.
  function confirmed(form) {
    if (!form || form.tagName !== "FORM") return true;
    var found = farDates(form);
    return !found.length || window.confirm(message(found));
  }

  document.addEventListener("htmx:confirm", function (event) {
    var elt = event.detail.elt;
    var form = elt && (elt.tagName === "FORM" ? elt : elt.closest && elt.closest("form"));
    if (event.detail.verb === "get" || confirmed(form)) return;
    event.preventDefault();
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if ((form.getAttribute("method") || "get").toLowerCase() === "get") return; // filters, searches
    if (form.hasAttribute("hx-post") || form.hasAttribute("hx-put") || form.hasAttribute("hx-patch")) {
      return; // asked through htmx:confirm
    }
    if (!confirmed(form)) event.preventDefault();
  });
})();

// Lists: the header checkbox ticks (or clears) every row of the page for the bulk form it names.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var all = event.target.closest && event.target.closest("[data-select-all]");
    if (!all) return;
    var form = all.getAttribute("data-select-all");
    var boxes = document.querySelectorAll('input[type=checkbox][name=ids][form="' + form + '"]');
    Array.prototype.forEach.call(boxes, function (box) {
      box.checked = all.checked;
    });
  });
})();
