/* Material's search worker, with one change: it hands Material only the matches that can reach
 * the top of the result list.
 *
 * For every document lunr matches, Material's worker copies and highlights each field and posts
 * it back to the page. On a large blog a common word matches thousands of sections, and that
 * work, not lunr's search, is most of the time between typing and results. Material then
 * re-weights each match, score * (1 + g * g) with g = (a page's own entry ? 1 : 0) + the share
 * of the query's words it matched, and sorts. So a page's entry ends between 2 and 5 times its
 * lunr score and a section between 1 and 2 times. A match whose best case is below the KEEP-th
 * best worst case can never be among the first KEEP: those are dropped before Material sees
 * them, and the first KEEP results are exactly Material's own.
 *
 * lazy-search.js starts this file instead of Material's worker, with Material's worker path as
 * ?material=... (checked below: only Material's own worker file on this site).
 */
(function () {
  "use strict";
  var KEEP = 60;
  var material = new URLSearchParams(self.location.search).get("material") || "";
  if (!/^\/[\w.\/-]*\/workers\/search\.[0-9a-f]+\.min\.js$/.test(material) || /\.\./.test(material)) {
    throw new Error("search-worker.js: not Material's search worker: " + material);
  }
  importScripts(material);

  function isPage(result) { return result.ref.indexOf("#") < 0; }
  function worst(result) { return result.score * (isPage(result) ? 2 : 1); }
  function best(result) { return result.score * (isPage(result) ? 5 : 2); }

  var search = self.lunr.Index.prototype.search;
  self.lunr.Index.prototype.search = function (query) {
    var results = search.call(this, query);
    if (results.length <= KEEP) return results;
    var floor = results.map(worst).sort(function (a, b) { return b - a; })[KEEP - 1];
    return results.filter(function (result) { return best(result) >= floor; });
  };
})();
