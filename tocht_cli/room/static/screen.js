// The screen (and the facilitator's control view) follows the room: on every change the server
// announces (server-sent events), the live part of the page is fetched again from the room and put
// in place, and "tocht:live" tells the page's other scripts; the timer counts down in between.
// Without JavaScript the screen reloads itself every few seconds.
(function () {
  "use strict";
  var body = document.body;
  var live = document.getElementById("live");
  var countdown = window.tochtCountdown;
  var busy = false;
  var again = false;

  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(body.dataset.live, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html !== null) {
          live.innerHTML = html;
          countdown.tick();
          document.dispatchEvent(new CustomEvent("tocht:live"));
        }
      })
      .catch(function () {})
      .then(function () { busy = false; if (again) { again = false; refresh(); } });
  }

  if (window.EventSource) {
    var source = new EventSource(body.dataset.events);
    source.onmessage = function (event) {
      var state = JSON.parse(event.data);
      countdown.follow(state.timer);
      document.dispatchEvent(new CustomEvent("tocht:state", { detail: state }));
      refresh();
    };
    window.tochtLink(source);
  }
})();
