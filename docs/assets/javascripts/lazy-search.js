/* Load the search index only when the reader starts to search.
 *
 * Material fetches search/search_index.json on every first page load, which on a large blog
 * is most of the page weight. This tiny shim (loaded before Material's bundle) holds that one
 * request back until the reader focuses the search box, taps the search icon or uses a search
 * keyboard shortcut. Until then Material shows its "Initializing search" state; after that,
 * search works exactly as before. Nothing else is touched.
 */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json(\?|$)/;
  var realFetch = window.fetch && window.fetch.bind(window);
  if (!realFetch) return;

  var release;
  var wanted = new Promise(function (resolve) { release = resolve; });
  var started = false;

  function start() {
    if (started) return;
    started = true;
    document.documentElement.setAttribute("data-search-index", "loading");
    release();
  }

  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : (input && input.url) || String(input);
    if (!INDEX.test(url)) return realFetch(input, init);
    return wanted.then(function () {
      return realFetch(input, init).then(function (response) {
        document.documentElement.setAttribute("data-search-index", "loaded");
        return response;
      });
    });
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
