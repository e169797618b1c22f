// Ledgerline live forms: a live update never takes away what the user is doing in a form.
//
// A fragment that listens to live events (live_fragments.js) re-fetches itself whole, and some
// hold a form (the payment page's refund form, a bill's review). Swapped in as it comes, the
// re-fetch would empty what the user is typing, drop the field errors of their last try and,
// while their form's request is in flight, leave that request's answer aimed at the replaced
// element: htmx drops an answer whose target has left the page (only out-of-band parts land).
//
// So a live re-fetch keeps each form (with an id) the user is working on as it is: one with a
// request in flight, the focus, a changed field, field errors shown, or that is the answer to
// its refused request (422) not sent again yet. Refusals and confirmations themselves are in
// the page's message area, outside every fragment (core.templating.render). The form is taken out
// before the swap and put in place of its new copy right after, with the focus and the
// selection it had. The rest of the fragment is new; fields of the form that stand outside it
// (a list's row boxes, form="...") are new too, set as the user had them where still listed.
// A form's answer whose target was replaced meanwhile goes to the element now carrying that
// target's id.
(function () {
  "use strict";
  if (!window.htmx) return;

  var sending = new WeakMap(); // form -> its requests in flight
  var refused = new WeakSet(); // forms swapped in as the answer to their refused request (422)
  var keptFor = new WeakMap(); // xhr of a live re-fetch -> {forms, focus}

  function formOf(detail) {
    var elt = detail && detail.requestConfig && detail.requestConfig.elt;
    return elt && elt.closest ? elt.closest("form") : null;
  }

  document.addEventListener("htmx:beforeSend", function (event) {
    var form = formOf(event.detail);
    var xhr = event.detail && event.detail.xhr;
    if (!form || !xhr) return;
    sending.set(form, (sending.get(form) || 0) + 1);
    xhr.addEventListener("loadend", function () {
      sending.set(form, sending.get(form) - 1);
    });
  });

  function changed(field) {
    var type = (field.type || "").toLowerCase();
    if (["hidden", "submit", "button", "reset", "image"].indexOf(type) >= 0) return false;
    if (type === "checkbox" || type === "radio") return field.checked !== field.defaultChecked;
    if (field.tagName === "SELECT") {
      var options = Array.from(field.options);
      if (field.multiple) {
        return options.some(function (o) {
          return o.selected !== o.defaultSelected;
        });
      }
      var first = options.findIndex(function (o) {
        return o.defaultSelected;
      });
      return field.selectedIndex !== (first < 0 ? 0 : first);
    }
    return "defaultValue" in field && field.value !== field.defaultValue;
  }

  // A list's row boxes sit in the table, outside the bulk form they belong to (form="...").
  function outside(form) {
    return Array.from(form.elements).filter(function (field) {
      return !form.contains(field);
    });
  }

  function inUse(form) {
    return (
      (sending.get(form) || 0) > 0 ||
      refused.has(form) ||
      form.contains(document.activeElement) ||
      outside(form).indexOf(document.activeElement) >= 0 ||
      form.querySelector('[aria-invalid="true"]') !== null ||
      Array.from(form.elements).some(changed)
    );
  }

  // A re-fetch of a listening fragment by itself (its trigger, or live_fragments.js).
  function liveRefetch(detail) {
    var config = detail.requestConfig;
    var elt = config && config.elt;
    if (!elt || !config.verb || config.verb.toLowerCase() !== "get") return false;
    var spec = elt.getAttribute("hx-trigger") || elt.getAttribute("data-hx-trigger") || "";
    return spec.indexOf("from:body") >= 0 && detail.target === elt;
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (!detail.shouldSwap || !detail.xhr || !liveRefetch(detail)) return;
    var forms = Array.from(detail.target.querySelectorAll("form[id]")).filter(inUse);
    if (!forms.length) return;
    var active = document.activeElement;
    var focus = null;
    forms.forEach(function (form) {
      if (active && (form.contains(active) || outside(form).indexOf(active) >= 0)) {
        focus = { form: form, elt: active, start: active.selectionStart, end: active.selectionEnd };
      }
    });
    var fields = [];
    forms.forEach(function (form) {
      outside(form).forEach(function (field) {
        if (changed(field)) fields.push({ form: form, was: field });
      });
      form.remove(); // out of the old content before htmx cleans it up: it stays as it is
    });
    keptFor.set(detail.xhr, { forms: forms, focus: focus, fields: fields });
  });

  // The field of ``form`` now standing for ``was`` (same name, and value for a box).
  function successor(form, was) {
    return Array.from(form.elements).find(function (field) {
      if (field.name !== was.name || field.type !== was.type) return false;
      return (was.type !== "checkbox" && was.type !== "radio") || field.value === was.value;
    });
  }

  // The answer to a refused form (its errors, what the user typed) stays until they send it
  // again: a live re-fetch keeps that form.
  document.addEventListener("htmx:afterSwap", function (event) {
    var xhr = event.detail && event.detail.xhr;
    var sent = formOf(event.detail);
    if (!xhr || xhr.status !== 422 || !sent || !sent.id) return;
    var answer = document.getElementById(sent.id);
    if (answer) refused.add(answer);
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var kept = event.detail && event.detail.xhr && keptFor.get(event.detail.xhr);
    if (!kept) return;
    keptFor.delete(event.detail.xhr);
    kept.forms.forEach(function (form) {
      var copy = document.getElementById(form.id);
      if (copy && copy !== form) copy.replaceWith(form); // gone from the new content: gone
    });
    kept.fields.forEach(function (field) {
      var now = document.body.contains(field.form) && successor(field.form, field.was);
      if (!now) return; // its row left the list
      if (now.type === "checkbox" || now.type === "radio") now.checked = field.was.checked;
      else now.value = field.was.value;
    });
    var focus = kept.focus;
    if (focus && !document.body.contains(focus.elt) && document.body.contains(focus.form)) {
      focus.elt = successor(focus.form, focus.elt) || focus.elt; // a row box: its new copy
    }
    if (focus && document.body.contains(focus.elt)) {
      focus.elt.focus({ preventScroll: true });
      if (focus.start !== null && focus.elt.setSelectionRange) {
        try {
          focus.elt.setSelectionRange(focus.start, focus.end);
        } catch (e) {
          // a field without a text selection (number, e-mail): the focus is enough
        }
      }
    }
  });

  // A form's answer aimed at an element a live re-fetch replaced: to its successor (same id).
  // Heard on the requesting element, which is still in the page (a form in use is kept).
  document.addEventListener("htmx:beforeOnLoad", function (event) {
    var info = event.detail;
    var target = info && info.target;
    if (!target || target.isConnected || !target.id) return;
    var successor = document.getElementById(target.id);
    if (successor) info.target = successor;
  });
})();
