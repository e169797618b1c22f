// Ledgerline real time: one Socket.IO connection per page, turned into htmx events.
//
// Every server event "X" becomes `htmx.trigger(document.body, "ll:X", data)`, so a fragment
// with hx-trigger="ll:invoicing_invoice_updated from:body" re-fetches itself over HTTP. After a
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
    el.setAttribute("data-state", state);
    el.setAttribute("title", "Live updates: " + text);
    el.textContent = text;
  }

  // Besides "ll:NAME", events about one record also fire "ll:NAME--id-5" (and
  // "ll:NAME--invoice_id-5"), so a fragment listens for its own record with a plain event name:
  // htmx trigger filters ("[detail.id==5]") need eval, which the Content-Security-Policy forbids.
  var RECORD_KEYS = ["id", "invoice_id"];

  function trigger(eventName, data) {
    if (window.htmx) {
      htmx.trigger(document.body, eventName, data);
    } else {
      document.body.dispatchEvent(new CustomEvent(eventName, { detail: data }));
    }
  }

  function fire(name, data) {
    data = data || {};
    trigger("ll:" + name, data);
    RECORD_KEYS.forEach(function (key) {
      if (data[key] !== undefined && data[key] !== null) trigger("ll:" + name + "--" + key + "-" + data[key], data);
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
    socket.emit("join", { room: room, presence: options.presence }, function (ack) {
      if (ack && ack.ok) {
        renderPresence(room, ack.viewers || []);
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

  function renderPresence(room, viewers) {
    document.querySelectorAll("[data-presence-room]").forEach(function (box) {
      if (box.getAttribute("data-presence-room") !== room) return;
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

  socket.on("connect", function () {
    setStatus("online", "live");
    joined = {}; // a new connection starts in no record room
    sync();
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

  socket.onAny(function (event, data) {
    fire(event, data);
  });

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
