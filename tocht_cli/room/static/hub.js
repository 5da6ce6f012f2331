// The hub's screen follows the sites: every two seconds it asks for its live part, which the hub sends only
// when the result changed since the version shown (else 204), and puts it in place. When the hub cannot be
// reached it says so, and carries on asking. Without JavaScript the page reloads itself every few seconds.
(function () {
  "use strict";
  var body = document.body;
  var live = document.getElementById("live");
  var lost = document.getElementById("lost");

  function shown() {
    var part = live.querySelector(".hub-live");
    return part ? part.dataset.version : "";
  }

  function ask() {
    fetch(body.dataset.live + "?seen=" + encodeURIComponent(shown()), { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        lost.hidden = true;
        return response.status === 200 ? response.text() : null;
      })
      .then(function (html) { if (html !== null) { live.innerHTML = html; fit(); } })
      .catch(function () { lost.hidden = false; })
      .then(function () { window.setTimeout(ask, 2000); });
  }

  // Every statement whole: an exercise's table that does not fit its part of the screen is written smaller,
  // step by step, down to SMALLEST of its size (as the room's screen does, fit.js). Then each site's counts whole
  // on their line under the bar ("eens 5 · oneens 2 · twijfel 1"): a line that does not fit its column is
  // written smaller in the same way.
  var SMALLEST = 0.55;
  function shrunk(element, fits) {
    element.style.fontSize = "";
    var size = parseFloat(window.getComputedStyle(element).fontSize);
    for (var scale = 1; !fits() && scale - 0.05 >= SMALLEST; ) {
      scale -= 0.05;
      element.style.fontSize = size * scale + "px";
    }
  }

  function fit() {
    live.querySelectorAll(".said").forEach(function (said) { said.style.fontSize = ""; });
    live.querySelectorAll(".exercise").forEach(function (part) {
      var table = part.querySelector("table.sites");
      if (table) shrunk(table, function () { return part.scrollHeight <= part.clientHeight + 1; });
    });
    live.querySelectorAll(".said").forEach(function (said) {
      shrunk(said, function () { return said.scrollWidth <= said.clientWidth + 1; });
    });
  }

  fit();
  window.addEventListener("resize", fit);
  window.setTimeout(ask, 2000);
})();
