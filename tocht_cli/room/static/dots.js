// The dot vote's counter on a phone: how many dots are left (or how many too many) as the participant types,
// in the kit's words the page carries, so an overspend is seen before the form is sent. Without JavaScript
// the server says the same when the page comes back.
(function () {
  "use strict";
  var counter = document.getElementById("dots-left");
  var form = document.getElementById("dots");
  if (!counter || !form) { return; }
  var most = Number(counter.dataset.most);

  function given() {
    var sum = 0;
    form.querySelectorAll("input[type=number]").forEach(function (field) {
      var n = Number(field.value);
      if (field.value !== "" && Number.isInteger(n) && n > 0) { sum += n; }
    });
    return sum;
  }

  function say() {
    var left = most - given();
    var n = Math.abs(left);
    var words = left < 0 ? (n === 1 ? counter.dataset.overOne : counter.dataset.overMany) : (n === 1 ? counter.dataset.leftOne : counter.dataset.leftMany);
    counter.textContent = words.replace("{n}", String(n));
    counter.classList.toggle("over", left < 0);
  }

  form.addEventListener("input", say);
})();
