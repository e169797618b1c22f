// Ledgerline live fragments: a fragment that listens to live events misses none of them.
//
// A fragment listens (hx-trigger="ll:X from:body", see realtime.js) only once htmx has
// processed it, when its swap has settled. Until then an event it listens to is lost: while
// the request that brings its new content is in flight, htmx queues the fragment's re-fetch
// on the element that answer replaces (hx-swap="outerHTML") and then drops it, as that
// element left the page; between the swap and the settle, the new element hears nothing yet.
// The same holds for a form's answer that replaces the fragment, or an out-of-band part.
//
// So each fragment catches up by itself, with no timers and no page-wide guesses: every live
// event fired gets a number (realtime.js calls llLiveFragments.fired before firing it), each
// htmx request remembers the number at its sending, and when a request's swap has settled,
// every fragment it brought in re-fetches itself once (its own hx-get, as its trigger would)
// if an event it listens to was fired after that number: its content may predate that event.
(function () {
  "use strict";
  if (!window.htmx) return;

  var KEPT = 500; // the newest events remembered; an older request re-fetches to be sure
  var heard = []; // [{seq, names}], oldest first
  var lastSeq = 0;
  var forgotten = 0; // events numbered up to this are no longer in `heard`
  var sentAt = new WeakMap(); // xhr -> lastSeq when it was sent
  var busy = new WeakMap(); // element -> its requests in flight

  // realtime.js: `names` are the htmx events about to be fired on <body> for one live event.
  function fired(names) {
    lastSeq += 1;
    heard.push({ seq: lastSeq, names: names });
    if (heard.length > KEPT) forgotten = heard.shift().seq;
  }
  window.llLiveFragments = { fired: fired };

  // The live events an element listens to: the names of its "... from:body" triggers.
  function liveTriggers(elt) {
    var spec = elt.getAttribute("hx-trigger") || elt.getAttribute("data-hx-trigger") || "";
    var names = [];
    spec.split(",").forEach(function (part) {
      var words = part.trim().split(/\s+/);
      if (words.indexOf("from:body") > 0) names.push(words[0]);
    });
    return names;
  }

  function heardSince(seq, listened) {
    if (!listened.length) return false;
    if (seq < forgotten) return true;
    return heard.some(function (entry) {
      return (
        entry.seq > seq &&
        entry.names.some(function (name) {
          return listened.indexOf(name) >= 0;
        })
      );
    });
  }

  // Re-fetch as the fragment's own trigger would: its verb and URL, its hx-select/hx-swap.
  function refetch(elt) {
    var verbs = ["get", "post", "put", "patch", "delete"];
    for (var i = 0; i < verbs.length; i++) {
      var path = elt.getAttribute("hx-" + verbs[i]);
      if (path === null) path = elt.getAttribute("data-hx-" + verbs[i]);
      if (path !== null) {
        var request = htmx.ajax(verbs[i], path, { source: elt });
        if (request && request.catch) request.catch(function () {}); // app.js shows errors
        return;
      }
    }
  }

  document.addEventListener("htmx:beforeSend", function (event) {
    var xhr = event.detail && event.detail.xhr;
    var config = event.detail && event.detail.requestConfig;
    var elt = config && config.elt;
    if (!xhr) return;
    sentAt.set(xhr, lastSeq);
    if (!elt) return;
    busy.set(elt, (busy.get(elt) || 0) + 1);
    xhr.addEventListener("loadend", function () {
      busy.set(elt, busy.get(elt) - 1);
    });
  });

  // Each live fragment in `root` that could not hear events fired after number `since`.
  function catchUp(root, since) {
    var selector = '[hx-trigger*="from:body"], [data-hx-trigger*="from:body"]';
    var fragments = Array.from(root.querySelectorAll(selector));
    if (root.matches(selector)) fragments.unshift(root);
    fragments.forEach(function (elt) {
      // A fragment with a request in flight (htmx's queued one) catches up when that settles.
      if (!document.body.contains(elt) || busy.get(elt) > 0) return;
      if (heardSince(since, liveTriggers(elt))) refetch(elt);
    });
  }

  // Fired on each element a request swapped in, after htmx processed it (it listens now).
  document.addEventListener("htmx:afterSettle", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (xhr && sentAt.has(xhr) && event.target.querySelectorAll) {
      catchUp(event.target, sentAt.get(xhr));
    }
  });

  // The page's own fragments listen once htmx has processed the page (it then fires
  // htmx:load on <body>); an event fired before that (a quick socket) is caught up then.
  document.addEventListener("htmx:load", function started(event) {
    if (event.target !== document.body) return;
    document.removeEventListener("htmx:load", started);
    catchUp(document.body, 0);
  });
})();
