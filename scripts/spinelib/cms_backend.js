/* Keep the section index pages (docs/conditions/index.md, docs/treatments/index.md) out of the
 * condition and treatment collections; they stay editable under "Other pages".
 *
 * Decap 3.16's collection `filter` cannot do it: it keeps entries whose field equals one value
 * (decap-cms-core backend.ts filterEntries, types `filter: {field, value}`), with no path
 * pattern. So the backends' folder listings (GitHub's, and the local proxy's for `make editor`)
 * leave out the paths in SPINE.exclude, which cms.py computes from the schema (every page in a
 * collection's folder that is not of that collection's kind). tests/test_browser_cms.py checks
 * the lists the editor shows and the relation widget's choices.
 */
(function () {
  const skip = new Set(SPINE.exclude || []);
  if (!skip.size) return;
  const keep = entries => {
    if (!Array.isArray(entries)) return entries;
    const out = entries.filter(entry => !(entry && entry.file && skip.has(entry.file.path)));
    for (const symbol of Object.getOwnPropertySymbols(entries)) out[symbol] = entries[symbol];  // the cursor
    return out;
  };
  for (const name of ["github", "proxy"]) {
    const registered = CMS.getBackend(name);
    if (!registered || registered.spineKeepsOut) continue;
    const init = registered.init;
    registered.init = (...args) => {
      const implementation = init(...args);
      for (const method of ["entriesByFolder", "allEntriesByFolder"]) {
        const original = implementation[method];
        if (typeof original === "function") {
          implementation[method] = (...a) => Promise.resolve(original.apply(implementation, a)).then(keep);
        }
      }
      const traverse = implementation.traverseCursor;
      if (typeof traverse === "function") {
        implementation.traverseCursor = (...a) => Promise.resolve(traverse.apply(implementation, a))
          .then(page => (page && page.entries ? {...page, entries: keep(page.entries)} : page));
      }
      return implementation;
    };
    registered.spineKeepsOut = true;
  }
})();
