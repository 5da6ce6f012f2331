// The timer both pages show (the screen and the phones): the server says how much time is left on
// each update, and in between the page counts down on its own, four times a second.
window.tochtCountdown = (function () {
  "use strict";
  var deadline = null;

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

  function follow(timer) {
    deadline = timer.state === "running" ? Date.now() + timer.left * 1000 : null;
  }

  setInterval(tick, 250);
  return { clock: clock, tick: tick, follow: follow };
})();
