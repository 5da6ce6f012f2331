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
      .then(function (html) { if (html !== null) { live.innerHTML = html; } })
      .catch(function () { lost.hidden = false; })
      .then(function () { window.setTimeout(ask, 2000); });
  }

  window.setTimeout(ask, 2000);
})();
