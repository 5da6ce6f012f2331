// The phone's page follows the room: when the facilitator moves on, reveals, the vote
// closes or is set to close at zero, it reloads (unless the participant is typing: then it says so); the timer counts
// down between the server's updates (countdown.js). Without JavaScript the page works as plain forms.
// A participant's other pages (the card, the table's forms) only keep the connection open: while one
// is open the screen counts them in the room, and soon after the last one closes, out.
(function () {
  "use strict";
  var body = document.body;
  var shown = { at: body.dataset.at, revealed: body.dataset.revealed, closed: body.dataset.closed, closes: body.dataset.closes };
  var countdown = window.tochtCountdown;

  function typing() {
    var field = document.activeElement;
    return field && (field.tagName === "TEXTAREA" || (field.tagName === "INPUT" && field.type === "text")) && field.value !== "";
  }

  function follow(state) {
    var moved = state.at !== shown.at || String(state.revealed) !== shown.revealed || String(state.closed) !== shown.closed ||
      String(state.timer.closes) !== shown.closes;
    var timer = document.getElementById("timer");
    if (moved || (state.timer.state !== "idle") !== (timer !== null) || (timer && timer.dataset.state !== state.timer.state)) {
      if (typing()) {
        document.getElementById("moved").hidden = false;
      } else {
        window.location.reload();
      }
      return;
    }
    countdown.follow(state.timer);
    if (timer) {
      timer.querySelector(".clock").textContent = countdown.clock(state.timer.left);
    }
  }

  if (window.EventSource && body.dataset.events) {
    var source = new EventSource(body.dataset.events);
    source.onmessage = function (event) { follow(JSON.parse(event.data)); };
  } else if (window.EventSource && body.dataset.here) {
    new EventSource(body.dataset.here);
  }
})();
