// The projector shows everything the room must read without scrolling, at any size: the statement
// shrinks to its share of the screen, the tally shrinks when there are many tables, the arguments
// flow in columns and shrink (the tables' answers too, in cards sized by their words), and when they still
// do not fit they are shown a page at a time, the
// pages balanced (the text shared out evenly over them, each spread evenly over the columns), each page staying
// longer the more words it holds, counted from when it is first shown (or turned at a key). A new bingo
// win is hailed large, then collapses to its line.
(function () {
  "use strict";
  var PAGE_SECONDS = 8; // a page of arguments stays this long, and PAGE_SECONDS_PER_WORD for each word on it,
  var PAGE_SECONDS_PER_WORD = 0.35; // time to read it at the back of the hall,
  var PAGE_SECONDS_MOST = 45; // but no longer than this
  var HAIL_SECONDS = 8;
  var SMALLEST_ADDRESS = 0.4; // the join address beside the QR code: a long one (a LAN's) smaller rather than cut
  var SMALLEST = 0.6; // of the size the style sheet gives: a statement, a tally
  var SMALLEST_ARGUMENTS = 0.75; // smaller than that, another page reads better at the back of the hall
  var READABLE = 14; // px: the least the opinion map's words are drawn at (1280x720 included)
  var SMALLEST_LIST = 0.6; // twelve entries of the room's list (each up to 200 characters) or the opinion map's words, at 720p
  var LARGEST_ARGUMENTS = 1.5; // a few arguments grow to fill the screen (a dozen short ones ~24 px at 720p)
  var page = 0;
  var pages = [];
  var at = null;
  var shown = ""; // the page on the screen: where the room is, its arguments, how many pages
  var knownWins = null;
  var hailedUntil = 0;

  function overflows(element) {
    return element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1;
  }

  // Make `element`'s text smaller, step by step from `largest` (1 unless given) of its size, until `fits()`
  // or `smallest` of it.
  function shrink(element, fits, smallest, largest) {
    element.style.fontSize = "";
    var size = parseFloat(window.getComputedStyle(element).fontSize);
    var scale = largest || 1;
    if (scale !== 1) { element.style.fontSize = size * scale + "px"; }
    while (!fits() && scale - 0.05 >= smallest - 0.001) {
      scale -= 0.05;
      element.style.fontSize = size * scale + "px";
    }
    element.dataset.scale = scale.toFixed(2);
  }

  // Whether a shown item of `items` reaches outside `box` (into a column beyond its right edge, or below it),
  // or is cut in two over columns (a low box breaks an argument's lines whatever break-inside asks).
  function spills(box, items) {
    var edge = box.getBoundingClientRect();
    return items.some(function (item) {
      if (item.hidden) { return false; }
      var rect = item.getBoundingClientRect();
      return rect.right > edge.right + 1 || rect.bottom > edge.bottom + 1 || item.getClientRects().length > 1;
    });
  }

  // The arguments from item `first` on that fit in the box: the next page's first item.
  function pageFrom(items, box, first) {
    items.forEach(function (item, n) { item.hidden = n < first; });
    var last = first + 1;
    while (last < items.length) {
      items.forEach(function (item, n) { item.hidden = n < first || n > last; });
      if (spills(box, items)) { break; }
      last += 1;
    }
    return last;
  }

  // The shown arguments spread evenly over the columns: the box as low as they fit in (the columns fill in turn).
  function spread(box, items) {
    box.style.maxHeight = "";
    var high = box.clientHeight;
    var low = high / 4;
    while (high - low > 2) {
      var middle = (low + high) / 2;
      box.style.maxHeight = middle + "px";
      if (spills(box, items)) { low = middle; } else { high = middle; }
    }
    box.style.maxHeight = high + "px";
  }

  // The shown arguments as evenly over the columns as their heights allow: filled in turn, the first column
  // took all it could (1, 2 and 3 arguments on a page); the split whose columns end most level wins. The first
  // column starts lower (under the heading "Arguments"): `tops` says where each starts.
  function level(box, items) {
    var shown = items.filter(function (item) { return !item.hidden; });
    if (shown.length < 2) { return; }
    var rects = shown.map(function (item) { return item.getBoundingClientRect(); });
    var lefts = [], bottom = 0;
    rects.forEach(function (rect) {
      if (lefts.indexOf(Math.round(rect.left)) < 0) { lefts.push(Math.round(rect.left)); }
      bottom = Math.max(bottom, rect.bottom);
    });
    var top = Math.min.apply(null, rects.map(function (rect) { return rect.top; }));
    var tops = lefts.map(function (left, n) { return n === 0 ? rects[0].top - top : 0; });
    var heights = shown.map(function (item, n) { return rects[n].height + parseFloat(window.getComputedStyle(item).marginBottom); });
    var breaks = [sides(shown, lefts.length), split(heights, tops, bottom - top + 1)];
    breaks.some(function (best) {
      shown.forEach(function (item) { item.style.breakBefore = ""; });
      if (best) { best.forEach(function (first) { shown[first].style.breakBefore = "column"; }); }
      return best && !spills(box, items);
    }) || shown.forEach(function (item) { item.style.breakBefore = ""; }); // as they filled, rather than cut
  }

  // Where each position's arguments start when there are as many positions on the page as columns: each
  // side in a column of its own, side by side; null otherwise.
  function sides(shown, columns) {
    var starts = [];
    shown.forEach(function (item, n) { if (n > 0 && item.dataset.position !== shown[n - 1].dataset.position) { starts.push(n); } });
    return columns > 1 && starts.length === columns - 1 ? starts : null;
  }

  // Where columns start (after the first) for `heights` in as many columns as `tops`, none ending below `most`,
  // whose ends spread least (the sum of their squares); null when none is found.
  function split(heights, tops, most) {
    var best = null, bestCost = Infinity, count = tops.length;
    function walk(from, column, starts, cost) {
      if (column === count - 1) {
        var end = tops[column] + heights.slice(from).reduce(function (a, b) { return a + b; }, 0);
        if (end <= most && cost + end * end < bestCost) { bestCost = cost + end * end; best = starts.slice(); }
        return;
      }
      for (var next = from + 1, size = heights[from]; next <= heights.length - (count - column - 1) && tops[column] + size <= most; size += heights[next], next += 1) {
        walk(next, column + 1, starts.concat(next), cost + (tops[column] + size) * (tops[column] + size));
      }
    }
    if (count > 1 && heights.length >= count) { walk(0, 0, [], 0); }
    return best;
  }

  // Show the page, spread evenly over the columns, for its time.
  function showPage(items, box, label) {
    var members = pages[page] || span([0, items.length]);
    var words = 0;
    items.forEach(function (item, n) {
      item.hidden = members.indexOf(n) < 0;
      if (!item.hidden) { words += item.textContent.trim().split(/\s+/).length; }
    });
    items.forEach(function (item) { item.style.breakBefore = ""; });
    if (window.getComputedStyle(box).columnWidth !== "auto") { spread(box, items); level(box, items); } // the arguments' columns, not the cards
    label.hidden = pages.length < 2;
    label.textContent = page + 1 + " / " + pages.length;
    label.dataset.seconds = Math.min(PAGE_SECONDS_MOST, PAGE_SECONDS + PAGE_SECONDS_PER_WORD * words).toFixed(1);
    var showing = at + "#" + members.join(",") + "/" + pages.length;
    if (showing !== shown) { shown = showing; turnLater(); } // a page's time counts from when it is first shown
  }

  // The pages, each as full as fits: how many the arguments need.
  function paged(items, box) {
    var found = [];
    for (var first = 0; first < items.length; ) {
      var next = spills(box, items) || found.length ? pageFrom(items, box, first) : items.length;
      found.push([first, next]);
      first = next;
    }
    return found;
  }

  // The items of `range` ([first, next]) by their numbers: the page's members.
  function span(range) {
    var members = [];
    for (var n = range[0]; n < range[1]; n++) { members.push(n); }
    return members;
  }

  function fits(items, box, members) {
    items.forEach(function (item, n) { item.hidden = members.indexOf(n) < 0; });
    return !spills(box, items);
  }

  // `members` (item numbers) shared out over `count` pages by their text's size, in order: each page takes
  // items until it holds about its share of what is left, leaving one for each page after it while there
  // are enough (a position with fewer arguments than pages is on the first pages only).
  function sharedOut(members, sizes, count) {
    var left = members.reduce(function (sum, n) { return sum + sizes[n]; }, 0);
    var found = [];
    for (var first = 0, k = count; k > 0; k--) {
      var share = left / k, size = 0, last = first, keep = Math.max(0, Math.min(k, members.length - first) - 1);
      while (last < members.length - keep && (last === first || k === 1 || size + sizes[members[last]] / 2 <= share)) {
        size += sizes[members[last]];
        last += 1;
      }
      found.push(members.slice(first, last));
      left -= size;
      first = last;
    }
    return found;
  }

  // As many pages, the text shared out evenly, each position's arguments (items of the same data-position)
  // on their own: every page holds its share of every position, so the room sees every side from the first
  // page; null when one of those pages would be empty or not fit.
  function shared(items, box, count) {
    var sizes = items.map(function (item) { return item.textContent.length; });
    var sides = [];
    items.forEach(function (item, n) {
      var side = sides.length && items[n - 1].dataset.position === item.dataset.position ? sides[sides.length - 1] : null;
      if (side) { side.push(n); } else { sides.push([n]); }
    });
    var found = [];
    for (var k = 0; k < count; k++) { found.push([]); }
    sides.forEach(function (side) { sharedOut(side, sizes, count).forEach(function (part, k) { found[k] = found[k].concat(part); }); });
    found.even = true; // every side on every page it can be
    return found.every(function (members) { return members.length && fits(items, box, members); }) ? found : null;
  }

  // The pages the arguments need, balanced: shared out evenly over as many pages when that fits, else over
  // the fewest more that fit (up to twice as many: every side on every page is worth a page or two more),
  // else each as full as fits.
  function balanced(items, box) {
    var found = paged(items, box);
    for (var count = found.length; count > 1 && count <= 2 * found.length && count <= items.length; count++) {
      var even = shared(items, box, count);
      if (even) { return even; }
    }
    return found.map(span);
  }

  // `box` holds the arguments (and the tally before them) in columns: what does not fit overflows to its right.
  function fitArguments(list, box, label) {
    var items = Array.prototype.slice.call(list.children);
    items.forEach(function (item) { item.hidden = false; item.style.breakBefore = ""; }); // counted as the columns fill by themselves
    box.style.maxHeight = ""; // the pages are counted in the whole height
    shrink(box, function () { return !spills(box, items); }, SMALLEST_ARGUMENTS, LARGEST_ARGUMENTS); // few: larger, filling the page
    pages = balanced(items, box);
    if (pages.length > 1) { grow(box, items, LARGEST_ARGUMENTS); }
    page = Math.min(page, pages.length - 1);
    showPage(items, box, label);
  }

  // The statement takes at most `share` of the stage's height.
  function fitHeading(main, heading, share) {
    if (heading) {
      shrink(heading, function () { return heading.offsetHeight <= main.clientHeight * share && !overflows(main); }, SMALLEST);
    }
  }

  // Paged anyway: the text as large as it can be (up to `largest` of the style sheet's size) on no more pages
  // than at its smallest, so each page is full rather than the text small and the pages half empty; pages
  // that show every side at its smallest show every side larger too.
  function grow(box, items, largest) {
    var smallest = parseFloat(box.style.fontSize), count = pages.length, even = pages.even;
    var pagesAt = function (size) {
      box.style.fontSize = size + "px";
      box.style.maxHeight = "";
      items.forEach(function (item) { item.hidden = false; });
      return balanced(items, box);
    };
    box.style.fontSize = "";
    var size = parseFloat(window.getComputedStyle(box).fontSize);
    for (var scale = largest; scale * size > smallest; scale -= 0.05) {
      var found = pagesAt(size * scale);
      if (found.length <= count && (found.even || !even)) { pages = found; return; }
    }
    pages = pagesAt(smallest);
  }

  // The cards put back whole (counted again at this size), then each card too tall for the screen on its own,
  // at the style sheet's size, goes on in a card after it (the table named on each): every row is on some page.
  function continued(answers) {
    answers.querySelectorAll("li[data-continued]").forEach(function (more) {
      var rows = more.previousElementSibling.querySelector("dl");
      Array.prototype.slice.call(more.querySelector("dl").children).forEach(function (row) { rows.appendChild(row); });
      more.remove();
    });
    var items = Array.prototype.slice.call(answers.children);
    for (var n = 0; n < items.length; n++) {
      items.forEach(function (item, k) { item.hidden = k !== n; });
      var rows = items[n].querySelector("dl");
      if (rows && rows.children.length > 1 && spills(answers, items)) {
        items[n].after(goesOn(answers, items, items[n], rows));
        items = Array.prototype.slice.call(answers.children);
      }
    }
    return items;
  }

  // A card after `card` with the rows that do not fit in it (at least one stays): the card that goes on.
  function goesOn(answers, items, card, rows) {
    var more = card.cloneNode(false);
    var moved = rows.cloneNode(false);
    more.dataset.continued = "";
    var heading = card.querySelector("h3").cloneNode(true);
    heading.textContent = heading.dataset.goesOn || heading.textContent; // "tafel 1 (vervolg)"
    more.appendChild(heading);
    more.appendChild(moved);
    while (rows.children.length > 1 && spills(answers, items)) { moved.insertBefore(rows.lastElementChild, moved.firstChild); }
    return more;
  }

  // A table exercise's answers, never cut: each card as wide as its share of all the words (a long answer
  // takes the room the short ones leave), the text smaller until every card fits, and when they still do not,
  // the cards a page at a time, as the arguments are paged. Whether there are answers to fit.
  function fitAnswers(main) {
    var answers = main.querySelector(".table-answers");
    if (!answers) { return false; }
    answers.style.maxHeight = "";
    answers.style.fontSize = "";
    var items = continued(answers);
    items.forEach(function (item) { item.hidden = false; item.style.flexGrow = item.textContent.trim().length; });
    shrink(answers, function () { return !overflows(main) && !spills(answers, items); }, SMALLEST);
    pages = balanced(items, answers);
    var line = main.querySelector(".asked-line");
    if (pages.length > 1 && line && !line.hidden) { line.hidden = true; return fitAnswers(main); } // the answers first, then the question
    if (pages.length > 1) { grow(answers, items, 1); }
    page = Math.min(page, pages.length - 1);
    showPage(items, answers, main.querySelector(".answers .pages"));
    return true;
  }

  function fit() {
    var address = document.querySelector(".screen .join .address");
    if (address) { shrink(address, function () { return !overflows(address); }, SMALLEST_ADDRESS); } // whole, on at most two lines
    var main = document.querySelector(".screen main");
    if (!main) { return; }
    if (main.dataset.at !== at) { at = main.dataset.at; page = 0; }
    var heading = main.querySelector("h1");
    fitHeading(main, heading, main.classList.contains("revealed") ? 0.3 : 0.75);
    var tally = main.querySelector(".tally");
    if (tally) { shrink(tally, function () { return !overflows(main); }, SMALLEST); }
    var answered = fitAnswers(main);
    shrink(main, function () { return !overflows(main); }, SMALLEST); // an exercise's long introduction
    fitList(main);
    var ranking = main.querySelector(".dot-ranking");
    if (ranking) { shrink(ranking, function () { return !overflows(ranking); }, SMALLEST_LIST); } // every option, in all and per table
    var opinion = main.querySelector(".opinion-words");
    if (opinion) { fitOpinion(opinion); }
    var list = main.querySelector(".arguments");
    var results = main.querySelector(".results");
    if (!list && !answered) { pages = []; shown = ""; turnLater(); } // nothing to turn where the room is now
    else if (!list) { return hail(); }
    else {
      fitArguments(list, results, main.querySelector(".pages"));
      if (pages.length > 1 || parseFloat(results.dataset.scale) < 1) { // the statement gives up some of its height before the arguments shrink or take pages
        fitHeading(main, heading, 0.18);
        fitArguments(list, results, main.querySelector(".pages"));
      }
    }
    hail();
  }

  // What the opinion map says, readable at the back of the hall: whole statements shrink, but never below
  // READABLE px; where they still do not fit, the list with the most statements shown gives up its last one
  // (each keeps its first), until they fit.
  function fitOpinion(words) {
    var lists = Array.prototype.slice.call(words.querySelectorAll(".opinion-group ul"));
    lists.forEach(function (list) { Array.prototype.forEach.call(list.children, function (item) { item.hidden = false; }); });
    var fits = function () { return !overflows(words); };
    words.style.fontSize = "";
    var floor = Math.max(SMALLEST_LIST, READABLE / parseFloat(window.getComputedStyle(words).fontSize));
    shrink(words, fits, floor);
    var shown = function (list) { return Array.prototype.filter.call(list.children, function (item) { return !item.hidden; }); };
    while (!fits()) {
      var longest = lists.reduce(function (most, list) { return shown(list).length >= (most ? shown(most).length : 2) ? list : most; }, null);
      if (!longest) { return; }
      var items = shown(longest);
      items[items.length - 1].hidden = true;
    }
  }

  // The room's list, every entry whole: the statement gives up some of its height, then the entries shrink
  // until the list and the count of the rest fit above the bingo line.
  function fitList(main) {
    var listed = main.querySelector(".listed");
    if (!listed) { return; }
    var fits = function () { return !overflows(listed) && !overflows(main); };
    shrink(listed, fits, SMALLEST_LIST);
    if (parseFloat(listed.dataset.scale) < 1) { fitHeading(main, main.querySelector("h1"), 0.12); shrink(listed, fits, SMALLEST_LIST); }
  }

  // What is shown a page at a time where the room is: the arguments (in the results' columns) or the tables' answers.
  function paging() {
    var list = document.querySelector(".screen .arguments");
    var box = list ? document.querySelector(".screen .results") : document.querySelector(".screen .table-answers");
    if (!box) { return null; }
    return { items: Array.prototype.slice.call((list || box).children), box: box, label: document.querySelector(".screen main .pages") };
  }

  function turn(by) {
    var paged = paging();
    if (!paged || pages.length < 2) { return; }
    page = (page + by + pages.length) % pages.length;
    showPage(paged.items, paged.box, paged.label);
  }

  // The page turns when its reader has had the time its words ask (a key turns it sooner, and starts over).
  var turner = null;
  function turnLater() {
    window.clearTimeout(turner);
    var label = document.querySelector(".screen main .pages");
    if (pages.length < 2 || !label) { return; }
    turner = window.setTimeout(function () { turn(1); }, parseFloat(label.dataset.seconds) * 1000);
  }

  function hail() {
    var hailing = Date.now() < hailedUntil;
    document.querySelectorAll(".screen .wins").forEach(function (wins) { wins.classList.toggle("hailing", hailing); fitWinners(wins); });
  }

  // The bingo line: as many winners as fit on it, then "and N more" (the rest wrapped below the screen's edge, unseen).
  function fitWinners(wins) {
    var line = wins.querySelector("ul");
    var more = line.querySelector(".more");
    var winners = Array.prototype.slice.call(line.children).filter(function (item) { return item !== more; });
    winners.forEach(function (item) { item.hidden = false; });
    more.hidden = true;
    if (wins.classList.contains("hailing")) { return; }
    var off = function (item) {
      var edge = line.getBoundingClientRect(), rect = item.getBoundingClientRect();
      return !item.hidden && (rect.top >= edge.bottom - 1 || rect.right > edge.right + 1);
    };
    if (!winners.some(off)) { return; }
    more.hidden = false;
    for (var shown = winners.length - 1; shown >= 0; shown--) {
      winners.forEach(function (item, n) { item.hidden = n >= shown; });
      more.textContent = winners[shown].dataset.rest;
      if (!off(more) && !winners.some(off)) { return; }
    }
  }

  document.addEventListener("tocht:state", function (event) {
    var wins = event.detail.wins;
    if (knownWins !== null && wins > knownWins) {
      hailedUntil = Date.now() + HAIL_SECONDS * 1000;
      window.setTimeout(hail, HAIL_SECONDS * 1000 + 50);
    }
    knownWins = wins;
  });
  document.addEventListener("tocht:live", fit);
  window.addEventListener("resize", fit);
  // A presenter's clicker (or the keyboard) turns the arguments' pages too; the clock starts again.
  document.addEventListener("keydown", function (event) {
    var by = { PageDown: 1, ArrowRight: 1, ArrowDown: 1, PageUp: -1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (!by) { return; }
    event.preventDefault();
    turn(by);
  });
  fit();
})();
