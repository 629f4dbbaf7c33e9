/* Decap editor components for our Markdown constructs (read by spinelib/cms_admin.py, which
   puts the SPINE data, generated from the triage standard, before it). */
(function () {
  const kinds = Object.keys(SPINE.urgencies);
  const card = /^!!! (see-doctor|urgent|emergency) "([^"\n]*)"\n\n((?:    .*\n?|\n(?=    ))+)/m;
  CMS.registerEditorComponent({
    id: "care-card",
    label: "Care card (when to get help)",
    fields: [
      {name: "urgency", label: "Urgency", widget: "select", required: true,
       options: [{label: "See a doctor (routine)", value: "see-doctor"},
                 {label: "Urgent appointment today", value: "urgent"},
                 {label: "Emergency", value: "emergency"}], default: "see-doctor"},
      {name: "heading", label: "Heading (leave empty for the standard one)", widget: "string", required: false},
      {name: "flags", label: "Standard red flags (their wording is shown for you)", widget: "select",
       multiple: true, required: false,
       options: SPINE.flags.map(f => ({label: `${f.urgency}: ${f.wording}`, value: f.id}))},
      {name: "items", label: "Your own bullets", widget: "list", required: false,
       field: {name: "item", label: "Bullet", widget: "string"}},
      {name: "after", label: "Text after the bullets", widget: "text", required: false},
    ],
    pattern: card,
    fromBlock(match) {
      const lines = match[3].split("\n").map(l => l.replace(/^    /, ""));
      const bullets = lines.filter(l => l.startsWith("- ")).map(l => l.slice(2));
      const rest = lines.filter(l => !l.startsWith("- ")).join("\n").trim();
      return {urgency: match[1], heading: match[2],
              flags: bullets.filter(b => b.startsWith("red-flag: ")).map(b => b.slice(10).trim()),
              items: bullets.filter(b => !b.startsWith("red-flag: ")), after: rest};
    },
    toBlock(d) {
      const kind = kinds.includes(d.urgency) ? d.urgency : "see-doctor";
      const heading = (d.heading || "").trim() || SPINE.urgencies[kind];
      const bullets = [...(d.flags || []).map(id => `red-flag: ${id}`), ...(d.items || [])];
      let out = `!!! ${kind} "${heading}"\n\n` + bullets.map(b => `    - ${b}`).join("\n") + "\n";
      if ((d.after || "").trim()) out += "\n" + d.after.trim().split("\n").map(l => l ? "    " + l : "").join("\n") + "\n";
      return out;
    },
    toPreview(d) {
      const byId = Object.fromEntries(SPINE.flags.map(f => [f.id, f.wording]));
      const items = [...(d.flags || []).map(id => byId[id] || id), ...(d.items || [])];
      const esc = s => String(s).replace(/[&<>"]/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]));
      return `<div class="admonition care-card ${esc(d.urgency)}"><p class="admonition-title">${esc(d.heading || SPINE.urgencies[d.urgency] || "")}</p>`
        + `<ul>${items.map(i => `<li>${esc(i)}</li>`).join("")}</ul></div>`;
    },
  });
  // The preview pane, dressed like a page of the site (Material's and our CSS are registered
  // as preview styles in index.html).
  const Preview = createClass({
    render() {
      const entry = this.props.entry;
      return h("div", {className: "md-container"},
        h("main", {className: "md-main"}, h("div", {className: "md-content"},
          h("article", {className: "md-content__inner md-typeset"},
            h("h1", {}, entry.getIn(["data", "title"])),
            h("p", {className: "page-description"}, entry.getIn(["data", "description"])),
            this.props.widgetFor("body")))));
    },
  });
  for (const name of ["posts", "conditions", "treatments", "pages"]) CMS.registerPreviewTemplate(name, Preview);

  CMS.registerEditorComponent({
    id: "picture",
    label: "Picture (with a description)",
    fields: [
      {name: "src", label: "Picture", widget: "image", required: true},
      {name: "alt", label: "What the picture shows (read out to blind readers)", widget: "string", required: true,
       pattern: ["\\S.{4,}", "Describe the picture in a few words"]},
    ],
    pattern: /^!\[([^\]\n]+)\]\(([^)\s]+)\)$/m,
    fromBlock: m => ({alt: m[1], src: m[2]}),
    toBlock: d => `![${(d.alt || "").replace(/[\[\]]/g, "")}](${d.src || ""})`,
    toPreview: (d, getAsset) => `<img src="${d.src || ""}" alt="${String(d.alt || "").replace(/"/g, "&quot;")}">`,
  });
})();
