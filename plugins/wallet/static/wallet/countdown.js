// Countdown to the quote's expiry on the public payment page.
(function () {
  var expiry = document.getElementById("wallet-expiry");
  var out = document.getElementById("wallet-countdown");
  if (!expiry || !out) return;
  var end = Date.parse(expiry.getAttribute("datetime"));
  function tick() {
    var left = Math.max(0, Math.floor((end - Date.now()) / 1000));
    var m = Math.floor(left / 60), s = left % 60;
    out.textContent = left ? m + " min " + (s < 10 ? "0" : "") + s + " s left" : "expired";
    if (left) setTimeout(tick, 1000);
  }
  tick();
})();
