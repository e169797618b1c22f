// Edit pages: warn the moment someone else saves the record being edited.
//
// An element [data-edit-watch] (templates/core/_edit_watch.html) names the server event that
// announces a save (data-event: core's "record_saved"), the record (data-kind, its table, and
// data-record-id) and the version
// the form was opened at (data-version). realtime.js turns that event into "ll:<event>" on
// <body>; when it is about this record, at a newer version, and saved by somebody else, the
// element is shown with their name. Its button sends the form to compare (nothing is saved);
// it joins the form (form=) only then, so that until then Enter in a field saves.
(function () {
  "use strict";

  function me() {
    var meta = document.querySelector('meta[name="ll-user-id"]');
    return meta ? meta.getAttribute("content") : null;
  }

  // The version the form holds now (its _version field: an htmx save swaps in a newer one).
  function openedVersion(box) {
    var id = box.querySelector("[data-edit-watch-compare]").getAttribute("data-form");
    var form = id ? document.getElementById(id) : null;
    var field = form && form.querySelector('input[name="_version"]');
    return Number(field ? field.value : box.getAttribute("data-version"));
  }

  function watch(box) {
    var name = box.getAttribute("data-event");
    document.body.addEventListener("ll:" + name, function (event) {
      var data = event.detail || {};
      if (String(data.id) !== box.getAttribute("data-record-id")) return;
      if (data.kind && data.kind !== box.getAttribute("data-kind")) return;
      if (!(Number(data.version) > openedVersion(box))) return;
      if (data.by_user_id != null && String(data.by_user_id) === me()) return;
      var text = box.querySelector("[data-edit-watch-text]");
      var template = box.getAttribute("data-text") || "";
      text.textContent = template.replace("__NAME__", data.by || "?");
      box.setAttribute("data-saved-version", String(data.version));
      var compare = box.querySelector("[data-edit-watch-compare][data-form]");
      if (compare) compare.setAttribute("form", compare.getAttribute("data-form"));
      box.hidden = false;
    });
  }

  function start() {
    document.querySelectorAll("[data-edit-watch]").forEach(function (box) {
      if (box.hasAttribute("data-watching")) return; // the page swapped in again by htmx
      box.setAttribute("data-watching", "");
      watch(box);
    });
  }
  document.addEventListener("htmx:load", start);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
