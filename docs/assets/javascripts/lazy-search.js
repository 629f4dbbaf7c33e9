/* Load the search index only when the reader starts to search.
 *
 * Material fetches search/search_index.json on every first page load, which on a large blog
 * is most of the page weight. This tiny shim (loaded before Material's bundle) holds that one
 * request back until the reader focuses the search box, taps the search icon or uses a search
 * keyboard shortcut. Until then Material shows its "Initializing search" state; after that,
 * search works as before.
 *
 * On a large blog the index comes in two parts (scripts/spinelib/search_index.py): the first,
 * small part answers the first query; the whole index follows in a second worker (below).
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

  // Material's messages to and from its search worker: {type: 0, data: index} sets it up and
  // is answered {type: 1}; each query is {type: 2, data: "..."}, answered {type: 3, data: results}.
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var post = Worker.prototype.postMessage;

  // Material's worker is started through search-worker.js (next to this file), which passes
  // Material only the matches that can reach the top of the list (see that file for why).
  var NativeWorker = window.Worker;
  var here = document.currentScript && document.currentScript.src;
  if (NativeWorker && here) {
    var wrapper = new URL("search-worker.js", here);
    var SpineWorker = function (url, options) {
      var target = new URL(String(url), location.href);
      if (target.origin === location.origin && /\/workers\/search\.[0-9a-f]+\.min\.js$/.test(target.pathname)) {
        url = wrapper.pathname + "?material=" + encodeURIComponent(target.pathname);
      }
      return new NativeWorker(url, options);
    };
    SpineWorker.prototype = NativeWorker.prototype;
    window.Worker = SpineWorker;
  }

  // A large blog's index comes in two parts (scripts/spinelib/search_index.py): the first has
  // every page but only the posts' openings, so the first results come quickly; the whole index
  // is fetched once those results are on screen and built in a second worker. From when it is
  // ready, queries go to it and its answers reach Material as if from the first worker.
  var whole = { main: null, name: "", options: null, worker: null, requested: false, last: null };

  function siteConfig() {
    var element = document.getElementById("__config");
    return element ? JSON.parse(element.textContent) : null;
  }

  function loadWholeIndex() {
    var config = siteConfig();
    if (whole.requested || !config || !config.search || !window.fetch) return;
    whole.requested = true;
    var base = new URL(config.base || ".", location.href);
    fetch(new URL("search/" + whole.name, base)).then(function (response) {
      if (!response.ok) throw new Error("search index: " + response.status);
      return response.json();
    }).then(function (index) {
      var worker = new Worker(new URL(config.search, location.href));
      worker.addEventListener("message", function (event) {
        var message = event.data;
        if (message && message.type === READY) {
          whole.worker = worker;
          document.documentElement.setAttribute("data-search-index", "whole");
          if (whole.last !== null) post.call(worker, { type: QUERY, data: whole.last });  // the results on screen, now in full
        } else if (whole.worker === worker) {
          whole.main.dispatchEvent(new MessageEvent("message", { data: message }));
        }
      });
      index.options = whole.options;
      post.call(worker, { type: SETUP, data: index });
    }).catch(function () { /* the first part goes on answering */ });
  }

  Worker.prototype.postMessage = function (message) {
    if (message && message.type === SETUP && message.data && message.data.config &&
        message.data.config.full_index && !whole.main) {
      whole.main = this;
      whole.name = String(message.data.config.full_index);
      whole.options = message.data.options;          // Material's search options (suggestions ...)
      this.addEventListener("message", function (event) {
        // The answer to the reader's first words (not Material's empty query when it starts).
        if (event.data && event.data.type === RESULT && whole.last) setTimeout(loadWholeIndex, 0);
      });
    }
    if (message && message.type === QUERY && typeof message.data === "string") {
      var tuned = { type: QUERY, data: tuneQuery(message.data) };
      if (this === whole.main) {
        whole.last = tuned.data.trim() ? tuned.data : whole.last;
        if (whole.worker) return post.call(whole.worker, tuned);
      }
      var args = Array.prototype.slice.call(arguments);
      args[0] = tuned;
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
