// The facilitator's control view: a button's act is sent without leaving the page, and what it did
// is said in the status line (a live region) where the facilitator looks; the terminal's keys
// (n, p, r, t, s…) work here too. What it said goes once the room's place, timer, reveal, vote state or
// the tables' answers
// no longer is as the act left it (the timer ran out, a key in the terminal), so it never contradicts
// what the page shows. Without JavaScript the buttons are plain forms.
(function () {
  "use strict";
  var form = document.querySelector("form.acts");
  var said = document.getElementById("said");
  var live = document.getElementById("live");
  if (!form || !said || !window.fetch) { return; }
  var saidOf = live.dataset.state;  // the state the line speaks of

  function show(html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var told = page.getElementById("said") || page.querySelector(".problem");
    said.textContent = told ? told.textContent.trim() : "";
    var part = page.getElementById("live");
    if (part) {
      live.innerHTML = part.innerHTML;
      saidOf = part.dataset.state;
    }
  }

  document.addEventListener("tocht:state", function (event) {
    var state = event.detail;
    if ([state.at, state.timer.state, state.revealed, state.closed, state.answered].join("|") !== saidOf) { said.textContent = ""; }
    form.querySelectorAll("button[data-vote-only]").forEach(function (button) { button.hidden = !state.voting; });
    form.querySelectorAll("button[data-map-only]").forEach(function (button) { button.hidden = !state.mappable; });
  });

  function send(button) {
    var data = new URLSearchParams(new FormData(form));
    data.set("do", button.value);
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(show)
      .catch(function () { said.textContent = "⚠"; });
  }

  form.addEventListener("submit", function (event) {
    if (!event.submitter) { return; }
    event.preventDefault();
    send(event.submitter);
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.target.closest("input, textarea, select")) { return; }
    var button = form.querySelector('button[data-key="' + CSS.escape(event.key) + '"]'); // a hidden one's key says why not
    if (button) {
      event.preventDefault();
      send(button);
    }
  });
})();
