// A live page says when the room has closed (the last event a clean stop sends: its forms then no longer
// send) and when the connection to the room is lost (the browser tries again by itself, and the notice
// goes once it is back). A closed room that opens again (on the same address) brings the page back by
// itself: it loads again. The page's own script hands its event source to tochtLink.
// A browser tries again by itself only when the connection drops; a stream the room refused (a status such
// as 429, when a phone reloading fast still holds its old pages' streams) it gives up for good. Then the
// page opens it again after a pause, with the same handler, so the phone goes on following the room.
(function () {
  "use strict";
  var AGAIN_MS = 3000;
  window.tochtLink = function link(source) {
    var ended = document.getElementById("ended");
    var lost = document.getElementById("lost");
    source.addEventListener("ended", function () {
      document.body.dataset.ended = "true";
      lost.hidden = true;
      ended.hidden = false;
      document.querySelectorAll("form fieldset, form button, form input, form textarea, form select").forEach(function (field) {
        field.disabled = true;
      });
      document.querySelectorAll("a.button").forEach(function (link) {  // "fill in for our table": nowhere to go now
        link.setAttribute("aria-disabled", "true");
        link.tabIndex = -1;
      });
    });
    source.addEventListener("error", function () {
      var over = document.body.dataset.ended === "true";
      lost.hidden = over;
      if (!over && source.readyState === EventSource.CLOSED) {
        window.setTimeout(function () {
          var again = new EventSource(source.url);
          again.onmessage = source.onmessage;
          link(again);
        }, AGAIN_MS);
      }
    });
    source.addEventListener("open", function () {
      if (document.body.dataset.ended === "true") { window.location.reload(); }
      lost.hidden = true;
    });
  };
})();
