/* duizhao parallel concordance: the page concordance/ (publish/concordance.py) holds an empty
 * container; search.js loads the search engine and then this script, which reads the same index
 * (the chunks find the documents holding every term of the query, the document files give each
 * pair's sentences and which sentence of one side is aligned with which of the other). Each
 * occurrence becomes a line: the sentence holding it cut at the match (keyword in context), and
 * under it the sentence aligned with it, cut at the query's glossary rendering when it holds one.
 * Lines sort by document, left context (read from the match outwards) or right context; the lines
 * shown download as CSV, made in the page (no request). Works from file:// as over http.
 */
(function () {
  "use strict";
  var E = window.dzSearchEngine && window.dzSearchEngine.api;
  var box = document.getElementById("dz-concordance");
  if (!E || !box || box.getAttribute("data-ready")) return;
  box.setAttribute("data-ready", "1");

  var BATCH = 20; // documents loaded at a time
  var LIMIT = 500; // lines shown before "More lines" (a common word at 10,000 documents is many)
  var WIDTH = { zh: 20, en: 48 }; // characters of context shown each side of the match (CSV: all)
  var TITLE = 28; // characters of a title shown in "Where"
  var HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
  var JOIN = /^[\s\-‐‑–]*$/; // what may stand between two words of an English phrase
  var collator = new Intl.Collator(["zh", "en"], { sensitivity: "base", numeric: true });
  var esc = E.esc;

  box.innerHTML =
    '<form class="dz-kwic-form" role="search">' +
    '<label for="dz-kwic-q">Word or phrase <span lang="zh-Hans">词语</span></label> ' +
    '<input type="search" id="dz-kwic-q" class="dz-kwic-q" autocomplete="off" spellcheck="false" placeholder="网络主权 · cyber sovereignty"> ' +
    '<button type="submit" class="dz-kwic-go">Show lines</button>' +
    "</form>" +
    '<div class="dz-kwic-tools">' +
    '<label for="dz-kwic-sort">Sort by</label> <select id="dz-kwic-sort" class="dz-kwic-sort">' +
    '<option value="doc">document and paragraph</option>' +
    '<option value="left">left context</option>' +
    '<option value="right">right context</option>' +
    '<option value="match">match</option></select> ' +
    '<button type="button" class="dz-kwic-csv" disabled>Download these lines (CSV)</button>' +
    "</div>" +
    '<p class="dz-kwic-status" role="status" aria-live="polite"></p>' +
    '<div class="dz-kwic-scroll"><table class="dz-kwic"><thead><tr>' +
    '<th scope="col">#</th><th scope="col" class="dz-kwic-left">Left context</th><th scope="col" class="dz-kwic-key">Match</th>' +
    '<th scope="col">Right context</th><th scope="col">Where</th></tr></thead></table></div>' +
    '<p class="dz-kwic-more-wrap" hidden><button type="button" class="dz-kwic-more">More lines</button></p>';
  var ui = {
    form: box.querySelector("form"),
    input: box.querySelector(".dz-kwic-q"),
    sort: box.querySelector(".dz-kwic-sort"),
    csv: box.querySelector(".dz-kwic-csv"),
    status: box.querySelector(".dz-kwic-status"),
    table: box.querySelector("table"),
    more: box.querySelector(".dz-kwic-more"),
  };
  var state = null;
  var run = 0;

  // ---- matching -------------------------------------------------------------------------------------
  // The query as a matcher of ranges [start, end) in a text as written: Chinese (or anything with
  // Han in it) as the folded string; English as its words in order, each by its stem, with only
  // spaces or hyphens between them.
  function matcher(raw) {
    var q = E.fold(raw.replace(/["“”「」『』]/g, " ")).replace(/\s+/g, " ").trim();
    if (!q) return null;
    if (HAN.test(q)) {
      return function (text) {
        return E.find(E.folded(text), q);
      };
    }
    var want = E.tokens(q)
      .filter(function (t) { return t.word; })
      .map(function (t) { return E.stem(t.word); });
    if (!want.length) return null;
    return function (text) {
      var words = E.tokens(text).filter(function (t) { return t.word; });
      var stems = words.map(function (t) { return E.stem(E.fold(t.word)); });
      var out = [];
      for (var i = 0; i + want.length <= words.length; i++) {
        var ok = true;
        for (var j = 0; j < want.length && ok; j++) {
          ok = stems[i + j] === want[j] && (j === 0 || JOIN.test(text.slice(words[i + j - 1].end, words[i + j].at)));
        }
        if (ok) out.push([words[i].at, words[i + want.length - 1].end]);
      }
      return out;
    };
  }

  // Candidate documents: those holding every index term of the query (then checked on the text).
  function candidates(raw) {
    var q = E.parse(raw.replace(/["“”「」『』]/g, " ") + " "); // (a trailing space: no prefix matching)
    if (!q.clauses.length) return Promise.resolve([]);
    return Promise.all(q.clauses.map(E.resolve)).then(function (rs) {
      var docs = null;
      rs.forEach(function (r) {
        var here = Object.keys(r.docs).map(Number).filter(E.isText);
        docs = docs === null ? here : docs.filter(function (d) { return r.docs[d] !== undefined; });
      });
      return (docs || []).sort(function (a, b) { return a - b; });
    });
  }

  function merge(ranges) {
    var sorted = ranges.map(function (r) { return [r[0], r[1]]; }).sort(function (a, b) { return a[0] - b[0]; });
    var out = [];
    sorted.forEach(function (r) {
      var last = out[out.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else out.push(r);
    });
    return out;
  }

  // The sentences of `p` on side `other` aligned with sentence `s` of the other side, joined.
  function counterpart(p, side, s) {
    var other = side === "zh" ? "en" : "zh";
    var otherText = other === "zh" ? p[2] : p[3];
    if (!otherText) return "";
    var linked = ((side === "zh" ? p[4] : p[5]) || []).length || ((side === "zh" ? p[5] : p[4]) || []).length;
    if (!linked) return otherText; // a row without sentence links: the whole other side answers
    if (s[2] < 0) return "";
    return E.sentencesOf(p, other)
      .filter(function (x) { return x[2] === s[2]; })
      .map(function (x) { return otherText.slice(x[0], x[1]); })
      .join(other === "zh" ? "" : " ");
  }

  // The lines of one loaded document.
  function linesOf(doc, i, match, renderings) {
    var out = [];
    var title = doc.z && doc.e ? doc.z + " / " + doc.e : doc.z || doc.e;
    doc.p.forEach(function (p) {
      ["zh", "en"].forEach(function (side) {
        var text = side === "zh" ? p[2] : p[3];
        if (!text) return;
        var spans = E.sentencesOf(p, side);
        match(text).forEach(function (r) {
          var s = spans.find(function (x) { return x[0] <= r[0] && r[0] < x[1]; });
          if (!s) return;
          var cp = counterpart(p, side, s).trim();
          if (!cp) {
            state.unaligned++;
            return;
          }
          var end = Math.min(r[1], s[1]);
          var marks = merge(match(cp).concat(E.markAll(cp, renderings)));
          var other = marks.length ? marks[0] : null;
          out.push({
            order: state.lines.length + out.length,
            doc: i,
            title: title,
            date: doc.d || "",
            n: p[1],
            url: E.pairUrl(E.root + doc.u, p[0]),
            lang: side,
            left: text.slice(s[0], r[0]).replace(/^\s+/, ""),
            key: text.slice(r[0], end),
            right: text.slice(end, s[1]).replace(/\s+$/, ""),
            olang: side === "zh" ? "en" : "zh",
            oleft: other ? cp.slice(0, other[0]) : "",
            okey: other ? cp.slice(other[0], other[1]) : "",
            oright: other ? cp.slice(other[1]) : cp,
          });
        });
      });
    });
    return out;
  }

  // ---- showing ----------------------------------------------------------------------------------------
  function cutLeft(s, lang) {
    var w = WIDTH[lang];
    return s.length > w ? "…" + s.slice(s.length - w) : s;
  }

  function cutRight(s, lang) {
    var w = WIDTH[lang];
    return s.length > w ? s.slice(0, w) + "…" : s;
  }

  function tag(lang) {
    return lang === "zh" ? "zh-Hans" : "en";
  }

  function row(line, k) {
    var where =
      '<td rowspan="2" class="dz-kwic-where"><a href="' + esc(line.url) + '" title="' + esc(line.title) + '">' +
      esc(line.title.length > TITLE ? line.title.slice(0, TITLE) + "…" : line.title) +
      ' <span class="dz-kwic-n">¶' + line.n + "</span></a>" +
      (line.date ? ' <span class="dz-kwic-date">' + esc(line.date) + "</span>" : "") + "</td>";
    var hit =
      '<tr class="dz-kwic-hit" lang="' + tag(line.lang) + '"><td rowspan="2" class="dz-kwic-no">' + (k + 1) + "</td>" +
      '<td class="dz-kwic-left">' + esc(cutLeft(line.left, line.lang)) + "</td>" +
      '<td class="dz-kwic-key"><mark>' + esc(line.key) + "</mark></td>" +
      '<td class="dz-kwic-right">' + esc(cutRight(line.right, line.lang)) + "</td>" + where + "</tr>";
    var aligned = line.okey
      ? '<td class="dz-kwic-left">' + esc(cutLeft(line.oleft, line.olang)) + "</td>" +
        '<td class="dz-kwic-key"><mark>' + esc(line.okey) + "</mark></td>" +
        '<td class="dz-kwic-right">' + esc(cutRight(line.oright, line.olang)) + "</td>"
      : '<td colspan="3" class="dz-kwic-whole">' + esc(line.oright) + "</td>";
    return (
      '<tbody class="dz-kwic-line">' + hit +
      '<tr class="dz-kwic-aligned" lang="' + tag(line.olang) + '">' + aligned + "</tr></tbody>"
    );
  }

  // Sort keys: the left context read from the match outwards (its last word or character first),
  // the right context from the match on.
  function leftKey(line) {
    var f = E.fold(line.left);
    if (line.lang === "zh") return Array.from(f.replace(/[^\p{L}\p{N}]/gu, "")).reverse().join("");
    return f.split(/[^\p{L}\p{N}]+/u).filter(Boolean).reverse().join(" ");
  }

  function rightKey(line) {
    var f = E.fold(line.right);
    if (line.lang === "zh") return f.replace(/[^\p{L}\p{N}]/gu, "");
    return f.split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(" ");
  }

  function sorted() {
    var by = ui.sort.value;
    var lines = state.lines.slice();
    var key = by === "left" ? leftKey : by === "right" ? rightKey : by === "match" ? function (l) { return E.fold(l.key); } : null;
    if (key) {
      lines.forEach(function (l) { l.sortKey = key(l); });
      lines.sort(function (a, b) { return collator.compare(a.sortKey, b.sortKey) || a.order - b.order; });
    }
    return lines;
  }

  function draw() {
    ui.table.querySelectorAll("tbody").forEach(function (t) { t.remove(); });
    var lines = sorted();
    ui.shown = lines;
    ui.table.insertAdjacentHTML("beforeend", lines.map(row).join(""));
    ui.csv.disabled = !lines.length;
  }

  function say() {
    var s = state;
    var text;
    if (!s.lines.length && s.next >= s.docs.length) text = "No aligned pair holds " + s.raw.trim() + ".";
    else {
      var docs = {};
      s.lines.forEach(function (l) { docs[l.doc] = true; });
      var n = Object.keys(docs).length;
      text = s.lines.length.toLocaleString("en") + (s.lines.length === 1 ? " line" : " lines") + " from " + n + (n === 1 ? " document" : " documents");
      if (s.next < s.docs.length) text += " (" + s.next + " of " + s.docs.length + " candidate documents read)";
      text += ".";
    }
    if (s.unaligned) text += " " + s.unaligned + (s.unaligned === 1 ? " occurrence" : " occurrences") + " with no aligned sentence left out.";
    if (s.also.length) text += " Renderings marked: " + s.also.join(", ") + ".";
    ui.status.textContent = text;
    box.setAttribute("data-state", s.next >= s.docs.length || s.lines.length >= s.limit ? "done" : "busy");
    box.setAttribute("data-query", s.raw);
  }

  // Read candidate documents, BATCH at a time, until the limit of lines or the last document.
  function more(mine) {
    var s = state;
    if (mine !== run) return null;
    if (s.next >= s.docs.length || s.lines.length >= s.limit) {
      box.querySelector(".dz-kwic-more-wrap").hidden = s.next >= s.docs.length;
      draw();
      say();
      return null;
    }
    var batch = s.docs.slice(s.next, s.next + BATCH);
    s.next += batch.length;
    return Promise.all(batch.map(function (d) { return E.load("d/" + d); })).then(function (docs) {
      if (mine !== run) return null;
      docs.forEach(function (doc, j) {
        s.lines = s.lines.concat(linesOf(doc, batch[j], s.match, s.renderings));
      });
      return more(mine);
    });
  }

  function show(raw) {
    var mine = ++run;
    box.setAttribute("data-state", "busy");
    ui.status.textContent = "Searching…";
    return E.start()
      .then(E.prepare(raw))
      .then(function () {
        var match = matcher(raw);
        if (!match) {
          state = { raw: raw, docs: [], next: 0, lines: [], unaligned: 0, also: [], limit: LIMIT };
          draw();
          ui.status.textContent = raw.trim() ? "Type a word, or at least one Chinese character." : "";
          box.setAttribute("data-state", "done");
          box.setAttribute("data-query", raw);
          return null;
        }
        var X = E.expand(raw.trim());
        var empty = { phrases: [], soft: [], clauses: [], words: [] };
        return candidates(raw).then(function (docs) {
          if (mine !== run) return null;
          state = {
            raw: raw,
            docs: docs,
            next: 0,
            lines: [],
            unaligned: 0,
            also: X.also,
            // (the glossary renderings only: the query itself is matched by `match`)
            renderings: { variants: [empty].concat(X.variants.slice(1)) },
            match: match,
            limit: LIMIT,
          };
          return more(mine);
        });
      })
      .catch(function (err) {
        if (mine === run) {
          ui.status.textContent = "The concordance is unavailable: " + err.message + ".";
          box.setAttribute("data-state", "done");
          box.setAttribute("data-query", raw);
        }
      });
  }

  // ---- CSV of the lines shown, in the order shown -----------------------------------------------------
  var COLUMNS = [
    ["line", function (l, k) { return String(k + 1); }],
    ["document", function (l) { return l.title; }],
    ["date", function (l) { return l.date; }],
    ["paragraph", function (l) { return String(l.n); }],
    ["url", function (l) { return new URL(l.url, location.href).href; }],
    ["language", function (l) { return l.lang; }],
    ["left", function (l) { return l.left; }],
    ["match", function (l) { return l.key; }],
    ["right", function (l) { return l.right; }],
    ["aligned_language", function (l) { return l.olang; }],
    ["aligned_left", function (l) { return l.oleft; }],
    ["aligned_match", function (l) { return l.okey; }],
    ["aligned_right", function (l) { return l.oright; }],
  ];

  function cell(v) {
    return '"' + String(v).replace(/"/g, '""') + '"';
  }

  function csv() {
    var rows = [COLUMNS.map(function (c) { return c[0]; }).join(",")];
    (ui.shown || []).forEach(function (l, k) {
      rows.push(COLUMNS.map(function (c) { return cell(c[1](l, k)); }).join(","));
    });
    // (a byte-order mark, so spreadsheets read the file as UTF-8)
    return "\ufeff" + rows.join("\r\n") + "\r\n";
  }

  ui.csv.addEventListener("click", function () {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([csv()], { type: "text/csv;charset=utf-8" }));
    a.download = "concordance.csv";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
  });

  ui.sort.addEventListener("change", function () {
    if (state) draw();
  });

  ui.more.addEventListener("click", function () {
    if (!state) return;
    state.limit += LIMIT;
    box.setAttribute("data-state", "busy");
    more(run);
  });

  ui.form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var raw = ui.input.value;
    try {
      var url = new URL(location.href);
      url.searchParams.set("q", raw);
      history.replaceState(null, "", url.href);
    } catch (e) {
      /* (a file:// page may refuse: the query is simply not kept in the address) */
    }
    show(raw);
  });

  var given = "";
  try {
    given = new URLSearchParams(location.search).get("q") || "";
  } catch (e) {
    /* no query in the address */
  }
  if (given) {
    ui.input.value = given;
    show(given);
  } else box.setAttribute("data-state", "done");
})();
