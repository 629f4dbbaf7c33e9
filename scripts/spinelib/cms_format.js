/* The front-matter format the browser editor reads and writes (Decap CMS custom format "spine-md").
 *
 * Decap's own YAML writer re-serialises the whole front matter (drops our double quotes, folds
 * long lines at 80 columns, loses comments), so opening and saving a page would rewrite most of
 * its lines. This format writes our house style instead (CONTRIBUTING.md section 3), and keeps a
 * field's original lines verbatim whenever its value did not change: a page saved unchanged is
 * byte-identical, and an edit to one field changes that field's lines only.
 *
 * Copied into site/admin/ by scripts/spinelib/cms.py; tests/test_cms_config.py runs it under
 * Node on every page of the site. Needs a YAML parser: `jsyaml` (js-yaml, copied beside it).
 */
(function (root) {
  "use strict";
  const FENCE = /^---[ \t]*\n([\s\S]*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/;
  const QUOTED = new Set(["title", "description", "summary", "subtitle", "publisher", "url"]);
  const PLAIN_DATES = new Set(["date", "last_reviewed", "created", "updated"]);
  // Every file read so far: its keys in order, and each key's lines by the value they hold. The
  // entry being saved is matched to the file it came from (the one sharing most values with it).
  const files = [];

  function yamlLib() {
    return root.jsyaml || (typeof require === "function" ? require("js-yaml") : null);
  }

  // Split front matter into top-level blocks: {key, text} (a block is its key's line and the
  // indented or list lines under it, plus comment lines directly above it).
  function blocks(text) {
    const out = [];
    let pending = "";
    for (const line of text.split(/(?<=\n)/)) {
      const top = /^([A-Za-z_][A-Za-z0-9_]*):(?:\s|$)/.exec(line);
      if (top) {
        out.push({key: top[1], text: pending + line});
        pending = "";
      } else if (out.length && /^(\s|-)/.test(line) && line.trim() !== "") {
        out[out.length - 1].text += line;
      } else {
        pending += line;
      }
    }
    return {blocks: out, tail: pending};
  }

  function fromFile(content) {
    const match = FENCE.exec(content);
    if (!match) return {body: content};
    const fm = match[1] || "";
    const data = yamlLib().load(fm, {schema: yamlLib().CORE_SCHEMA}) || {};
    const record = {order: Object.keys(data), lines: new Map()};
    for (const block of blocks(fm).blocks) {
      if (Object.prototype.hasOwnProperty.call(data, block.key)) {
        record.lines.set(block.key + "\u0000" + JSON.stringify(data[block.key]), block.text);
      }
    }
    files.push(record);
    const body = content.slice(match[0].length);
    return body ? {...data, body} : data;
  }

  const SPECIAL = /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+|\.inf|\.nan|\d{4}-\d{1,2}-\d{1,2}.*)$/i;

  function scalar(value, key) {
    if (value === null || value === undefined) return "null";
    if (typeof value === "boolean" || typeof value === "number") return String(value);
    const text = String(value);
    if (PLAIN_DATES.has(key) && /^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
    const plainOk = text !== "" && !QUOTED.has(key) && !SPECIAL.test(text)
      && /^[^\s\-?:,\[\]{}#&*!|>'"%@`][^\n#]*$/.test(text) && !/:(\s|$)/.test(text) && !/\s$/.test(text);
    if (plainOk) return text;
    return '"' + text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t") + '"';
  }

  function isEmpty(value) {
    return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
  }

  function write(key, value, indent) {
    const pad = " ".repeat(indent);
    if (Array.isArray(value)) {
      if (!value.length) return `${pad}${key}: []\n`;
      let out = `${pad}${key}:\n`;
      for (const item of value) {
        if (item && typeof item === "object" && !Array.isArray(item)) {
          const entries = Object.entries(item).filter(([, v]) => !isEmpty(v));
          entries.forEach(([k, v], i) => {
            const line = write(k, v, indent + 4);
            out += i === 0 ? `${pad}  - ${line.slice(indent + 4)}` : line;
          });
        } else {
          out += `${pad}  - ${scalar(item, key)}\n`;
        }
      }
      return out;
    }
    if (value && typeof value === "object") {
      let out = `${pad}${key}:\n`;
      for (const [k, v] of Object.entries(value)) if (!isEmpty(v)) out += write(k, v, indent + 2);
      return out;
    }
    return `${pad}${key}: ${scalar(value, key)}\n`;
  }

  // What a form leaves behind that a page does not need: off switches and empty fields.
  function prune(value) {
    if (Array.isArray(value)) return value.map(prune);
    if (value && typeof value === "object") {
      const out = {};
      for (const [k, v] of Object.entries(value)) {
        const kept = prune(v);
        if (!isEmpty(kept) && kept !== false) out[k] = kept;
      }
      return Object.keys(out).length ? out : undefined;
    }
    return value;
  }

  function toFile(data, sortedKeys) {
    const {body = "", ...meta} = data || {};
    const form = sortedKeys ? Array.from(sortedKeys) : [];
    const keys = Object.keys(meta);
    const id = k => k + "\u0000" + JSON.stringify(meta[k]);
    let source = null, best = 0;
    for (const record of files) {
      const score = keys.filter(k => record.lines.has(id(k))).length;
      if (score > best) { source = record; best = score; }
    }
    // The file's own key order; a key it did not have goes after the key before it in the form
    // (a new page: the form's order, which is our pages' usual order, cms.py FIELD_ORDER).
    const order = source ? source.order.filter(k => keys.includes(k)) : [];
    const rank = k => (form.indexOf(k) === -1 ? form.length + keys.indexOf(k) : form.indexOf(k));
    for (const key of keys.filter(k => !order.includes(k)).sort((a, b) => rank(a) - rank(b))) {
      let at = 0;
      order.forEach((k, i) => { if (rank(k) < rank(key)) at = i + 1; });
      order.splice(at, 0, key);
    }
    let fm = "";
    for (const key of order) {
      const value = meta[key];
      const original = source ? source.lines.get(id(key)) : undefined;
      if (original !== undefined) { fm += original; continue; }
      const pruned = prune(value);
      if (!isEmpty(pruned) && pruned !== false) fm += write(key, pruned, 0);
    }
    return `---\n${fm}---\n${body}`;
  }

  // forget(): drop the remembered lines (the tests use it to check the house style on its own).
  const format = {fromFile, toFile, forget: () => files.splice(0)};
  if (typeof module === "object" && module.exports) module.exports = format;
  if (root.CMS) root.CMS.registerCustomFormat("spine-md", "md", format);
})(typeof window !== "undefined" ? window : globalThis);
