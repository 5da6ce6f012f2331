// The screen follows the room: on every change the server announces (server-sent events),
// the live part of the page is fetched again from the room and put in place; the timer
// counts down in between. Without JavaScript the page reloads itself every few seconds.
(function () {
  "use strict";
  var body = document.body;
  var live = document.getElementById("live");
  var deadline = null;
  var busy = false;
  var again = false;

  function clock(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  function tick() {
    var timer = document.getElementById("timer");
    if (timer && deadline !== null) {
      timer.querySelector(".clock").textContent = clock((deadline - Date.now()) / 1000);
    }
  }

  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(body.dataset.live, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null) { live.innerHTML = html; tick(); } })
      .catch(function () {})
      .then(function () { busy = false; if (again) { again = false; refresh(); } });
  }

  if (window.EventSource) {
    var source = new EventSource(body.dataset.events);
    source.onmessage = function (event) {
      var state = JSON.parse(event.data);
      deadline = state.timer.state === "running" ? Date.now() + state.timer.left * 1000 : null;
      refresh();
    };
    setInterval(tick, 250);
  }
})();
