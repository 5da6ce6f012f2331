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
          var chosen = chosenIn(live);
          live.innerHTML = html;
          restore(live, chosen);
          countdown.tick();
          document.dispatchEvent(new CustomEvent("tocht:live"));
        }
      })
      .catch(function () {})
      .then(function () { busy = false; if (again) { again = false; refresh(); } });
  }

  // A form of the live part by what it acts on (its address and hidden fields): the same after a refresh.
  function formKey(form) {
    var fields = Array.prototype.map.call(form.querySelectorAll("input[type=hidden]:not([name=csrf])"), function (i) { return i.name + "=" + i.value; });
    return form.getAttribute("action") + "?" + fields.join("&");
  }

  // What the facilitator chose in the live part's lists and has not sent yet (a merge's target): a refresh while
  // they choose keeps it, rather than sending the list back to "–" under their click.
  function chosenIn(root) {
    var out = {};
    root.querySelectorAll("form select").forEach(function (select) {
      if (select.value) { out[formKey(select.form) + "|" + select.name] = select.value; }
    });
    return out;
  }

  function restore(root, chosen) {
    root.querySelectorAll("form select").forEach(function (select) {
      var value = chosen[formKey(select.form) + "|" + select.name];
      if (value && select.querySelector('option[value="' + CSS.escape(value) + '"]')) { select.value = value; }
    });
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
