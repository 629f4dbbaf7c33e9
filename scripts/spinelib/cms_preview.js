/* The browser editor's preview: a page's Markdown shown as the site shows it.
 *
 * Decap's own Markdown preview does not know our blocks (`!!! kind "title"` with four-space
 * indented content), so page text is rendered here with `marked` (npm, exact pin; copied into
 * site/admin/marked.js) plus one block extension, after the same two steps the build does
 * (spinelib/triage.py expand): `- red-flag: id` bullets become the standard wording, and
 * `{{ emergency_number }}` / `{{ emergency_room }}` the site's words. Care cards get the site's
 * classes and hidden urgency words (spinelib/carecards.py), so the site's CSS, registered as
 * preview styles, dresses them as on a page.
 *
 * Raw HTML is not rendered (a page's own HTML is shown on the published page only) and links
 * keep to http(s), mailto, anchors and relative addresses: the preview runs with the editor's
 * sign-in, so text from a pull request must not run in it.
 *
 * Browser: reads the globals `marked` and `SPINE` (editor-components.js), defines `SpinePreview`.
 * Node (tests/test_cms_config.py): require() it and call render(markdown, spine, marked).
 */
(function (root) {
  "use strict";
  const FLAG_LINE = /^([ \t]*[-*+][ \t]+)red-flags?:[ \t]*(\S*)[ \t]*$/gm;
  const TOKEN = /\{\{\s*([A-Za-z_][\w-]*)\s*\}\}/g;
  const BLOCK = /^!!![ \t]+([A-Za-z0-9_-]+)(?:[ \t]+"([^"\n]*)")?[ \t]*(?:\n|$)((?:[ \t]*(?:\n|$)|(?: {4}|\t).*(?:\n|$))*)/;
  const SAFE_URL = /^(?:https?:|mailto:|#|\/|\.{0,2}\/|[^:]*$)/i;

  const esc = s => String(s).replace(/[&<>"']/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));

  // The Markdown as readers get it (triage.expand): standard wording and the site's words.
  function expand(markdown, spine) {
    const wording = Object.fromEntries((spine.flags || []).map(f => [f.id, f.wording]));
    return String(markdown || "")
      .replace(FLAG_LINE, (line, lead, id) => (id in wording ? lead + wording[id] : line))
      .replace(TOKEN, (token, name) => (spine.words && name in spine.words ? spine.words[name] : token));
  }

  // Where a page's relative links point from: its folder under docs/ (a new page: its collection's).
  function pageDir(entryPath, collection, spine) {
    const path = entryPath || `${(spine.folders || {})[collection] || "docs"}/new.md`;
    return path.split("/").slice(0, -1);
  }

  // A relative address in a page, as a path from the site root ("../assets/x.png" -> "/assets/x.png").
  function sitePath(url, dir) {
    if (/^(?:[a-z][a-z0-9+.-]*:|\/|#)/i.test(url)) return url;
    const parts = dir.slice(1);                      // drop "docs"
    for (const part of url.split("/")) {
      if (part === "..") parts.pop();
      else if (part !== "." && part !== "") parts.push(part);
    }
    return "/" + parts.join("/");
  }

  function makeParser(marked, spine, options) {
    let cards = 0;
    const careWords = spine.care_words;   // the hidden words before a card's heading (carecards.CARE_TYPES)
    const admonition = {
      name: "admonition",
      level: "block",
      start: src => { const m = /^!!![ \t]/m.exec(src); return m ? m.index : undefined; },
      tokenizer(src) {
        const m = BLOCK.exec(src);
        if (!m) return undefined;
        const content = m[3].split("\n").map(line => line.replace(/^(?: {4}|\t)/, "")).join("\n");
        const token = {type: "admonition", raw: m[0], kind: m[1], title: m[2], tokens: []};
        this.lexer.blockTokens(content, token.tokens);
        return token;
      },
      renderer(token) {
        const kind = token.kind.toLowerCase();
        const title = token.title === undefined ? kind.charAt(0).toUpperCase() + kind.slice(1) : token.title;
        const inner = this.parser.parse(token.tokens);
        if (!(kind in careWords)) {
          return `<div class="admonition ${esc(kind)}">\n`
            + (title ? `<p class="admonition-title">${esc(title)}</p>\n` : "") + inner + "</div>\n";
        }
        cards += 1;
        const id = `care-card-${cards}`;
        return `<div class="admonition care-card ${kind}" role="region" aria-labelledby="${id}">\n`
          + `<p class="admonition-title" id="${id}"><span class="visually-hidden">${careWords[kind]} </span>`
          + `${esc(title)}</p>\n${inner}</div>\n`;
      },
    };
    const renderer = {
      html(token) {                     // raw HTML: never run in the editor
        const text = token.text || token.raw || "";
        if (/^\s*<!--[\s\S]*-->\s*$/.test(text)) return "";
        return token.block ? '<p class="spine-preview-note">(HTML: shown on the published page only)</p>\n' : esc(text);
      },
      link(token) {
        const href = SAFE_URL.test(token.href) ? token.href : "#";
        const title = token.title ? ` title="${esc(token.title)}"` : "";
        return `<a href="${esc(href)}"${title}>${this.parser.parseInline(token.tokens)}</a>`;
      },
      image(token) {
        const src = SAFE_URL.test(token.href) ? options.asset(sitePath(token.href, options.dir)) : "";
        return `<img src="${esc(src)}" alt="${esc(token.text)}">`;
      },
    };
    return new marked.Marked({gfm: true, extensions: [admonition], renderer});
  }

  // Page text as HTML. options: {entryPath, collection, asset(path) -> url}.
  function render(markdown, spine, marked, options = {}) {
    const dir = pageDir(options.entryPath, options.collection, spine);
    const opts = {dir, asset: options.asset || (p => p)};
    return makeParser(marked, spine, opts).parse(expand(markdown, spine), {async: false});
  }

  const api = {render, expand, sitePath, pageDir};
  if (typeof module === "object" && module.exports) module.exports = api;
  root.SpinePreview = api;

  if (!root.CMS || !root.h) return;
  const h = root.h;

  // The page text's preview (the body widget's preview component).
  root.SpinePreview.BodyPreview = root.createClass({
    render() {
      const {value, entry, getAsset, field} = this.props;
      // A picture uploaded with this draft is not on the site yet: show Decap's copy of it
      // (getAsset of a name in the media folder); every other picture from the site itself.
      const drafts = ((entry && entry.get("mediaFiles")) || []).map(f => (f.get ? f.get("path") : f.path));
      const asset = path => {
        if (!getAsset || !drafts.includes(`docs${path}`)) return path;
        const url = String(getAsset(path.split("/").pop(), field) || "");
        return url && url !== "undefined" ? url : path;
      };
      const html = render(value, root.SPINE, root.marked, {
        entryPath: entry && entry.get("path"), collection: entry && entry.get("collection"), asset});
      return h("div", {className: "spine-preview-body", dangerouslySetInnerHTML: {__html: html}});
    },
  });

  // The whole preview pane, dressed like a page of the site: Material's main and palette CSS
  // and our site.css are registered as preview styles (admin-init.js), served from our origin.
  const palette = (root.SPINE && root.SPINE.palette) || {};
  const Page = root.createClass({
    render() {
      const entry = this.props.entry;
      const description = entry.getIn(["data", "description"]);
      return h("div", {className: "spine-preview", dir: "ltr", "data-md-color-scheme": palette.scheme || "default",
                       "data-md-color-primary": palette.primary || "indigo", "data-md-color-accent": palette.accent || "indigo"},
        h("main", {className: "md-main"}, h("div", {className: "md-main__inner md-grid"},
          h("div", {className: "md-content"}, h("article", {className: "md-content__inner md-typeset"},
            h("h1", {}, entry.getIn(["data", "title"])),
            description ? h("p", {className: "page-description"}, description) : null,
            this.props.widgetFor("body"))))));
    },
  });
  for (const name of Object.keys((root.SPINE && root.SPINE.folders) || {}).concat(["pages"])) {
    root.CMS.registerPreviewTemplate(name, Page);
  }
})(typeof window !== "undefined" ? window : globalThis);
