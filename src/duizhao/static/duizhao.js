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
  };

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
      document.body.appendChild(status);
    }
    status.textContent = message;
    status.classList.add("dz-on");
    clearTimeout(statusTimer);
    statusTimer = setTimeout(function () {
      status.classList.remove("dz-on");
    }, 2200);
  }

  function copy(text) {
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
      if (ok) say("Citation copied");
      else window.prompt("Copy this citation:", text);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () {
        say("Citation copied");
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
    // The whole document's citation, beside the header's links.
    var links = d.querySelector(".dz-links");
    if (links) {
      var whole = el("button", { type: "button", class: "dz-cite-doc" });
      whole.textContent = "Copy citation";
      whole.addEventListener("click", function () {
        copy(self.citation(null));
      });
      links.appendChild(document.createTextNode(" · "));
      links.appendChild(whole);
    }
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
        if (sideBySide && ((ev.key === "ArrowRight") !== (lang === "zh"))) return;
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
    this.citeBtn = el("button", { type: "button", class: "dz-cite-btn" }, ICONS.cite);
    this.citeBtn.addEventListener("click", function () {
      self.cite(self.pair);
    });
    bar.appendChild(this.citeBtn);
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
    this.citeBtn.setAttribute("aria-label", "Copy citation of paragraph " + n);
    this.citeBtn.title = "Copy citation (C)";
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

  Reader.prototype.citation = function (pair) {
    var a = this.doc.dataset;
    var who = a.author ? a.author + (a.role ? " (" + a.role + ")" : "") : "";
    var titles = [a.titleZh ? "《" + a.titleZh + "》" : "", a.titleEn ? "“" + a.titleEn + "”" : ""]
      .filter(Boolean)
      .join(" / ");
    var parts = [who, titles, a.publisher || "", a.date || "", pair ? "¶" + pair.getAttribute("data-n") : ""];
    return parts.filter(Boolean).join(", ") + ". " + this.address() + (pair ? "#" + pair.id : "");
  };

  Reader.prototype.cite = function (pair) {
    if (pair) copy(this.citation(pair));
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
  Reader.prototype.toPart = function (id) {
    var src = this.doc.getAttribute("data-parts-src");
    var urls = (this.doc.getAttribute("data-part-urls") || "").split(" ");
    if (!src || window.dzParts) return;
    window.dzParts = function (parts) {
      var url = urls[(parts[id] || 0) - 1];
      if (url && window.location.hash === "#" + id) window.location.replace(url + "#" + encodeURIComponent(id));
    };
    var script = document.createElement("script");
    script.src = src;
    document.head.appendChild(script);
  };

  // ---- theme fixes that belong to every page ------------------------------------------------------------
  function fixTheme() {
    // Material's search overlay is a dialog without a name (axe: aria-dialog-name).
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (d) {
      d.setAttribute("aria-label", "Search");
    });
  }

  function init() {
    fixTheme();
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
