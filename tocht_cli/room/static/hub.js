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

  // Each site's counts whole on their line under the bar ("eens 5 · oneens 2 · twijfel 1"): a line that does not
  // fit its column is written smaller, step by step, down to SMALLEST of its size.
  var SMALLEST = 0.55;
  function fit() {
    live.querySelectorAll(".said").forEach(function (said) {
      said.style.fontSize = "";
      var size = parseFloat(window.getComputedStyle(said).fontSize);
      for (var scale = 1; said.scrollWidth > said.clientWidth + 1 && scale - 0.05 >= SMALLEST; ) {
        scale -= 0.05;
        said.style.fontSize = size * scale + "px";
      }
    });
  }

  fit();
  window.addEventListener("resize", fit);
  window.setTimeout(ask, 2000);
})();
