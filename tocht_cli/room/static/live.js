// The phone's page follows the room: when the facilitator moves on, reveals, the vote
// closes or is set to close at zero, it reloads (unless the participant has something unsent: then a vote that closed where the room still is
// is shown closed in place, the typed text kept, and anything else is said); the timer counts
// down between the server's updates (countdown.js). Without JavaScript the page works as plain forms.
// A participant's other pages (the card, the table's forms) keep the connection open: while one is open
// the screen counts them in the room, and soon after the last one closes, out; they show when a vote waits.
(function () {
  "use strict";
  var body = document.body;
  var shown = { at: body.dataset.at, revealed: body.dataset.revealed, closed: body.dataset.closed, closes: body.dataset.closes };
  var countdown = window.tochtCountdown;

  // Something given on this page and not sent yet: a reload would lose it.
  function unsent() {
    var fields = document.querySelectorAll("#vote input, #vote textarea");
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (f.type === "radio" || f.type === "checkbox" ? f.checked !== f.defaultChecked : f.type !== "hidden" && f.value !== f.defaultValue) {
        return true;
      }
    }
    var field = document.activeElement;
    return Boolean(field && (field.tagName === "TEXTAREA" || (field.tagName === "INPUT" && field.type === "text")) && field.value !== "");
  }

  // The vote closed where the room still is: said at once, the form kept as it was typed but no longer sent.
  function closeHere() {
    var ballot = document.getElementById("ballot");
    if (!ballot) { return; }
    ballot.disabled = true;
    document.getElementById("closed").hidden = false;
    document.querySelectorAll("#send, #vote .saved, #vote .problem").forEach(function (node) { node.hidden = true; });
    shown.closed = "true";
  }

  // The timer ran out while the page keeps something unsent: it says so without a reload.
  function timeUp(timer) {
    if (timer && timer.dataset.state !== "done") {
      timer.dataset.state = "done";
      timer.querySelector(".timer-state").textContent = timer.dataset.up;
    }
  }

  function follow(state) {
    var timer = document.getElementById("timer");
    var placed = state.at !== shown.at || String(state.revealed) !== shown.revealed;
    var changed = placed || String(state.closed) !== shown.closed || String(state.timer.closes) !== shown.closes ||
      (state.timer.state !== "idle") !== (timer !== null) || (timer && timer.dataset.state !== state.timer.state);
    if (changed && !unsent()) {
      window.location.reload();
      return;
    }
    if (placed) {  // held on an old place by what it keeps unsent: its timer is not this place's any more
      document.getElementById("moved").hidden = false;
      if (timer) { timer.hidden = true; }
      countdown.follow({ state: "idle" });
      return;
    }
    if (state.closed) { closeHere(); }
    if (state.timer.state === "done") { timeUp(timer); }
    countdown.follow(state.timer);
    if (timer) {
      timer.querySelector(".clock").textContent = countdown.clock(state.timer.left);
    }
  }

  // What the participant gave on the vote and has not sent outlives a visit to another tab: it is kept in
  // this browser tab's sessionStorage as it is typed, under the statement it was typed for (the page's own
  // place, from the server), put back only into that statement's form, and forgotten once the form is sent.
  // The form first goes back to what the server gave, so that nothing the browser kept from another
  // statement's form (on a reload or a "Follow") ends up in this one.
  // The form itself is a plain form: without JavaScript it sends what its fields hold.
  function keepDraft() {
    var form = document.getElementById("vote");
    var ballot = document.getElementById("ballot");
    if (!form || !ballot || !window.sessionStorage) { return; }
    form.reset();
    var key = "tocht-draft:" + body.dataset.at.split("#")[0];
    var fields = ballot.querySelectorAll("input, textarea, select");
    var checkable = function (f) { return f.type === "radio" || f.type === "checkbox"; };
    var draft = JSON.parse(window.sessionStorage.getItem(key) || "null");
    if (draft && draft.length === fields.length && !ballot.disabled) {
      fields.forEach(function (f, i) { if (checkable(f)) { f.checked = draft[i]; } else { f.value = draft[i]; } });
    }
    var save = function () {
      var values = [];
      fields.forEach(function (f) { values.push(checkable(f) ? f.checked : f.value); });
      window.sessionStorage.setItem(key, JSON.stringify(values));
    };
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", function () { window.sessionStorage.removeItem(key); });
  }
  keepDraft();

  if (window.EventSource && body.dataset.events) {
    var source = new EventSource(body.dataset.events);
    source.onmessage = function (event) { follow(JSON.parse(event.data)); };
    window.tochtLink(source);
  } else if (window.EventSource && body.dataset.here) {
    // The participant's other pages point to a vote that waits for them, as it opens and closes.
    var here = new EventSource(body.dataset.here);
    here.onmessage = function (event) {
      var notice = document.getElementById("vote-notice");
      if (notice) { notice.hidden = !JSON.parse(event.data).vote; }
    };
    window.tochtLink(here);
  }
})();
