/* The browser editor's own widgets (read by spinelib/cms_admin.py, which puts the SPINE data,
   generated from the triage standard and mkdocs.yml, before it).

   - "spine-markdown", the page text: a plain Markdown textarea, so what is typed is what is saved
     (a page saved unchanged is byte-identical; one edit is a one-line diff), with a toolbar for
     basic formatting and our constructs: a care card (urgency, heading, the standard red flags by
     their wording, own bullets) and a picture from the media library with required alt text.
     Every insert adds whole lines of our syntax (CONTRIBUTING.md section 4) and nothing else.
   - "spine-string": Decap's string input with a live "142 of 160 characters" count, for every
     field the schema limits (cms.py gives it `max_length`).
   The pure text functions are in `SpineText` (cms_text.js), tested under Node. */
(function () {
  const T = window.SpineText;
  const kinds = Object.keys(SPINE.urgencies);
  const KIND_LABELS = {
    "see-doctor": "See a doctor (non-urgent)",
    urgent: "Urgent: an appointment today",
    emergency: `Emergency: call ${SPINE.words.emergency_number} or go to ${SPINE.words.emergency_room} now`,
  };

  // ---- a text field with a live character count -------------------------------------------
  const StringControl = CMS.getWidget("string").control;
  const Counted = createClass({
    render() {
      const {value, field, forID} = this.props;
      const max = field.get("max_length");
      const count = T.length(value);
      const over = max && count > max;
      const message = !max ? "" : over
        ? `${count} of ${max} characters: ${count - max} too many, shorten it`
        : `${count} of ${max} characters`;
      return h("div", {className: "spine-counted"},
        h(StringControl, this.props),
        h("p", {id: `${forID}-count`, className: over ? "spine-count spine-count--over" : "spine-count",
                "aria-live": "polite", "data-count": String(count)}, message));
    },
  });
  CMS.registerWidget("spine-string", Counted, CMS.getWidget("string").preview,
                     {properties: {max_length: {type: "integer", minimum: 1}}});

  // ---- the page text ------------------------------------------------------------------------
  const TOOLS = [
    ["bold", "Bold", "B"], ["italic", "Italic", "I"], ["link", "Link", "Link"],
    ["h2", "Section heading (##)", "H2"], ["h3", "Subsection heading (###)", "H3"],
    ["bullets", "Bulleted list", "• List"], ["numbers", "Numbered list", "1. List"],
  ];
  const fresh = kind => ({urgency: kind, heading: SPINE.urgencies[kind], headingTouched: false, flags: [],
                          own: "", after: "", picture: "", alt: "", error: ""});

  const Body = createClass({
    getInitialState() { return {panel: null, ...fresh("see-doctor")}; },

    // Decap's wrapper re-renders a widget only when its value changes, unless the widget says
    // otherwise: a picture chosen in the media library arrives in `mediaPaths`.
    shouldComponentUpdate(nextProps, nextState) {
      return (nextState !== undefined && nextState !== this.state)
        || ["value", "mediaPaths", "classNameWrapper", "hasActiveStyle"].some(k => nextProps[k] !== this.props[k]);
    },

    componentDidMount() { this.controlID = `${this.props.forID}-picture`; },

    componentDidUpdate() {
      const paths = this.props.mediaPaths;
      let chosen = paths && paths.get ? paths.get(this.controlID) : null;
      if (chosen && typeof chosen !== "string") chosen = chosen.first ? chosen.first() : chosen[0];
      if (chosen) {
        this.props.onRemoveInsertedMedia(this.controlID);
        this.setState({picture: chosen, error: ""});
      }
      this.applyPending();
    },

    // Put the cursor (or selection) where an edit asked for it, once the new text is shown.
    applyPending() {
      if (this.pending && this.textarea) {
        const [start, end] = this.pending;
        this.pending = null;
        this.textarea.focus();
        this.textarea.setSelectionRange(start, end);
      }
    },

    text() { return this.props.value || ""; },

    change(result) {
      this.pending = [result.start, result.end];
      this.props.onChange(result.text);
      window.setTimeout(() => this.applyPending(), 0);   // also when the text did not change
    },

    selection() {
      const ta = this.textarea;
      return ta ? [ta.selectionStart, ta.selectionEnd] : [this.text().length, this.text().length];
    },

    tool(name) {
      const [start, end] = this.selection();
      this.change(T.format(this.text(), start, end, name));
    },

    open(panel) {
      this.setState({panel, error: ""});
      if (panel === "picture" && !this.state.picture) this.choosePicture();
    },

    close() {
      this.setState({panel: null, ...fresh(this.state.urgency)});
      if (this.textarea) this.textarea.focus();
    },

    setUrgency(kind) {
      this.setState(s => ({urgency: kind, flags: [], error: "",
                           heading: s.headingTouched ? s.heading : SPINE.urgencies[kind]}));
    },

    toggleFlag(id, on) {
      this.setState(s => ({flags: on ? [...s.flags, id] : s.flags.filter(f => f !== id)}));
    },

    insertCard() {
      const s = this.state;
      const card = T.careCard({urgency: s.urgency, heading: s.heading, flags: s.flags, own: s.own, after: s.after},
                              SPINE.urgencies, SPINE.max_card_bullets);
      if (card.error) return this.setState({error: card.error});
      const [start] = this.selection();
      this.change(T.insertBlock(this.text(), start, card.text));
      this.close();
    },

    choosePicture() {
      this.props.onOpenMediaLibrary({controlID: this.controlID, forImage: true, privateUpload: false,
                                     value: "", allowMultiple: false, field: this.props.field});
    },

    insertPicture() {
      const s = this.state;
      const entry = this.props.getEntry ? this.props.getEntry() : this.props.entry;
      const pageDir = SpinePreview.pageDir(entry && entry.get("path"), this.props.collection.get("name"), SPINE);
      const config = this.props.config || {};          // a plain object (the collection is an Immutable Map)
      const picture = T.picture({src: s.picture, alt: s.alt, pageDir,
                                 mediaFolder: config.media_folder, publicFolder: config.public_folder});
      if (picture.error) return this.setState({error: picture.error});
      const [start] = this.selection();
      this.change(T.insertBlock(this.text(), start, picture.text));
      this.close();
    },

    id(part) { return `${this.props.forID}-${part}`; },

    cardPanel() {
      const s = this.state;
      const flags = SPINE.flags.filter(f => f.urgency === s.urgency);
      return h("section", {className: "spine-panel", "aria-labelledby": this.id("card-title")},
        h("h3", {id: this.id("card-title"), className: "spine-panel__title"}, "Insert a care card"),
        h("fieldset", {className: "spine-panel__group"}, h("legend", {}, "Urgency"),
          kinds.map(kind => h("label", {key: kind, className: "spine-choice"},
            h("input", {type: "radio", name: this.id("urgency"), value: kind, checked: s.urgency === kind,
                        onChange: () => this.setUrgency(kind)}), " ", KIND_LABELS[kind]))),
        h("label", {htmlFor: this.id("heading"), className: "spine-panel__label"}, "Card heading"),
        h("input", {id: this.id("heading"), type: "text", className: "spine-panel__input", value: s.heading,
                    onChange: e => this.setState({heading: e.target.value, headingTouched: true})}),
        h("p", {className: "spine-panel__hint"}, "The standard heading for this urgency is filled in for you."),
        h("fieldset", {className: "spine-panel__group spine-panel__group--flags"},
          h("legend", {}, "Standard red flags for this urgency (the site shows their wording)"),
          flags.length ? flags.map(f => h("label", {key: f.id, className: "spine-choice"},
            h("input", {type: "checkbox", value: f.id, checked: s.flags.includes(f.id),
                        onChange: e => this.toggleFlag(f.id, e.target.checked)}), " ", f.wording))
            : h("p", {}, "None for this urgency.")),
        h("label", {htmlFor: this.id("own"), className: "spine-panel__label"}, "Your own bullets (one a line)"),
        h("textarea", {id: this.id("own"), className: "spine-panel__input", rows: 3, value: s.own,
                       onChange: e => this.setState({own: e.target.value})}),
        h("label", {htmlFor: this.id("after"), className: "spine-panel__label"}, "Text after the bullets (optional)"),
        h("textarea", {id: this.id("after"), className: "spine-panel__input", rows: 2, value: s.after,
                       onChange: e => this.setState({after: e.target.value})}),
        this.footer("Insert care card", () => this.insertCard()));
    },

    picturePanel() {
      const s = this.state;
      return h("section", {className: "spine-panel", "aria-labelledby": this.id("picture-title")},
        h("h3", {id: this.id("picture-title"), className: "spine-panel__title"}, "Insert a picture"),
        h("p", {className: "spine-panel__hint"}, s.picture ? `Picture: ${s.picture}` : "No picture chosen yet."),
        h("button", {type: "button", className: "spine-button", onClick: () => this.choosePicture()},
          s.picture ? "Choose another picture" : "Choose or upload a picture"),
        h("label", {htmlFor: this.id("alt"), className: "spine-panel__label"},
          "What the picture shows (alt text, required)"),
        h("input", {id: this.id("alt"), type: "text", className: "spine-panel__input", value: s.alt,
                    onChange: e => this.setState({alt: e.target.value})}),
        h("p", {className: "spine-panel__hint"}, "Screen readers read it out to blind readers, and it is shown if the picture cannot load."),
        this.footer("Insert picture", () => this.insertPicture()));
    },

    footer(label, action) {
      return h("div", {className: "spine-panel__footer"},
        this.state.error ? h("p", {className: "spine-error", role: "alert"}, this.state.error) : null,
        h("button", {type: "button", className: "spine-button spine-button--primary", onClick: action}, label),
        h("button", {type: "button", className: "spine-button", onClick: () => this.close()}, "Cancel"));
    },

    render() {
      const {forID, classNameWrapper, setActiveStyle, setInactiveStyle} = this.props;
      const panel = this.state.panel;
      return h("div", {className: "spine-body"},
        h("div", {role: "toolbar", "aria-label": "Page text tools", "aria-controls": forID, className: "spine-toolbar"},
          TOOLS.map(([name, label, text]) => h("button", {key: name, type: "button", className: `spine-tool spine-tool--${name}`,
            "aria-label": label, title: label, onClick: () => this.tool(name)}, text)),
          h("span", {className: "spine-toolbar__gap"}),
          h("button", {type: "button", className: "spine-tool spine-tool--insert", "aria-expanded": panel === "card",
                       onClick: () => (panel === "card" ? this.close() : this.open("card"))}, "Care card…"),
          h("button", {type: "button", className: "spine-tool spine-tool--insert", "aria-expanded": panel === "picture",
                       onClick: () => (panel === "picture" ? this.close() : this.open("picture"))}, "Picture…")),
        panel === "card" ? this.cardPanel() : panel === "picture" ? this.picturePanel() : null,
        h("textarea", {id: forID, ref: el => { this.textarea = el; }, className: `${classNameWrapper} spine-body__text`,
                       value: this.text(), rows: 24, spellCheck: true, onFocus: setActiveStyle, onBlur: setInactiveStyle,
                       onChange: e => this.props.onChange(e.target.value)}),
        h("p", {className: "spine-panel__hint"},
          "Markdown: what you type is what is saved. The care card and picture buttons insert at the cursor."));
    },
  });
  CMS.registerWidget("spine-markdown", Body, SpinePreview.BodyPreview);
})();
