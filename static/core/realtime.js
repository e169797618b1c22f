// Ledgerline real time: one Socket.IO connection per page, turned into htmx events.
//
// Every server event "X" becomes `htmx.trigger(document.body, "ll:X", data)`, so a fragment
// with hx-trigger="ll:invoicing_invoice_updated from:body" re-fetches itself over HTTP (and
// "ll:X:id=12" for one record, see fire()). After a
// reconnect the page gets "ll:reconnected" to re-fetch what changed while it was away.
// Rooms named by data-room / data-presence-room attributes are joined (and left when the
// element goes away); presence lists inside [data-presence-room] are kept current.
(function () {
  "use strict";
  if (typeof io === "undefined") return;

  var joined = {}; // room -> {presence: bool}
  var everConnected = false;

  // WebSocket first (works across app processes without sticky sessions); when it cannot
  // be opened, socket.io-client tries long-polling by itself.
  var socket = io({
    transports: ["websocket", "polling"],
    tryAllTransports: true,
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    withCredentials: true,
  });
  window.llSocket = socket;

  function setStatus(state, text) {
    var el = document.getElementById("ll-connection");
    if (!el) return;
    // The page gives the words in the reader's language (data-text-<state>, data-title-<state>).
    el.setAttribute("data-state", state);
    el.setAttribute("title", el.getAttribute("data-title-" + state) || "Live updates: " + text);
    el.textContent = el.getAttribute("data-text-" + state) || text;
  }

  function trigger(name, data) {
    if (window.htmx) {
      htmx.trigger(document.body, name, data);
    } else {
      document.body.dispatchEvent(new CustomEvent(name, { detail: data }));
    }
  }

  // "X" fires "ll:X", and "ll:X:<key>=<value>" for each id field of its data ("id",
  // "invoice_id", ...): a fragment about one record listens to
  // hx-trigger="ll:X:id=12 from:body". (htmx's [detail.id==12] filters need eval, which
  // the content security policy forbids: they would match every event.) live_fragments.js
  // is told first, so a fragment that could not hear it yet catches up once it listens.
  function fire(name, data) {
    data = data || {};
    var names = ["ll:" + name];
    Object.keys(data).forEach(function (key) {
      var value = data[key];
      var scalar = typeof value === "number" || typeof value === "string";
      if (scalar && (key === "id" || /_id$/.test(key))) {
        names.push("ll:" + name + ":" + key + "=" + value);
      }
    });
    if (window.llLiveFragments) window.llLiveFragments.fired(names);
    names.forEach(function (eventName) {
      trigger(eventName, data);
    });
  }

  function wantedRooms() {
    var rooms = {};
    document.querySelectorAll("[data-room]").forEach(function (el) {
      var room = el.getAttribute("data-room");
      if (room) rooms[room] = rooms[room] || { presence: false };
    });
    document.querySelectorAll("[data-presence-room]").forEach(function (el) {
      var room = el.getAttribute("data-presence-room");
      if (room) rooms[room] = { presence: true };
    });
    return rooms;
  }

  function join(room, options) {
    joined[room] = options;
    var message = { room: room, presence: options.presence };
    if (catchUpSince !== null) message.since = catchUpSince;
    socket.emit("join", message, function (ack) {
      if (ack && ack.ok) {
        renderPresence(room, ack.viewers || []);
        if (ack.missed) replayMissed(ack.missed);
      } else {
        delete joined[room];
        var message = ack && ack.error ? ack.error.message : "could not join " + room;
        if (window.console) console.warn("ledgerline realtime:", room, message);
      }
    });
  }

  // Join what the page shows now, leave what it no longer shows (htmx swaps, boosted links).
  function sync() {
    if (!socket.connected) return;
    var wanted = wantedRooms();
    Object.keys(joined).forEach(function (room) {
      if (!wanted[room]) {
        delete joined[room];
        socket.emit("leave", { room: room });
      }
    });
    Object.keys(wanted).forEach(function (room) {
      var have = joined[room];
      if (!have || have.presence !== wanted[room].presence) join(room, wanted[room]);
    });
  }

  // An "also viewing" list ([data-presence-others]) never names the reader (any of their tabs).
  function others(viewers) {
    var meta = document.querySelector('meta[name="ll-user-id"]');
    var me = meta ? meta.getAttribute("content") : null;
    return viewers.filter(function (v) {
      return String(v.user_id) !== me;
    });
  }

  function renderPresence(room, everyone) {
    document.querySelectorAll("[data-presence-room]").forEach(function (box) {
      if (box.getAttribute("data-presence-room") !== room) return;
      var viewers = box.hasAttribute("data-presence-others") ? others(everyone) : everyone;
      var list = box.querySelector("[data-presence-list]") || box;
      list.replaceChildren.apply(
        list,
        viewers.map(function (v) {
          var li = document.createElement("li");
          li.setAttribute("data-user-id", v.user_id);
          li.textContent = v.name;
          return li;
        })
      );
      box.setAttribute("data-count", String(viewers.length));
    });
  }

  // Events sent between this page's render (or the last connection) and this connection are
  // asked for once connected (core/event_log.py): "catch_up" for the rooms every connection
  // is in (company, user), the join's "since" for record rooms; each fires like a live event.
  var liveSince = (function () {
    var meta = document.querySelector('meta[name="ll-live-since"]');
    return meta ? meta.getAttribute("content") : null;
  })();
  var catchUpSince = null; // set while the joins of a new connection are sent
  var replayed = {}; // key -> true: one event sent to two rooms fires once
  var refetched = false;

  function replayMissed(result) {
    (result.events || []).forEach(function (e) {
      if (replayed[e[2]]) return;
      replayed[e[2]] = true;
      fire(e[0], e[1]);
    });
    if (result.now && (liveSince === null || Number(result.now) > Number(liveSince))) {
      liveSince = String(result.now);
    }
    // Too old for the server's log: re-fetch what the page shows instead (once).
    if (result.complete === false && !refetched) {
      refetched = true;
      fire("reconnected", {});
    }
  }

  socket.on("connect", function () {
    setStatus("online", "live");
    joined = {}; // a new connection starts in no record room
    refetched = everConnected;
    catchUpSince = liveSince;
    if (liveSince !== null) {
      socket.emit("catch_up", { since: liveSince }, function (ack) {
        if (ack && ack.ok) replayMissed(ack);
      });
    }
    sync();
    catchUpSince = null;
    if (everConnected) fire("reconnected", {});
    everConnected = true;
  });

  socket.on("disconnect", function (reason) {
    // "io server disconnect" means the server closed us on purpose: it will not come back
    // by itself, so ask again (a logged-out session then stays offline via connect_error).
    setStatus("reconnecting", "reconnecting");
    if (reason === "io server disconnect") socket.connect();
  });

  socket.on("connect_error", function (err) {
    var refused = err && err.message && err.message.indexOf("authentication") === 0;
    setStatus(refused ? "offline" : "reconnecting", refused ? "offline" : "reconnecting");
  });

  socket.on("presence", function (data) {
    if (data && data.room) renderPresence(data.room, data.viewers || []);
  });

  // An event heard while a fragment is being re-fetched (or swapped in) is not lost:
  // static/core/live_fragments.js makes that fragment re-fetch once it listens again.
  socket.onAny(fire);

  var pending = null;
  function scheduleSync() {
    if (pending) return;
    pending = setTimeout(function () {
      pending = null;
      sync();
    }, 0);
  }
  document.addEventListener("htmx:load", scheduleSync);
  document.addEventListener("DOMContentLoaded", scheduleSync);
})();
