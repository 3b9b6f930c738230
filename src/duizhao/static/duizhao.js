/* duizhao reader behaviour. Progressive: without it the page shows both languages, side by side on
   wide screens and stacked on narrow ones, with a permalink per pair.

   - view switch (中文 / both / English), remembered across pages in localStorage;
   - sentence links: pointing at or focusing a sentence highlights its counterpart (sentences that
     share a data-link value within a pair; with one value per pair, the whole other side);
   - keyboard: the text is one tab stop (a roving tabindex over sentences): ↑/↓ sentence by
     sentence in one language, ←/→ to the counterpart, Home/End within the paragraph, C copies
     the paragraph's citation, Escape closes a peek;
   - one-language view: tap a paragraph (or its 中/EN button) to peek at its counterpart in place;
   - per-paragraph actions: copy citation, report a problem, peek. */
(function () {
  "use strict";

  var STORE = "duizhao.view";
  var VIEWS = ["zh", "both", "en"];
  var OTHER = { zh: "en", en: "zh" };
  var NAMES = { zh: "Chinese", en: "English" };
  var ICONS = {
    cite: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 6h6v6l-3 6H4l3-6H4zM14 6h6v6l-3 6h-3l3-6h-3z"/></svg>',
    report: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M5 3h2v18H5zM8 4h9l-2 4 2 4H8z"/></svg>',
    copy: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M8 3h11v14h-3v4H5V7h3zm2 2v2h6v8h1V5zM7 9v10h7V9z"/></svg>',
  };
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

  function readView() {
    try {
      var v = window.localStorage.getItem(STORE);
      return VIEWS.indexOf(v) >= 0 ? v : "both";
    } catch (e) {
      return "both"; // storage blocked (privacy mode, file:// policies): fall back to both
    }
  }

  function saveView(v) {
    try {
      window.localStorage.setItem(STORE, v);
    } catch (e) {
      /* not remembered, still applied */
    }
  }

  function el(tag, attrs, html) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      e.setAttribute(k, attrs[k]);
    });
    if (html) e.innerHTML = html; // only our own constant markup, never page text
    return e;
  }

  function visible(e) {
    return !!e && e.getClientRects().length > 0;
  }

  function cellLang(cell) {
    return cell.classList.contains("dz-zh") ? "zh" : "en";
  }

  // ---- status messages (copied, failed) -------------------------------------------------------
  var status = null;
  var statusTimer = 0;
  function say(message) {
    if (!status) {
      status = el("div", { class: "dz-status", role: "status", "aria-live": "polite" });
    }
    // Inside an open modal dialog, or the message would sit behind its backdrop.
    var host = document.querySelector("dialog[open]") || document.body;
    if (status.parentNode !== host) host.appendChild(status);
    status.textContent = message;
    status.classList.add("dz-on");
    clearTimeout(statusTimer);
    statusTimer = setTimeout(function () {
      status.classList.remove("dz-on");
    }, 2200);
  }

  function copy(text, done) {
    done = done || "Citation copied";
    function fallback() {
      var area = el("textarea", { readonly: "", style: "position:fixed;top:0;left:-9999px" });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      area.remove();
      if (ok) say(done);
      else window.prompt("Copy this text:", text);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () {
        say(done);
      }, fallback);
    } else {
      fallback();
    }
  }

  // ---- one document page -----------------------------------------------------------------------
  function Reader(doc) {
    this.doc = doc;
    this.text = doc.querySelector(".dz-text");
    this.bilingual = doc.classList.contains("dz-bilingual");
    this.current = null; // the sentence that holds the text's tab stop
    this.origin = null; // where the last jump to a counterpart came from
    this.pinned = null; // sentence highlighted by a tap or click
    this.pair = null; // the pair whose actions are shown
    this.build();
  }

  Reader.prototype.build = function () {
    var self = this;
    var d = this.doc;
    if (this.bilingual) {
      this.toolbar = d.querySelector(".dz-toolbar");
      this.toolbar.hidden = false;
      this.toolbar.addEventListener("click", function (ev) {
        var b = ev.target.closest("button[data-view]");
        if (b) self.setView(b.getAttribute("data-view"), true);
      });
      this.setView(readView(), false);
    }
    // Permalinks: one per pair stays a tab stop (the active pair's); all stay links for screen
    // readers' link lists and for the mouse.
    d.querySelectorAll(".dz-permalink").forEach(function (a) {
      a.setAttribute("tabindex", "-1");
    });
    this.actions = this.makeActions();
    // The whole document: cite it (the dialog) and copy it, by language or both with a citation.
    var links = d.querySelector(".dz-links");
    if (links) {
      var tools = el("span", { class: "dz-doc-tools" });
      var whole = el("button", { type: "button", class: "dz-cite-doc", "aria-haspopup": "dialog" });
      whole.textContent = "Cite…";
      whole.addEventListener("click", function () {
        self.openCite(null);
      });
      tools.appendChild(whole);
      this.copyChoices(null).forEach(function (c) {
        var b = el("button", { type: "button", class: "dz-copy-doc", "data-copy": c.what });
        b.textContent = c.label;
        b.setAttribute("aria-label", c.label + " (the whole " + (self.parted() ? "part" : "text") + ")");
        b.addEventListener("click", function () {
          self.copyText(null, c.what);
        });
        tools.appendChild(document.createTextNode(" · "));
        tools.appendChild(b);
      });
      links.appendChild(document.createTextNode(" · "));
      links.appendChild(tools);
    }
    this.selection();
    this.compact();
    var first = this.firstSentence(this.text.querySelector(".dz-pair"));
    if (first) this.rove(first, false);

    this.text.addEventListener("mouseover", function (ev) {
      var s = ev.target.closest(".dz-s");
      if (s) self.highlight(s);
      var p = ev.target.closest(".dz-pair");
      if (p && !self.actions.contains(document.activeElement)) self.activate(p);
    });
    this.text.addEventListener("mouseout", function (ev) {
      var to = ev.relatedTarget && ev.relatedTarget.closest && ev.relatedTarget.closest(".dz-s");
      if (!to) self.highlight(self.focused() || self.pinned);
    });
    this.text.addEventListener("focusin", function (ev) {
      var s = ev.target.closest(".dz-s");
      if (s) {
        self.rove(s, false);
        self.highlight(s);
      }
      var p = ev.target.closest(".dz-pair");
      if (p) self.activate(p);
    });
    this.text.addEventListener("focusout", function () {
      setTimeout(function () {
        if (!self.text.contains(document.activeElement)) self.highlight(self.pinned);
      }, 0);
    });
    this.text.addEventListener("keydown", function (ev) {
      self.key(ev);
    });
    this.text.addEventListener("click", function (ev) {
      self.click(ev);
    });
    this.arrive();
    window.addEventListener("hashchange", function () {
      self.arrive();
    });
  };

  // ---- view switch ------------------------------------------------------------------------------
  Reader.prototype.setView = function (view, byUser) {
    var keep = byUser ? this.readingPosition() : null;
    if (view === "both") this.doc.removeAttribute("data-view");
    else this.doc.setAttribute("data-view", view);
    this.view = view;
    if (!this.hint) {
      this.hint = el("p", { class: "dz-hint" });
      this.toolbar.appendChild(this.hint);
    }
    this.hint.textContent = view === "both" ? "" : "Tap a paragraph to see its " + NAMES[OTHER[view]];
    this.toolbar.querySelectorAll("button[data-view]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-view") === view));
    });
    if (byUser) {
      saveView(view);
      this.doc.querySelectorAll(".dz-peeking").forEach(function (p) {
        p.classList.remove("dz-peeking");
      });
    }
    if (this.current && !visible(this.current)) {
      var pair = this.current.closest(".dz-pair");
      var s = this.firstSentence(pair);
      if (s) this.rove(s, false);
    }
    if (this.pair) this.activate(this.pair, true);
    if (keep) this.restore(keep);
  };

  // The pair at the top of the reading area and how far down it sits, so a change of view or a
  // peek leaves the reader where they were.
  Reader.prototype.readingPosition = function () {
    var top = this.toolbar ? this.toolbar.getBoundingClientRect().bottom : 0;
    var pairs = this.text.querySelectorAll(".dz-pair");
    var room = window.innerHeight - top;
    for (var i = 0; i < pairs.length; i++) {
      var r = pairs[i].getBoundingClientRect();
      if (r.bottom <= top + 1) continue;
      // A pair cut off at the top is the one being read only if it fills most of the screen;
      // otherwise the reader is at the next one.
      if (r.top >= top - 2 || r.bottom - top > room / 2 || i === pairs.length - 1) {
        return { pair: pairs[i], y: r.top };
      }
    }
    return null;
  };

  Reader.prototype.restore = function (keep) {
    var dy = keep.pair.getBoundingClientRect().top - keep.y;
    if (Math.abs(dy) >= 1) window.scrollBy(0, dy);
  };

  // ---- sentence links ---------------------------------------------------------------------------
  function sentenceLevel(pair) {
    if (pair.dzLevel === undefined) {
      var seen = {};
      pair.querySelectorAll(".dz-s").forEach(function (s) {
        seen[s.getAttribute("data-link")] = true;
      });
      pair.dzLevel = Object.keys(seen).length > 1;
    }
    return pair.dzLevel;
  }

  // The sentence's own group (same side) and its counterparts on the other side.
  Reader.prototype.links = function (s) {
    var pair = s.closest(".dz-pair");
    var cell = s.closest(".dz-cell");
    var other = pair.querySelector(".dz-cell.dz-" + OTHER[cellLang(cell)]);
    var link = s.getAttribute("data-link");
    if (!sentenceLevel(pair)) {
      return { own: [s], theirs: other ? Array.from(other.querySelectorAll(".dz-s")) : [], other: other };
    }
    var unlinked = Number(link) < 0;
    var sel = '.dz-s[data-link="' + link + '"]';
    return {
      own: unlinked ? [s] : Array.from(cell.querySelectorAll(sel)),
      theirs: unlinked || !other ? [] : Array.from(other.querySelectorAll(sel)),
      other: other,
    };
  };

  Reader.prototype.highlight = function (s) {
    this.text.querySelectorAll(".dz-hl").forEach(function (e) {
      e.classList.remove("dz-hl", "dz-hl-self");
    });
    this.text.querySelectorAll(".dz-nomatch, .dz-hl-cell").forEach(function (e) {
      e.classList.remove("dz-nomatch", "dz-hl-cell");
    });
    if (!s || !this.bilingual) return;
    var l = this.links(s);
    l.own.forEach(function (e) {
      e.classList.add("dz-hl", "dz-hl-self");
    });
    l.theirs.forEach(function (e) {
      e.classList.add("dz-hl");
    });
    if (!l.theirs.length && l.other) l.other.classList.add("dz-nomatch");
    else if (l.other && !sentenceLevel(s.closest(".dz-pair"))) l.other.classList.add("dz-hl-cell");
  };

  Reader.prototype.focused = function () {
    var a = document.activeElement;
    return a && a.classList && a.classList.contains("dz-s") && this.text.contains(a) ? a : null;
  };

  // ---- keyboard: one tab stop over every sentence ------------------------------------------------
  Reader.prototype.rove = function (s, focus) {
    if (this.current && this.current !== s) this.current.setAttribute("tabindex", "-1");
    s.setAttribute("tabindex", "0");
    termStops(this.current, s); // issue 21b: the sentence's glossary links follow it in the tab order
    s.setAttribute("aria-describedby", "dz-keys");
    if (this.current && this.current !== s) this.current.removeAttribute("aria-describedby");
    this.current = s;
    if (focus) s.focus();
  };

  Reader.prototype.firstSentence = function (pair, lang) {
    if (!pair) return null;
    var cells = Array.from(pair.querySelectorAll(".dz-cell")).filter(visible);
    var pick =
      cells.filter(function (c) {
        return lang && cellLang(c) === lang && c.querySelector(".dz-s");
      })[0] ||
      cells.filter(function (c) {
        return c.querySelector(".dz-s");
      })[0];
    return pick ? pick.querySelector(".dz-s") : null;
  };

  Reader.prototype.step = function (s, dir) {
    var cell = s.closest(".dz-cell");
    var mine = Array.from(cell.querySelectorAll(".dz-s"));
    var i = mine.indexOf(s) + dir;
    if (i >= 0 && i < mine.length) return mine[i];
    var lang = cellLang(cell);
    var pair = s.closest(".dz-pair");
    for (;;) {
      pair = dir > 0 ? pair.nextElementSibling : pair.previousElementSibling;
      if (!pair) return null;
      var cells = Array.from(pair.querySelectorAll(".dz-cell")).filter(function (c) {
        return visible(c) && c.querySelector(".dz-s");
      });
      if (!cells.length) continue;
      var same = cells.filter(function (c) {
        return cellLang(c) === lang;
      })[0];
      // Keep to the language being read; where it has no text here, take the pair's visible side.
      var target = same || cells[0];
      var all = target.querySelectorAll(".dz-s");
      return dir > 0 ? all[0] : all[all.length - 1];
    }
  };

  Reader.prototype.counterpart = function (s) {
    var l = this.links(s);
    var pair = s.closest(".dz-pair");
    if (!l.other) return null;
    if (this.bilingual && this.view !== "both" && !visible(l.other)) this.peek(pair, true);
    // Back to where the last jump started, when that is one of the counterparts.
    if (this.origin && l.theirs.indexOf(this.origin) >= 0) return this.origin;
    return l.theirs[0] || l.other.querySelector(".dz-s");
  };

  Reader.prototype.key = function (ev) {
    var s = ev.target.closest && ev.target.closest(".dz-s");
    if (!s || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    // A glossary link inside the sentence (issue 21b): Enter follows it, as any link.
    if (ev.target.closest("a.dz-term") && (ev.key === "Enter" || ev.key === " ")) return;
    var target = null;
    var lang = cellLang(s.closest(".dz-cell"));
    var sideBySide = this.view === "both" && getComputedStyle(this.text.querySelector(".dz-pair")).gridTemplateColumns.split(" ").length > 2;
    switch (ev.key) {
      case "ArrowDown":
        target = this.step(s, 1);
        break;
      case "ArrowUp":
        target = this.step(s, -1);
        break;
      case "ArrowRight":
      case "ArrowLeft":
        if (!this.bilingual) return;
        // Side by side the arrows point at a column; stacked or one language, either one jumps.
        if (sideBySide && ((ev.key === "ArrowRight") !== (lang === leftLang()))) return;
        target = this.counterpart(s);
        if (target) this.origin = s;
        break;
      case "Home":
      case "End": {
        var all = s.closest(".dz-cell").querySelectorAll(".dz-s");
        target = ev.key === "Home" ? all[0] : all[all.length - 1];
        break;
      }
      case "c":
      case "C":
        this.cite(s.closest(".dz-pair"));
        ev.preventDefault();
        return;
      case "Enter":
      case " ":
        if (!this.bilingual || this.view === "both") return;
        this.peek(s.closest(".dz-pair"));
        ev.preventDefault();
        return;
      case "Escape":
        this.peek(s.closest(".dz-pair"), false);
        this.pinned = null;
        this.highlight(this.focused());
        return;
      default:
        return;
    }
    ev.preventDefault();
    if (target) {
      if (ev.key !== "ArrowRight" && ev.key !== "ArrowLeft") this.origin = null;
      this.rove(target, true);
    }
  };

  // ---- pointer: tap to pin a highlight, or to peek in one-language view ---------------------------
  Reader.prototype.click = function (ev) {
    if (ev.target.closest("a, button, .dz-actions")) return;
    var sel = window.getSelection && window.getSelection();
    if (sel && !sel.isCollapsed) return; // selecting text, not tapping
    var pair = ev.target.closest(".dz-pair");
    if (!pair) return;
    this.activate(pair);
    this.actions.classList.add("dz-shown");
    var s = ev.target.closest(".dz-s");
    if (s) this.rove(s, false);
    if (this.bilingual && this.view !== "both") {
      this.peek(pair);
      return;
    }
    this.pinned = s;
    this.highlight(s);
    if (s && this.bilingual) this.reveal(s);
  };

  Reader.prototype.peek = function (pair, on) {
    if (!this.bilingual || this.view === "both") return;
    var keep = { pair: pair, y: pair.getBoundingClientRect().top };
    var show = on === undefined ? !pair.classList.contains("dz-peeking") : on;
    pair.classList.toggle("dz-peeking", show);
    if (!show && this.current && pair.contains(this.current) && !visible(this.current)) {
      var s = this.firstSentence(pair, this.view);
      if (s) this.rove(s, true);
    }
    this.restore(keep);
    if (pair === this.pair) this.activate(pair, true);
  };

  // ---- paragraph actions ---------------------------------------------------------------------------
  Reader.prototype.makeActions = function () {
    var self = this;
    var bar = el("div", { class: "dz-actions", role: "group" });
    this.citeBtn = el("button", { type: "button", class: "dz-cite-btn", "aria-haspopup": "dialog" }, ICONS.cite);
    this.citeBtn.addEventListener("click", function () {
      // A sentence tapped or focused in this pair is what is cited (its own anchor, #p-...-s2).
      var s = self.pinned && self.pair.contains(self.pinned) ? self.pinned : null;
      var k = s ? Array.from(self.pair.querySelectorAll(".dz-s")).indexOf(s) + 1 : 0;
      self.openCite(self.pair, k);
    });
    bar.appendChild(this.citeBtn);
    // Copy: a small menu (Chinese, English, the pair with its citation).
    this.copyBtn = el("button", { type: "button", class: "dz-copy-btn", "aria-expanded": "false",
      "aria-controls": "dz-copy-menu" }, ICONS.copy);
    this.copyMenu = el("div", { class: "dz-copy-menu", id: "dz-copy-menu", role: "group" });
    this.copyMenu.hidden = true;
    this.copyChoices(true).forEach(function (c) {
      var b = el("button", { type: "button", "data-copy": c.what });
      b.textContent = c.label;
      b.addEventListener("click", function () {
        self.copyText(self.pair, c.what);
        self.menu(false);
      });
      self.copyMenu.appendChild(b);
    });
    this.copyBtn.addEventListener("click", function () {
      self.menu(self.copyMenu.hidden);
    });
    bar.appendChild(this.copyBtn);
    bar.appendChild(this.copyMenu);
    if (this.doc.getAttribute("data-report")) {
      this.reportLink = el("a", { class: "dz-report", rel: "noopener", target: "_blank" }, ICONS.report);
      bar.appendChild(this.reportLink);
    }
    if (this.bilingual) {
      this.peekBtn = el("button", { type: "button", class: "dz-peek-btn", "aria-pressed": "false" });
      this.peekBtn.addEventListener("click", function () {
        self.peek(self.pair);
      });
      bar.appendChild(this.peekBtn);
    }
    return bar;
  };

  Reader.prototype.activate = function (pair, refresh) {
    if (pair === this.pair && !refresh) return;
    if (this.pair && this.pair !== pair) {
      this.pair.querySelector(".dz-permalink").setAttribute("tabindex", "-1");
      this.actions.classList.remove("dz-shown");
    }
    this.pair = pair;
    var n = pair.getAttribute("data-n");
    pair.querySelector(".dz-permalink").removeAttribute("tabindex");
    if (this.actions.parentNode !== pair) pair.appendChild(this.actions);
    this.actions.setAttribute("aria-label", "Paragraph " + n);
    this.citeBtn.setAttribute("aria-label", "Cite paragraph " + n);
    this.citeBtn.title = "Cite this paragraph (C copies its citation)";
    this.copyBtn.setAttribute("aria-label", "Copy paragraph " + n);
    this.copyBtn.title = "Copy this paragraph";
    this.copyMenu.setAttribute("aria-label", "Copy paragraph " + n);
    if (this.pair !== pair || !refresh) this.menu(false);
    if (this.reportLink) {
      this.reportLink.href = this.reportUrl(pair);
      this.reportLink.setAttribute("aria-label", "Report a problem with paragraph " + n + " (opens GitHub)");
      this.reportLink.title = "Report a problem with this paragraph";
    }
    if (this.peekBtn) {
      var single = this.view !== "both";
      this.peekBtn.hidden = !single;
      if (single) {
        var other = OTHER[this.view];
        var on = pair.classList.contains("dz-peeking");
        this.peekBtn.textContent = other === "zh" ? "中" : "EN";
        this.peekBtn.setAttribute("aria-pressed", String(on));
        this.peekBtn.setAttribute("aria-label", (on ? "Hide" : "Show") + " the " + NAMES[other] + " of paragraph " + n);
        this.peekBtn.title = (on ? "Hide " : "Show ") + NAMES[other];
      }
    }
  };

  Reader.prototype.address = function () {
    var given = this.doc.getAttribute("data-url") || "";
    if (/^https?:\/\//.test(given)) return given;
    return window.location.href.split("#")[0];
  };

  // ---- phones: a compact header, so the first screen shows the text ----------------------------------
  var PHONE = "(max-width: 700px)";

  // On a phone the header's details (metadata but the translation status, links, notices) fold
  // behind one button; without the script, or on a wider screen, they are all shown.
  Reader.prototype.compact = function () {
    var header = this.doc.querySelector(".dz-header");
    var meta = header && header.querySelector(".dz-meta");
    if (!meta || !window.matchMedia) return;
    var btn = el("button", { type: "button", class: "dz-more", "aria-expanded": "false" });
    var set = function (open) {
      header.classList.toggle("dz-folded", !open);
      btn.setAttribute("aria-expanded", String(open));
      btn.textContent = open ? "Fewer details" : "Details, citation, copy";
    };
    btn.addEventListener("click", function () {
      set(header.classList.contains("dz-folded"));
    });
    meta.parentNode.insertBefore(btn, meta);
    var mq = window.matchMedia(PHONE);
    set(!mq.matches);
    var onChange = function () {
      set(!mq.matches);
    };
    if (mq.addEventListener) mq.addEventListener("change", onChange);
  };

  // A tapped sentence's counterpart brought on screen (stacked pairs put it below), keeping the
  // tapped sentence in view when both fit.
  Reader.prototype.reveal = function (s) {
    var l = this.links(s);
    var targets = l.theirs.length ? l.theirs : l.other ? [l.other] : [];
    if (!targets.length || !targets.every(visible)) return;
    var top = Math.min.apply(null, targets.map(function (e) {
      return e.getBoundingClientRect().top;
    }));
    var bottom = Math.max.apply(null, targets.map(function (e) {
      return e.getBoundingClientRect().bottom;
    }));
    var bar = this.toolbar && !this.toolbar.hidden ? this.toolbar.getBoundingClientRect().bottom : 0;
    var room = window.innerHeight;
    if (top >= bar && bottom <= room) return;
    var dy = bottom > room ? Math.min(bottom - room + 16, top - bar - 8) : top - bar - 8;
    window.scrollBy(0, dy);
  };

  // ---- copying: one language, or the pair with its citation ---------------------------------------
  Reader.prototype.parted = function () {
    return !!this.doc.getAttribute("data-part-urls");
  };

  // What can be copied: each language the page has, and (bilingual or not) the text with its citation.
  Reader.prototype.copyChoices = function (pairLevel) {
    var langs = (this.text.getAttribute("data-languages") || "").split(" ").filter(Boolean);
    var out = [];
    if (langs.indexOf("zh") >= 0) out.push({ what: "zh", label: langs.length > 1 ? "Copy Chinese" : "Copy text" });
    if (langs.indexOf("en") >= 0) out.push({ what: "en", label: langs.length > 1 ? "Copy English" : "Copy text" });
    out.push({ what: "cited", label: (langs.length > 1 ? (pairLevel ? "Copy the pair" : "Copy both") : "Copy") + " with citation" });
    return out;
  };

  Reader.prototype.menu = function (open) {
    if (!this.copyMenu) return;
    this.copyMenu.hidden = !open;
    this.copyBtn.setAttribute("aria-expanded", String(!!open));
    this.actions.classList.toggle("dz-menu-open", !!open);
    if (open) this.copyMenu.querySelector("button").focus();
  };

  // A cell's text as the source has it: its paragraphs, a blank line between them, without the
  // labels the page adds ("Caption", "Note").
  function blocksText(container) {
    var out = [];
    Array.from(container.childNodes).forEach(function (n) {
      var c = n.cloneNode(true);
      if (c.querySelectorAll) {
        c.querySelectorAll(".dz-label").forEach(function (x) {
          x.remove();
        });
      }
      if (c.nodeType === 1 && c.classList.contains("dz-label")) return;
      var t = c.textContent.trim();
      if (t) out.push(t);
    });
    return out.join("\n\n");
  }

  Reader.prototype.cellText = function (pair, lang) {
    var cell = pair.querySelector(".dz-cell.dz-" + lang + ":not(.dz-empty)");
    return cell ? blocksText(cell) : "";
  };

  Reader.prototype.copyText = function (pair, what) {
    var self = this;
    var pairs = pair ? [pair] : Array.from(this.text.querySelectorAll(".dz-pair"));
    var langs = (this.text.getAttribute("data-languages") || "").split(" ").filter(Boolean);
    var chosen = what === "cited" ? langs : [what];
    var body = pairs
      .map(function (p) {
        return chosen
          .map(function (l) {
            return self.cellText(p, l);
          })
          .filter(Boolean)
          .join("\n\n");
      })
      .filter(Boolean)
      .join("\n\n");
    var text = body;
    if (what === "cited") text += "\n\n— " + this.formats(this.scope(pair)).chicago.text;
    var names = { zh: "Chinese", en: "English", cited: "Text and citation" };
    copy(text, (langs.length > 1 ? names[what] : names[what === "cited" ? "cited" : "en"].replace("English", "Text")) + " copied");
  };

  // A drag inside one column copies that column only: the other column cannot be selected once a
  // drag starts in this one (CSS), and the copied text is rebuilt from this column's cells (the DOM
  // interleaves the two languages pair by pair).
  Reader.prototype.selection = function () {
    var self = this;
    if (!this.bilingual) return;
    this.text.addEventListener("pointerdown", function (ev) {
      var cell = ev.target.closest(".dz-cell");
      self.text.classList.remove("dz-select-zh", "dz-select-en");
      if (cell) self.text.classList.add("dz-select-" + cellLang(cell));
    });
    document.addEventListener("copy", function (ev) {
      if (document.contains(self.doc)) self.onCopy(ev);
    });
  };

  Reader.prototype.onCopy = function (ev) {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return;
    var range = sel.getRangeAt(0);
    if (!range.intersectsNode(this.text)) return;
    var start = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentNode;
    var first = start.closest ? start.closest(".dz-cell") : null;
    if (first && first.contains(range.endContainer)) return; // within one cell: the browser's own copy
    var m = /dz-select-(zh|en)/.exec(this.text.className);
    var lang = first ? cellLang(first) : m ? m[1] : "";
    if (!lang) return;
    var parts = [];
    this.text.querySelectorAll(".dz-cell.dz-" + lang + ":not(.dz-empty)").forEach(function (cell) {
      if (!range.intersectsNode(cell)) return;
      var r = document.createRange();
      r.selectNodeContents(cell);
      if (cell.contains(range.startContainer)) r.setStart(range.startContainer, range.startOffset);
      if (cell.contains(range.endContainer)) r.setEnd(range.endContainer, range.endOffset);
      var t = blocksText(r.cloneContents());
      if (t) parts.push(t);
    });
    if (!parts.length) return;
    ev.clipboardData.setData("text/plain", parts.join("\n\n"));
    ev.preventDefault();
  };

  // ---- citations: Chicago, APA, GB/T 7714, BibTeX, RIS, CSL-JSON ----------------------------------
  // Only what the page states enters a citation: render.py leaves derived (guessed) titles, dates
  // and speakers out of these data attributes.

  // What is cited: the whole document, a pair, a range of pairs, or one sentence of a pair.
  Reader.prototype.scope = function (pair, to, sentence) {
    if (!pair) return { anchor: "", locator: "" };
    var n = Number(pair.getAttribute("data-n"));
    var last = to && to !== pair ? to : null;
    var m = last ? Number(last.getAttribute("data-n")) : n;
    if (sentence) {
      return { anchor: pair.id + "-s" + sentence, locator: "¶" + n + ", sentence " + sentence, from: n, to: n };
    }
    return { anchor: pair.id, locator: m > n ? "¶" + n + "–¶" + m : "¶" + n, from: n, to: m };
  };

  Reader.prototype.address = function () {
    var given = this.doc.getAttribute("data-url") || "";
    if (/^https?:\/\//.test(given)) return given;
    return window.location.href.split("#")[0];
  };

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  // "2013-11-05" -> [2013, 11, 5] (a year, or a year and month, stay as short).
  function dateParts(iso) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso || "");
    if (!m) return null;
    return [Number(m[1])].concat(m[2] ? [Number(m[2])] : []).concat(m[3] ? [Number(m[3])] : []);
  }

  function longDate(p) {
    if (!p) return "";
    if (p.length === 1) return String(p[0]);
    if (p.length === 2) return MONTHS[p[1] - 1] + " " + p[0];
    return MONTHS[p[1] - 1] + " " + p[2] + ", " + p[0];
  }

  function apaDate(p) {
    if (!p) return "n.d.";
    return p[0] + (p.length > 1 ? ", " + MONTHS[p[1] - 1] + (p.length > 2 ? " " + p[2] : "") : "");
  }

  function isoDate(p) {
    return p.map(function (x, i) {
      return i ? pad(x) : String(x);
    }).join("-");
  }

  // Ends a sentence with a period unless it already ends with punctuation.
  function stop(t) {
    return /[.?!。？！”"]$/.test(t) ? t : t + ".";
  }

  Reader.prototype.record = function (scope) {
    var a = this.doc.dataset;
    var now = new Date();
    var langs = (this.text.getAttribute("data-languages") || "").split(" ").filter(Boolean);
    return {
      titleZh: a.titleZh || "",
      titleEn: a.titleEn || "",
      author: a.author || "",
      date: dateParts(a.date),
      publisher: a.publisher || "",
      venue: a.venue || "",
      sourceUrl: a.sourceUrl || "",
      translation: a.translation || "",
      counterpart: a.counterpart || "",
      counterpartLang: a.counterpartLang || "",
      // Which of several versions is cited (citation.version_cited); none for a text in one.
      version: a.version || "",
      langs: langs,
      url: this.address() + (scope.anchor ? "#" + scope.anchor : ""),
      locator: scope.locator,
      accessed: [now.getFullYear(), now.getMonth() + 1, now.getDate()],
      id: (a.slug || "text").replace(/[^A-Za-z0-9_-]/g, "_"),
    };
  };

  // The text's provenance in words (English and Chinese): which version this is, and for a
  // translation what it translates. A machine translation is never passed off as its original's
  // publication: the publisher it names is the original's.
  function provenance(r) {
    var langName = { zh: ["Chinese", "中文"], en: ["English", "英文"] };
    var own = r.langs.length === 1 ? r.langs[0] : "";
    var other = r.counterpart ? "“" + r.counterpart + "” (" + langName[r.counterpartLang][0] + ")" : "";
    // What a machine translation translates, as the text itself names it (its author and title
    // are in the citation already): the original's publication and date.
    var described = r.publisher ? "the text published in " + [r.publisher, longDate(r.date)].filter(Boolean).join(", ") : "";
    var describedZh = r.publisher ? ",原文载于" + [r.publisher, r.date ? isoDate(r.date) : ""].filter(Boolean).join(", ") : "";
    switch (r.translation) {
      case "original":
        return own ? [langName[own][0] + " original text.", langName[own][1] + "原文。"] : ["Original text.", "原文。"];
      case "human":
        if (r.langs.length > 1 && !other) return ["Chinese and English texts, one a human translation of the other.", "中英文本,其一为人工翻译。"];
        return ["Human translation" + (other ? " of " + other : "") + ".", "人工翻译。"];
      case "official-bilingual":
        return ["Official bilingual release.", "官方双语发布。"];
      case "machine-suspected":
        return [
          "Machine translation suspected (unreviewed), of " +
            (other || described || "an unidentified original") +
            "; translator and publisher of this version unknown.",
          "疑似机器翻译(未经审校)" + describedZh + "。",
        ];
      default:
        if (r.langs.length > 1) return ["Chinese and English texts; who translated is not stated.", "中英文本,译者不详。"];
        return ["Translation status unknown.", "是否为译文不详。"];
    }
  }

  // Each format as segments (plain strings, or {i: text} for italics) and as plain text.
  Reader.prototype.formats = function (scope) {
    var r = this.record(scope);
    var prov = provenance(r);
    var mt = r.translation === "machine-suspected";
    var bothTitles = r.titleZh && r.titleEn;
    var title = r.titleZh || r.titleEn || "";
    var unknownUrl = r.sourceUrl ? "" : "Source URL unknown.";
    var original = r.sourceUrl ? "Original: " + r.sourceUrl + "." : "";
    var out = {};
    function seal(segs) {
      segs = segs.filter(function (x) {
        return x && (typeof x === "string" ? x : x.i);
      });
      var text = segs.map(function (x) {
        return typeof x === "string" ? x : x.i;
      }).join("").replace(/ +/g, " ").trim();
      return { segs: segs, text: text };
    }

    // Chicago Manual of Style (17th ed.), bibliography entry for a web text or speech (14.206,
    // 14.217): Author. "Title" [translated title]. Venue. Publisher, Month D, YYYY. Accessed ... URL.
    var ct = bothTitles
      ? "“" + r.titleZh + "” [" + r.titleEn + "]."
      : title ? "“" + stop(title) + "”" : "[Untitled text].";
    var where = mt ? "" : [r.publisher, longDate(r.date)].filter(Boolean).join(", ");
    out.chicago = seal([
      r.author ? stop(r.author) + " " : "",
      ct + " ",
      r.venue && !mt ? stop(r.venue) + " " : "",
      where ? stop(where) + " " : "",
      r.locator ? stop(r.locator) + " " : "",
      prov[0] + " ",
      r.version ? r.version + " " : "",
      original ? original + " " : unknownUrl + " ",
      "Accessed " + longDate(r.accessed) + ". ",
      stop(r.url),
    ]);

    // APA (7th ed.), webpage (10.16): Author. (YYYY, Month D). Title [Translated title]. Site. URL
    // (a retrieval date, as for a page that may change).
    // (No author: the title moves to the author's place, before the date.)
    var apaTitle = [title ? { i: title } : "[Untitled text]", bothTitles ? " [" + r.titleEn + "]" : "", ". "];
    var apaWhen = "(" + (mt ? "n.d." : apaDate(r.date)) + "). ";
    out.apa = seal([
      r.author ? stop(r.author) + " " : "",
    ].concat(r.author ? [apaWhen].concat(apaTitle) : apaTitle.concat([apaWhen])).concat([
      "",
      r.venue && !mt ? stop(r.venue) + " " : "",
      r.publisher && !mt ? stop(r.publisher) + " " : "",
      r.locator ? stop(r.locator) + " " : "",
      prov[0] + " ",
      r.version ? r.version + " " : "",
      original ? original + " " : unknownUrl + " ",
      "Retrieved " + longDate(r.accessed) + ", from " + r.url,
    ]));

    // GB/T 7714-2015, electronic resource [EB/OL]: 主要责任者. 题名 = 并列题名[EB/OL]. 出版者,
    // (发表日期)[引用日期]. 获取和访问路径.
    out.gbt = seal([
      r.author ? r.author + ". " : "",
      (title || "[无题名]") + (bothTitles ? " = " + r.titleEn : "") + "[EB/OL]. ",
      r.publisher && !mt ? r.publisher + ", " : "",
      r.date && !mt ? "(" + isoDate(r.date) + ")" : "",
      "[" + isoDate(r.accessed) + "]. ",
      r.url + ". ",
      r.locator ? r.locator + ". " : "",
      prov[1],
      r.version ? " " + r.version + " " : "",
      r.sourceUrl ? "原始网址: " + r.sourceUrl + "." : "原始网址不详。",
    ]);

    // One note for the machine-readable formats: the locator, provenance and the original's address.
    var note = [r.locator ? stop(r.locator) : "", prov[0], r.version, original || unknownUrl, r.venue && !mt ? "Venue: " + stop(r.venue) : ""]
      .filter(Boolean).join(" ");
    var bib = [["title", bothTitles ? r.titleZh + " [" + r.titleEn + "]" : title]];
    if (r.author) bib.push(["author", "{" + r.author + "}"]);
    if (r.date && !mt) {
      bib.push(["year", String(r.date[0])]);
      bib.push(["date", isoDate(r.date)]);
    }
    if (r.publisher && !mt) bib.push(["publisher", r.publisher]);
    bib.push(["url", r.url], ["urldate", isoDate(r.accessed)], ["note", note]);
    out.bibtex = {
      text: "@misc{" + r.id + ",\n" + bib.filter(function (f) {
        return f[1];
      }).map(function (f) {
        // Braces balanced by construction; a brace in the source text is escaped.
        return "  " + f[0] + " = {" + (f[0] === "author" ? f[1] : f[1].replace(/([{}\\])/g, "\\$1")) + "}";
      }).join(",\n") + "\n}\n",
      ext: "bib",
      type: "application/x-bibtex",
    };

    var slash = function (p) {
      return p.map(function (x, i) {
        return i ? pad(x) : String(x);
      }).join("/") + "/".repeat(4 - p.length);
    };
    var ris = [["TY", "ELEC"]];
    if (r.author) ris.push(["AU", r.author]);
    if (title) ris.push(["TI", title]);
    if (bothTitles) ris.push(["TT", r.titleEn]);
    if (r.date && !mt) ris.push(["PY", String(r.date[0])], ["DA", slash(r.date)]);
    if (r.publisher && !mt) ris.push(["PB", r.publisher]);
    if (r.langs.length === 1) ris.push(["LA", r.langs[0] === "zh" ? "zh" : "en"]);
    ris.push(["UR", r.url], ["Y2", slash(r.accessed)], ["N1", note], ["ER", ""]);
    out.ris = {
      text: ris.map(function (f) {
        return f[0] + "  - " + f[1];
      }).join("\r\n") + "\r\n",
      ext: "ris",
      type: "application/x-research-info-systems",
    };

    var csl = { id: r.id, type: "webpage", title: bib[0][1] || "[Untitled text]" };
    if (r.author) csl.author = [{ literal: r.author }];
    if (r.date && !mt) csl.issued = { "date-parts": [r.date] };
    if (r.publisher && !mt) csl.publisher = r.publisher;
    if (r.venue && !mt) csl["event-title"] = r.venue;
    if (r.langs.length === 1) csl.language = r.langs[0] === "zh" ? "zh-Hans" : "en";
    csl.URL = r.url;
    csl.accessed = { "date-parts": [r.accessed] };
    csl.note = note;
    out.csl = { text: JSON.stringify([csl], null, 2) + "\n", ext: "json", type: "application/vnd.citationstyles.csl+json" };
    out.provenance = prov[0];
    out.record = r;
    return out;
  };

  // The quick citation (key C, "with citation" copies): Chicago.
  Reader.prototype.citation = function (pair) {
    return this.formats(this.scope(pair)).chicago.text;
  };

  Reader.prototype.cite = function (pair) {
    if (pair) copy(this.citation(pair));
  };

  // ---- the citation dialog -------------------------------------------------------------------------
  var STYLES = [
    ["chicago", "Chicago (17th ed.)"],
    ["apa", "APA (7th ed.)"],
    ["gbt", "GB/T 7714-2015"],
  ];
  var FILES = [
    ["bibtex", "BibTeX"],
    ["ris", "RIS"],
    ["csl", "CSL-JSON"],
  ];

  Reader.prototype.openCite = function (pair, sentence) {
    var self = this;
    var d = this.dialog;
    if (!d) {
      d = this.dialog = el("dialog", { class: "dz-cite-dialog", "aria-labelledby": "dz-cite-title" });
      d.appendChild(el("h2", { id: "dz-cite-title" })).textContent = "Cite this text";
      var scope = el("p", { class: "dz-cite-scope" });
      scope.appendChild(el("span", { class: "dz-cite-what" }));
      var range = el("span", { class: "dz-cite-range" });
      var last = this.text.querySelectorAll(".dz-pair").length;
      ["from", "to"].forEach(function (k) {
        var label = el("label");
        label.appendChild(document.createTextNode(k === "from" ? " ¶" : " to ¶"));
        var input = el("input", { type: "number", min: "1", max: String(last), class: "dz-cite-" + k, inputmode: "numeric" });
        input.setAttribute("aria-label", k === "from" ? "First paragraph" : "Last paragraph");
        input.addEventListener("input", function () {
          self.fillCite();
        });
        label.appendChild(input);
        range.appendChild(label);
      });
      scope.appendChild(range);
      var widen = el("button", { type: "button", class: "dz-cite-widen" });
      widen.textContent = "Cite the whole paragraph";
      widen.addEventListener("click", function () {
        self.citeSentence = 0;
        d.querySelector(".dz-cite-range").hidden = false;
        widen.hidden = true;
        self.fillCite();
      });
      scope.appendChild(widen);
      d.appendChild(scope);
      d.appendChild(el("p", { class: "dz-cite-prov" }));
      STYLES.forEach(function (st) {
        var box = el("section", { class: "dz-cite-format", "data-format": st[0], "aria-label": st[1] });
        box.appendChild(el("h3")).textContent = st[1];
        box.appendChild(el("p", { class: "dz-cite-text" }));
        var b = el("button", { type: "button", class: "dz-cite-copy" });
        b.textContent = "Copy";
        b.setAttribute("aria-label", "Copy the " + st[1] + " citation");
        b.addEventListener("click", function () {
          copy(self.citeFormats[st[0]].text, st[1] + " citation copied");
        });
        box.appendChild(b);
        d.appendChild(box);
      });
      var files = el("p", { class: "dz-cite-files" });
      files.appendChild(document.createTextNode("Download: "));
      FILES.forEach(function (f, i) {
        if (i) files.appendChild(document.createTextNode(" · "));
        files.appendChild(el("a", { class: "dz-cite-file", "data-format": f[0] })).textContent = f[1];
      });
      d.appendChild(files);
      d.appendChild(el("p", { class: "dz-cite-link" }));
      var close = el("button", { type: "button", class: "dz-cite-close" });
      close.textContent = "Close";
      close.addEventListener("click", function () {
        d.close();
      });
      d.appendChild(close);
      d.addEventListener("click", function (ev) {
        if (ev.target === d) d.close(); // a click on the backdrop
      });
      document.body.appendChild(d);
    }
    var n = pair ? pair.getAttribute("data-n") : "";
    d.querySelector(".dz-cite-range").hidden = !pair || !!sentence;
    d.querySelector(".dz-cite-widen").hidden = !sentence;
    d.querySelector(".dz-cite-from").value = n;
    d.querySelector(".dz-cite-to").value = n;
    this.citePair = pair;
    this.citeSentence = sentence || 0;
    this.fillCite();
    if (!d.open) d.showModal();
  };

  Reader.prototype.fillCite = function () {
    var d = this.dialog;
    var pairs = this.text.querySelectorAll(".dz-pair");
    var pair = null;
    var to = null;
    if (this.citePair) {
      var a = Number(d.querySelector(".dz-cite-from").value) || 1;
      var b = Number(d.querySelector(".dz-cite-to").value) || a;
      var lo = Math.max(1, Math.min(a, b, pairs.length));
      var hi = Math.min(pairs.length, Math.max(a, b));
      pair = this.text.querySelector('.dz-pair[data-n="' + lo + '"]') || this.citePair;
      to = this.text.querySelector('.dz-pair[data-n="' + hi + '"]');
    }
    var scope = this.scope(pair, to, this.citeSentence);
    var f = (this.citeFormats = this.formats(scope));
    d.querySelector(".dz-cite-what").textContent = pair
      ? this.citeSentence
        ? "Citing sentence " + this.citeSentence + " of paragraph " + scope.from + "."
        : "Citing paragraphs"
      : "Citing the whole text" + (this.parted() ? " (this part's address)" : "") + ".";
    d.querySelector(".dz-cite-prov").textContent = "Version: " + f.provenance;
    STYLES.forEach(function (st) {
      var p = d.querySelector('[data-format="' + st[0] + '"] .dz-cite-text');
      p.textContent = "";
      f[st[0]].segs.forEach(function (x) {
        p.appendChild(typeof x === "string" ? document.createTextNode(x) : el("i")).textContent = typeof x === "string" ? x : x.i;
      });
    });
    d.querySelectorAll(".dz-cite-file").forEach(function (link) {
      var file = f[link.getAttribute("data-format")];
      if (link.href) URL.revokeObjectURL(link.href);
      link.href = URL.createObjectURL(new Blob([file.text], { type: file.type }));
      link.setAttribute("download", f.record.id + (scope.anchor ? "-" + scope.anchor : "") + "." + file.ext);
    });
    var link = d.querySelector(".dz-cite-link");
    link.textContent = "Accessed " + longDate(f.record.accessed) + " at " + f.record.url +
      (f.record.sourceUrl ? "; original at " + f.record.sourceUrl : "; source URL unknown") + ".";
  };

  Reader.prototype.reportUrl = function (pair) {
    var a = this.doc.dataset;
    var n = pair.getAttribute("data-n");
    var quote = function (lang) {
      var c = pair.querySelector(".dz-cell.dz-" + lang + ":not(.dz-empty)");
      var t = c ? c.textContent.replace(/\s+/g, " ").trim() : "";
      return t ? "> " + (t.length > 90 ? t.slice(0, 90) + "…" : t) + "\n" : "";
    };
    var title = "Problem in " + (a.titleEn || a.titleZh || a.slug) + ", paragraph " + n;
    var body =
      "Page: " + this.address() + "#" + pair.id + "\nSource file: " + (a.source || "") +
      "\nParagraph " + n + ":\n" + quote("zh") + quote("en") +
      "\nWhat is wrong (cleaning, pairing, metadata, translation)?\n\n";
    return a.report + "?title=" + encodeURIComponent(title) + "&body=" + encodeURIComponent(body);
  };

  // ---- arriving at a fragment ------------------------------------------------------------------------
  Reader.prototype.arrive = function () {
    if (!document.contains(this.doc)) return; // a page instant navigation has replaced
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var target = document.getElementById(id);
    // A sentence's anchor: its pair's id and its place in the pair (#p-1a2b3c4d-s2, counted from 1,
    // Chinese before English): scrolled to and marked.
    var sm = /^(p-[0-9a-f]{8}(?:-[0-9]+)?)-s([0-9]+)$/.exec(id);
    if (!target && sm) {
      var pair = document.getElementById(sm[1]);
      if (!pair) {
        this.toPart(sm[1], id);
        return;
      }
      var s = pair.querySelectorAll(".dz-s")[Number(sm[2]) - 1];
      if (!s) return;
      if (!visible(s)) this.peek(pair, true);
      this.activate(pair);
      this.rove(s, false);
      this.text.querySelectorAll(".dz-target").forEach(function (e) {
        e.classList.remove("dz-target");
      });
      s.classList.add("dz-target");
      this.pinned = s;
      this.highlight(s);
      s.scrollIntoView({ block: "center" });
      return;
    }
    if (!target) {
      this.toPart(id);
      return;
    }
    var details = target.matches("details") ? target : target.querySelector("details.dz-audit");
    if (details && target.closest(".dz-source")) details.open = true;
    if (target.classList.contains("dz-pair")) {
      this.activate(target);
      var s = this.firstSentence(target);
      if (s) this.rove(s, false);
    }
  };

  // A long document is split into parts (render._parts_data): a permalink to a pair that another
  // part shows goes on to that part. The map of pairs to parts is a script beside the document,
  // loaded only now (a <script> element: it works from file:// as over http).
  Reader.prototype.toPart = function (id, full) {
    full = full || id;
    var src = this.doc.getAttribute("data-parts-src");
    var urls = (this.doc.getAttribute("data-part-urls") || "").split(" ");
    if (!src || window.dzParts) return;
    window.dzParts = function (parts) {
      var url = urls[(parts[id] || 0) - 1];
      if (url && window.location.hash === "#" + full) window.location.replace(url + "#" + encodeURIComponent(full));
    };
    var script = document.createElement("script");
    script.src = src;
    document.head.appendChild(script);
  };

  // ==== Issue 21, second part: reader settings, a skip link, keyboard-reachable term links ========
  // Settings are remembered in localStorage and applied on every page: text size, line spacing,
  // column order (English left), colours (light / dark / as the system), glossary term marks.
  var SETTINGS = "duizhao.settings";
  var SETTING_CHOICES = {
    size: [["90", "Smaller"], ["100", "Normal"], ["115", "Larger"], ["130", "Large"], ["150", "Largest"]],
    leading: [["compact", "Compact"], ["normal", "Normal"], ["loose", "Loose"]],
    order: [["zh", "中文 left"], ["en", "English left"]],
    scheme: [["light", "Light"], ["dark", "Dark"], ["auto", "As the system"]],
    terms: [["on", "Marked (links)"], ["off", "Not marked"]],
  };
  var SETTING_NAMES = {
    size: "Text size",
    leading: "Line spacing",
    order: "Columns",
    scheme: "Colours",
    terms: "Glossary terms in the text",
  };
  var SETTING_DEFAULTS = { size: "100", leading: "normal", order: "zh", scheme: "light", terms: "on" };

  function readSettings() {
    var out = {};
    var stored = {};
    try {
      stored = JSON.parse(window.localStorage.getItem(SETTINGS) || "{}") || {};
    } catch (e) {
      stored = {}; // blocked or unreadable: the defaults
    }
    Object.keys(SETTING_DEFAULTS).forEach(function (k) {
      var ok = SETTING_CHOICES[k].some(function (c) {
        return c[0] === stored[k];
      });
      out[k] = ok ? stored[k] : SETTING_DEFAULTS[k];
    });
    return out;
  }

  function saveSettings(values) {
    try {
      window.localStorage.setItem(SETTINGS, JSON.stringify(values));
    } catch (e) {
      /* not remembered, still applied */
    }
  }

  function applySettings(values) {
    var root = document.documentElement;
    root.style.setProperty("--dz-scale", String(Number(values.size) / 100));
    root.setAttribute("data-dz-leading", values.leading);
    root.setAttribute("data-dz-order", values.order);
    root.setAttribute("data-dz-terms", values.terms);
    var dark =
      values.scheme === "dark" ||
      (values.scheme === "auto" && window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
    document.body.setAttribute("data-md-color-scheme", dark ? "slate" : "default");
    // The term links of the sentence holding the tab stop follow the new setting.
    document.querySelectorAll(".dz-s[tabindex='0']").forEach(function (s) {
      termStops(null, s);
    });
  }

  function leftLang() {
    return document.documentElement.getAttribute("data-dz-order") === "en" ? "en" : "zh";
  }

  // The text is one tab stop (a roving tabindex over sentences); the glossary links inside the
  // sentence that holds it are tab stops too (unless term marks are off), so Tab reaches them.
  function termStops(from, to) {
    if (from && from !== to) {
      from.querySelectorAll("a.dz-term").forEach(function (a) {
        a.setAttribute("tabindex", "-1");
      });
    }
    if (!to) return;
    var on = document.documentElement.getAttribute("data-dz-terms") !== "off";
    to.querySelectorAll("a.dz-term").forEach(function (a) {
      a.setAttribute("tabindex", on ? "0" : "-1");
    });
  }

  function readerSettings() {
    var values = readSettings();
    applySettings(values);
    if (document.querySelector(".dz-settings-btn")) return;
    var header = document.querySelector(".md-header__inner");
    if (!header) return;
    var button = el("button", {
      type: "button",
      class: "dz-settings-btn",
      "aria-expanded": "false",
      "aria-controls": "dz-settings",
    });
    // Named by its words ("Reading settings"), so the visible word is part of the name.
    button.innerHTML =
      '<span aria-hidden="true">Aa</span><span class="dz-settings-word"> Reading</span><span class="dz-sr"> settings</span>';
    var panel = el("div", {
      class: "dz-settings",
      id: "dz-settings",
      role: "group",
      "aria-labelledby": "dz-settings-title",
    });
    panel.hidden = true;
    var title = el("h2", { id: "dz-settings-title" });
    title.textContent = "Reading settings";
    panel.appendChild(title);
    Object.keys(SETTING_DEFAULTS).forEach(function (k) {
      var set = el("fieldset", { "data-setting": k });
      var legend = el("legend");
      legend.textContent = SETTING_NAMES[k];
      set.appendChild(legend);
      SETTING_CHOICES[k].forEach(function (c) {
        var label = el("label");
        var input = el("input", { type: "radio", name: "dz-setting-" + k, value: c[0] });
        input.checked = values[k] === c[0];
        input.addEventListener("change", function () {
          values[k] = c[0];
          applySettings(values);
          saveSettings(values);
        });
        label.appendChild(input);
        var words = el("span");
        words.textContent = c[1];
        if (c[1].indexOf("中文") === 0) words.setAttribute("lang", "zh-Hans");
        label.appendChild(words);
        set.appendChild(label);
      });
      panel.appendChild(set);
    });
    var close = el("button", { type: "button", class: "dz-settings-close" });
    close.textContent = "Close";
    panel.appendChild(close);

    function open(on) {
      panel.hidden = !on;
      button.setAttribute("aria-expanded", on ? "true" : "false");
      if (on) {
        var checked = panel.querySelector("input:checked");
        if (checked) checked.focus();
      }
    }
    button.addEventListener("click", function () {
      open(panel.hidden);
    });
    close.addEventListener("click", function () {
      open(false);
      button.focus();
    });
    panel.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") {
        open(false);
        button.focus();
      }
    });
    document.addEventListener("click", function (ev) {
      if (!panel.hidden && !panel.contains(ev.target) && !button.contains(ev.target)) open(false);
    });
    var title0 = header.querySelector(".md-header__title");
    if (title0 && title0.nextSibling) header.insertBefore(button, title0.nextSibling);
    else header.appendChild(button);
    document.body.appendChild(panel);
  }

  // A skip link on every page: the theme writes one only where a page has headings of its own
  // (never on a document page, whose text is one block). It goes to the text's tab stop.
  function skipLink() {
    var holder = document.querySelector('[data-md-component="skip"]');
    if (holder && holder.querySelector("a")) return;
    if (!holder) {
      // (the theme's error page has no place for one: the link goes first in the page)
      holder = el("div", { class: "dz-skip-holder" });
      document.body.insertBefore(holder, document.body.firstChild);
    }
    var text = document.getElementById("dz-text");
    var target = text || document.querySelector(".md-content article") || document.querySelector("main");
    if (!target) return;
    if (!target.id) target.id = "dz-main";
    var a = el("a", { class: "md-skip", href: "#" + target.id });
    a.textContent = text ? "Skip to the text" : "Skip to content";
    a.addEventListener("click", function (ev) {
      ev.preventDefault();
      var stop = target.querySelector(".dz-s[tabindex='0']");
      if (!stop) {
        target.setAttribute("tabindex", "-1");
        stop = target;
      }
      stop.focus();
      stop.scrollIntoView({ block: "center" });
    });
    holder.appendChild(a);
  }
  // ==== end of issue 21, second part ===============================================================

  // ---- theme fixes that belong to every page ------------------------------------------------------------
  function fixTheme() {
    // Material's search overlay is a dialog without a name (axe: aria-dialog-name).
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (d) {
      d.setAttribute("aria-label", "Search");
    });
  }

  function init() {
    fixTheme();
    readerSettings(); // issue 21b
    skipLink(); // issue 21b
    document.querySelectorAll(".dz-doc").forEach(function (doc) {
      if (!doc.dzReader && doc.querySelector(".dz-text")) doc.dzReader = new Reader(doc);
    });
  }

  // Material's instant navigation swaps pages without reloading: it announces each through document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
