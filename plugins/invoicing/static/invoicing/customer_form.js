// Customer form: a UAE address names its emirate, any other an ISO 3166-2 region. Show the
// part that applies to the typed country; the other is disabled so it is not sent (the page
// without this script shows both, and the server checks which one fits).
(function () {
  "use strict";

  function update() {
    var country = document.querySelector("[data-country]");
    if (!country) return;
    var uae = country.value.trim().toUpperCase() === "AE";
    document.querySelectorAll("[data-address-part]").forEach(function (part) {
      var wanted = (part.dataset.addressPart === "uae") === uae;
      var control = part.querySelector("input, select");
      var hasError = control && control.getAttribute("aria-invalid") === "true";
      part.hidden = !(wanted || hasError);
      if (control) control.disabled = part.hidden;
    });
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches("[data-country]")) update();
  });
  document.addEventListener("DOMContentLoaded", update);
  if (document.readyState !== "loading") update();
})();
