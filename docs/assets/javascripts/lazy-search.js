/* Load the search index only when the reader starts to search.
 *
 * Material fetches search/search_index.json on every first page load, which on a large blog
 * is most of the page weight. This tiny shim (loaded before Material's bundle) holds that one
 * request back until the reader focuses the search box, taps the search icon or uses a search
 * keyboard shortcut. Until then Material shows its "Initializing search" state; after that,
 * search works as before.
 *
 * It also drops little words ("in", "my", "the") from a query before it reaches the search
 * worker: Material adds a trailing wildcard to every word, so "in" would match "invasive"
 * and push unrelated pages above the one the reader wants.
 */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json(\?|$)/;
  var release;
  var wanted = new Promise(function (resolve) { release = resolve; });
  var started = false;

  function start() {
    if (started) return;
    started = true;
    document.documentElement.setAttribute("data-search-index", "loading");
    release();
  }

  // Material requests the index with XMLHttpRequest: hold back send() for that one URL.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__spineLazyIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.__spineLazyIndex) return send.apply(this, arguments);
    var request = this;
    var args = arguments;
    request.addEventListener("loadend", function () {
      document.documentElement.setAttribute("data-search-index", "loaded");
    });
    wanted.then(function () { send.apply(request, args); });
  };

  var STOP = ("a about after all also am an and any are as at be been but by can cant can't could did do does " +
    "for from get got had has have he her his how i i'm if in into is it it's its just me my of on or our she so " +
    "than that the their them then there these they this to too up us was we were what when where which while " +
    "who why will with would you your").split(" ");
  var stopWords = {};
  STOP.forEach(function (word) { stopWords[word] = true; });

  // Everyday spellings and words that lunr's stemmer does not join up (it keeps "spine" and
  // "spinal" apart). Each finished word also searches for its partners.
  var SYNONYMS = {
    disk: ["disc"], disks: ["discs"], spine: ["spinal"], spinal: ["spine"], backbone: ["spine"],
    pee: ["bladder"], peeing: ["bladder"], poo: ["bowel"], numb: ["numbness"], tingly: ["tingling"],
    vertebrae: ["vertebra"], vertebra: ["vertebrae"], tiptoe: ["tiptoes"], tiptoes: ["tiptoe"]
  };

  // Material adds a trailing wildcard to every word ("disc" also finds "disclaimer"). Words the
  // reader has finished typing are searched as typed (boosted) and, when long enough, with one
  // typo allowed; only the word still being typed keeps the wildcard (plus one typo when long).
  function tuneQuery(query) {
    var finished = /\s$/.test(query);
    var words = query.trim().split(/\s+/).filter(Boolean);
    var kept = words.filter(function (word) { return !stopWords[word.toLowerCase()]; });
    if (!kept.length) return query;            // only little words so far: leave it to Material
    return kept.map(function (word, index) {
      if (/[+\-~^*:]/.test(word)) return word;  // the reader used search syntax: respect it
      var typing = index === kept.length - 1 && !finished && kept[index] === words[words.length - 1];
      var partners = (SYNONYMS[word.toLowerCase()] || []).map(function (w) { return w + "^2"; });
      var own = typing ? word + "^3 " + word + (word.length >= 6 ? " " + word + "~1" : "")
        : word.length >= 5 ? word + "^3 " + word + "~1" : word + "^3";
      return [own].concat(partners).join(" ");
    }).join(" ");
  }

  // Material sends each query to its search worker as {type: 2, data: "..."}.
  var QUERY = 2;
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      var args = Array.prototype.slice.call(arguments);
      args[0] = { type: QUERY, data: tuneQuery(message.data) };
      return post.apply(this, args);
    }
    return post.apply(this, arguments);
  };

  function isSearchTarget(target) {
    return target && target.closest && (
      target.closest("[data-md-component='search-query']") ||
      target.closest("label[for='__search']") ||
      target.closest(".md-search"));
  }

  document.addEventListener("focusin", function (event) { if (isSearchTarget(event.target)) start(); }, true);
  document.addEventListener("pointerdown", function (event) { if (isSearchTarget(event.target)) start(); }, true);
  document.addEventListener("keydown", function (event) {
    // Material's shortcuts for search: "/", "s" and "f" (outside text fields).
    var key = event.key;
    var field = event.target && /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
    if (!field && (key === "/" || key === "s" || key === "f" || key === "S" || key === "F")) start();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) start();
  }, true);
  // Arriving from a search result (?h= highlights the words) or a shared search (?q=): load at once.
  if (/[?&](q|h)=/.test(location.search)) start();
})();
