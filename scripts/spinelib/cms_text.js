/* What the page-text toolbar does to the Markdown (cms_components.js), as pure functions on
 * (text, selection): no browser needed, so tests/test_cms_config.py runs them under Node.
 *
 * Every insert adds whole lines in our syntax (CONTRIBUTING.md section 4) and changes no other
 * line: a care card or a picture added to a page is a diff of added lines only.
 * Browser: defines `SpineText`. Node: require() it.
 */
(function (root) {
  "use strict";

  // Characters as Python (the checks) counts them: code points, not UTF-16 units.
  const length = value => Array.from(String(value || "")).length;

  // A block of lines put at the cursor as paragraphs of their own: moved to the end of the
  // cursor's line when it is inside one, with a blank line before and after it.
  function insertBlock(text, pos, block) {
    text = String(text || "");
    pos = Math.max(0, Math.min(pos === undefined ? text.length : pos, text.length));
    if (pos > 0 && text[pos - 1] !== "\n") {
      const eol = text.indexOf("\n", pos);
      pos = eol === -1 ? text.length : eol + 1;
    }
    let before = text.slice(0, pos);
    const after = text.slice(pos);
    if (before && !before.endsWith("\n")) before += "\n";          // a last line without newline
    const lead = before === "" || before.endsWith("\n\n") ? "" : "\n";
    const body = block.replace(/\n+$/, "") + "\n";
    const trail = after === "" || after.startsWith("\n") ? "" : "\n";
    const at = before.length + lead.length + body.length - 1;      // the cursor: at the block's end
    return {text: before + lead + body + trail + after, start: at, end: at};
  }

  const WRAPS = {bold: ["**", "**", "bold text"], italic: ["*", "*", "italic text"]};
  const PREFIXES = {h2: "## ", h3: "### ", bullets: "- ", numbers: "1. "};

  // Basic formatting of the selection (or a placeholder, selected, when nothing is selected).
  function format(text, start, end, name) {
    text = String(text || "");
    if (name in WRAPS || name === "link") {
      const [open, close, placeholder] = name === "link" ? ["[", "](https://)", "link text"] : WRAPS[name];
      const chosen = text.slice(start, end) || placeholder;
      const out = text.slice(0, start) + open + chosen + close + text.slice(end);
      if (name === "link") {                        // select the address to type over
        const at = start + open.length + chosen.length + 2;
        return {text: out, start: at, end: at + "https://".length};
      }
      return {text: out, start: start + open.length, end: start + open.length + chosen.length};
    }
    const prefix = PREFIXES[name];
    if (!prefix) return {text, start, end};
    const first = text.lastIndexOf("\n", start - 1) + 1;
    let last = text.indexOf("\n", Math.max(end - (end > start && text[end - 1] === "\n" ? 1 : 0), start));
    if (last === -1) last = text.length;
    let n = 0;
    const lines = text.slice(first, last).split("\n").map(line => {
      if (!line.trim()) return line;
      n += 1;
      const bare = line.replace(/^(#{1,6} |[-*+] |\d+[.)] )/, "");
      return (name === "numbers" ? `${n}. ` : prefix) + bare;
    });
    const middle = lines.join("\n") || prefix;
    const out = text.slice(0, first) + middle + text.slice(last);
    return {text: out, start: first + middle.length, end: first + middle.length};
  }

  // A care card in our syntax, or {error} saying what is missing. `maxBullets` is the content
  // checks' limit (SH510: at most 5 plus one catch-all), passed in from SPINE.max_card_bullets.
  function careCard(card, urgencies, maxBullets) {
    const kind = card.urgency in urgencies ? card.urgency : null;
    if (!kind) return {error: "Choose the urgency of the card."};
    const heading = String(card.heading || "").trim().replace(/"/g, "'") || urgencies[kind];
    const own = String(card.own || "").split("\n").map(l => l.trim().replace(/^[-*+]\s+/, "")).filter(Boolean);
    const bullets = [...(card.flags || []).map(id => `red-flag: ${id}`), ...own];
    const after = String(card.after || "").trim();
    if (!bullets.length && !after) {
      return {error: "The card is empty: tick a standard red flag or write a bullet."};
    }
    if (bullets.length > maxBullets) {
      return {error: `The card has ${bullets.length} bullets: keep it to at most 5 plus one catch-all.`};
    }
    const lines = [`!!! ${kind} "${heading}"`, ""];
    for (const bullet of bullets) lines.push(`    - ${bullet}`);
    if (after) {
      if (bullets.length) lines.push("");
      for (const line of after.split("\n")) lines.push(line.trim() ? `    ${line.trimEnd()}` : "");
    }
    return {text: lines.join("\n") + "\n"};
  }

  // `to` (a path under the repository) relative to the folder `fromDir` (a list of folders).
  function relative(fromDir, to) {
    const target = to.split("/");
    let common = 0;
    while (common < fromDir.length && common < target.length - 1 && fromDir[common] === target[common]) common += 1;
    return "../".repeat(fromDir.length - common) + target.slice(common).join("/");
  }

  // A picture in our syntax, `![alt](../assets/images/x.png)` relative to the page, or {error}.
  function picture(p) {
    const src = String(p.src || "").trim();
    if (!src) return {error: "Choose or upload a picture first."};
    const alt = String(p.alt || "").replace(/[[\]\n]/g, " ").replace(/\s+/g, " ").trim();
    if (!alt) {
      return {error: "Describe what the picture shows: the alt text is required (screen readers read it out to blind readers)."};
    }
    if (length(alt) < 5) return {error: "Describe what the picture shows in a few words (5 characters or more)."};
    const pub = String(p.publicFolder || "").replace(/\/$/, "");
    let path = src;
    if (/^[a-z][a-z0-9+.-]*:/i.test(src)) {
      path = src;                                              // a web address: as it is
    } else if (pub && src.startsWith(pub + "/")) {
      path = relative(p.pageDir, `${String(p.mediaFolder).replace(/\/$/, "")}/${src.slice(pub.length + 1)}`);
    } else if (src.startsWith("/")) {
      path = relative(p.pageDir, `docs${src}`);
    }
    return {text: `![${alt}](${path.replace(/ /g, "%20").replace(/\(/g, "%28").replace(/\)/g, "%29")})\n`};
  }

  const api = {length, insertBlock, format, careCard, picture, relative};
  if (typeof module === "object" && module.exports) module.exports = api;
  root.SpineText = api;
})(typeof window !== "undefined" ? window : globalThis);
