/* duizhao search engine: the browser half of src/duizhao/search.py, loaded by search.js (the
 * small part every page carries) when the search box first opens or a result is landed on.
 *
 * A search button joins Material's header; it opens a dialog that searches the chunked index in
 * search/ (built by duizhao at build time). Every index file is a script calling dzSearch.*, loaded
 * by a <script> tag, so search works from file:// (offline bundle) as over http, with no worker
 * and no network beyond the site's own files. Chinese is matched by character bigrams, so a query
 * such as 世界互联网大会 needs no segmenter here; English words are folded and de-pluralised by the
 * same rules as the index (shipped in the manifest). A result names the document and its
 * matching pairs, with a snippet in each language, linking to the pair's permalink.
 */
(function () {
  "use strict";
  if (window.dzSearch) return; // loaded twice (instant navigation): keep the first

  var here = document.currentScript && document.currentScript.src;
  // This file is <root>/assets/duizhao/search-engine.js.
  var ROOT = here ? new URL("../../", here).href : new URL("./", location.href).href;
  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var PAGE = 10; // results shown per "more"
  var PREFIX_CHUNKS = 3; // how far a prefix (as-you-type) lookup may read
  var PREFIX_TERMS = 64;
  var STORE = "dz-search-query";

  // ---- loading index files ------------------------------------------------------------------------
  var waiting = {}; // key -> {resolve, reject}
  var loaded = {}; // key -> promise
  var manifest = null;
  var chunkData = {};
  var docData = {};

  function settle(key, value) {
    var w = waiting[key];
    if (w) {
      delete waiting[key];
      w.resolve(value);
    }
  }

  window.dzSearch = {
    manifest: function (m) {
      manifest = m;
      settle("manifest", m);
    },
    chunk: function (k, data) {
      chunkData[k] = data;
      settle("t/" + k, data);
    },
    doc: function (i, data) {
      docData[i] = data;
      settle("d/" + i, data);
    },
    // Glossary equivalences: [[zh forms], [en forms]] per entry (search.py's build).
    glossary: function (entries) {
      equivalents = entries;
      settle("glossary", entries);
    },
    // One glossary entry's documents in one language (search_glossary.py): where the forms its
    // renderings are searched by are found, weighed as one term, and the idf of the forms' words.
    entry: function (key, postings, idfs) {
      settle("g/" + key, { postings: postings, idfs: idfs });
    },
    // Traditional -> Simplified, as pairs of characters (search.py's fold): loaded for a query
    // with Chinese in it, so 網絡 finds 网络 and the other way round.
    fold: function (pairs) {
      var chars = Array.from(pairs);
      hant = {};
      for (var i = 0; i + 1 < chars.length; i += 2) hant[chars[i]] = chars[i + 1];
      settle("fold", pairs);
    },
  };
  var hant = null;
  var equivalents = null;

  function load(key) {
    if (loaded[key]) return loaded[key];
    loaded[key] = new Promise(function (resolve, reject) {
      waiting[key] = { resolve: resolve, reject: reject };
      var s = document.createElement("script");
      var version = manifest ? "?v=" + manifest.id : "";
      s.src = ROOT + "search/" + key + ".js" + version;
      s.async = true;
      s.onerror = function () {
        delete loaded[key];
        delete waiting[key];
        reject(new Error("could not load search/" + key + ".js"));
      };
      s.onload = function () {
        s.remove();
        if (waiting[key]) {
          // The file ran but did not call back: a stale or foreign file.
          delete waiting[key];
          delete loaded[key];
          reject(new Error("search/" + key + ".js is not part of this index"));
        }
      };
      document.head.appendChild(s);
    });
    return loaded[key];
  }

  // ---- tokenizer: the same rules as search.py -----------------------------------------------------
  var tok = null;

  function setupTokenizer(m) {
    var cls = m.tokenizer.han
      .map(function (r) {
        return "\\u{" + r[0].toString(16) + "}-\\u{" + r[1].toString(16) + "}";
      })
      .join("");
    tok = {
      token: new RegExp("([" + cls + "]+)|((?:(?![" + cls + "])[\\p{L}\\p{N}])+)", "gu"),
      stop: new Set(m.tokenizer.stop),
      plurals: m.tokenizer.plurals,
      pluralMin: m.tokenizer.pluralMin,
    };
  }

  function fold(s) {
    var out = s.normalize("NFKC").normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC").toLowerCase();
    if (!hant || !/[\u3400-\u9fff\uf900-\ufaff]/.test(out)) return out;
    return out.replace(/[\u3400-\u9fff\uf900-\ufaff]/g, function (c) { return hant[c] || c; });
  }

  function stem(w) {
    if (w.length < tok.pluralMin) return w;
    for (var i = 0; i < tok.plurals.length; i++) {
      var rule = tok.plurals[i];
      if (w.endsWith(rule[0])) {
        if (rule[1].some(function (e) { return w.endsWith(e); })) return w;
        return w.slice(0, w.length - rule[0].length) + rule[2];
      }
    }
    return w;
  }

  // Tokens of a (folded) text with their kind: {han: "世界互联网"} or {word: "internet"}.
  function tokens(text) {
    var out = [];
    var m;
    tok.token.lastIndex = 0;
    while ((m = tok.token.exec(text))) {
      out.push(m[1] ? { han: m[1], at: m.index } : { word: m[2], at: m.index, end: m.index + m[2].length });
    }
    return out;
  }

  function bigrams(run) {
    var chars = Array.from(run);
    if (chars.length === 1) return chars;
    var out = [];
    for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    return out;
  }

  // ---- queries ------------------------------------------------------------------------------------
  // A query is clauses (all required), each a term or a prefix, and phrases checked on the text.
  function parse(raw) {
    var phrases = [];
    var text = raw.replace(/["“”「」『』]([^"“”「」『』]+)["“”「」『』]/g, function (_, p) {
      if (fold(p).trim()) phrases.push(fold(p).replace(/\s+/g, " ").trim());
      return " " + p + " ";
    });
    var folded = fold(text);
    var typing = !/\s$/.test(raw) && !/["”」』]$/.test(raw.trim());
    var clauses = [];
    var seen = new Set();
    var list = tokens(folded);
    list.forEach(function (t, i) {
      var last = typing && i === list.length - 1;
      if (t.han) {
        var chars = Array.from(t.han);
        if (chars.length === 1) {
          clauses.push({ term: t.han, prefix: t.han });
          phrases.push(t.han);
        } else {
          phrases.push(t.han);
          bigrams(t.han).forEach(function (b) {
            if (!seen.has(b)) clauses.push({ term: b });
            seen.add(b);
          });
        }
        return;
      }
      if (t.word.length < 2 || tok.stop.has(t.word)) return;
      var term = stem(t.word);
      if (seen.has(term)) return;
      seen.add(term);
      clauses.push(last && t.word.length >= 3 ? { term: term, prefix: t.word } : { term: term });
    });
    // The words as typed, in order: preferred (a pair that has them together ranks first and the
    // snippet centres on them) but not required, unlike quoted phrases.
    var soft = list.length > 1 ? [folded.replace(/\s+/g, " ").trim()] : [];
    return { raw: raw, clauses: clauses, phrases: phrases, soft: soft, words: clauses.map(function (c) { return c.term; }) };
  }

  // ---- glossary equivalences -----------------------------------------------------------------------
  function flatForm(s) {
    return fold(s).replace(/[\s\-‐‑–—·・]+/g, " ").trim();
  }

  // The glossary entry whose form (in either language) the text is, or null.
  function entryOf(text) {
    if (!equivalents) return null;
    var key = flatForm(text);
    if (!key) return null;
    for (var i = 0; i < equivalents.length; i++) {
      var e = equivalents[i];
      if (e[0].concat(e[1]).some(function (f) { return flatForm(f) === key; })) return e;
    }
    return null;
  }

  // A query and, when it is (or quotes) a glossary form, its renderings in the other language:
  // variants searched together, so 世界互联网大会 also finds a text that only says "World
  // Internet Conference" (shown as "also: ..."). `entries`: the glossary files (search/g/) that
  // list the documents holding the renderings, one per entry and language.
  function expand(raw) {
    var q = parse(raw);
    var variants = [q];
    var forms = [];
    var from = {}; // form -> its entry file
    var whole = raw.replace(/["“”「」『』]/g, "");
    var candidates = [whole].concat(q.phrases);
    candidates.forEach(function (c) {
      var e = entryOf(c);
      if (!e) return;
      // the other language's forms, the accepted one first (as many as the index lists: manifest)
      var mine = /[\u3400-\u9fff\uf900-\ufaff]/.test(c) ? 0 : 1;
      var key = equivalents.indexOf(e) + "-" + (mine ? "zh" : "en");
      e[1 - mine].slice(0, manifest.renderings).forEach(function (f) {
        if (forms.indexOf(f) < 0) {
          forms.push(f);
          from[f] = key;
        }
      });
    });
    var entries = [];
    forms.forEach(function (f) {
      var v = parse('"' + f + '"');
      v.label = f;
      v.entry = from[f];
      if (!v.clauses.length) return;
      variants.push(v);
      if (entries.indexOf(v.entry) < 0) entries.push(v.entry);
    });
    return { raw: raw, variants: variants, also: forms, entries: entries };
  }

  function chunkOf(term) {
    var firsts = manifest.chunks;
    var lo = 0;
    var hi = firsts.length - 1;
    if (!firsts.length || term < firsts[0]) return -1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= term) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  // A term's value in a chunk: its idf (a varint in 1/idfScale steps), then per document the gap
  // (varint) and a digit, the level of BM25's term-frequency part, both computed at build time
  // (search.py). Returns {idf, postings: [[doc, weight], ...]}: weight = idf x level's value.
  function decode(encoded) {
    var out = [];
    var doc = -1;
    var value = 0;
    var expectTf = false;
    var idf = -1;
    for (var i = 0; i < encoded.length; i++) {
      var d = DIGITS.indexOf(encoded[i]);
      if (expectTf) {
        out.push([doc, idf * manifest.levels[d]]);
        expectTf = false;
        continue;
      }
      value = value * 32 + (d & 31);
      if (d < 32) {
        if (idf < 0) idf = value / manifest.idfScale;
        else {
          doc += value + 1;
          expectTf = true;
        }
        value = 0;
      }
    }
    return { idf: idf, postings: out };
  }

  // Postings of a clause: {doc: its BM25 weight} (the best of a prefix's terms), and its idf.
  function resolve(clause) {
    var k = chunkOf(clause.term);
    var ks = [];
    if (k >= 0) ks.push(k);
    if (clause.prefix) {
      var p = chunkOf(clause.prefix);
      for (var j = Math.max(p, 0); j < manifest.chunks.length && ks.length < PREFIX_CHUNKS; j++) {
        if (j > p && !manifest.chunks[j].startsWith(clause.prefix)) break;
        if (ks.indexOf(j) < 0) ks.push(j);
      }
    }
    return Promise.all(ks.map(function (c) { return load("t/" + c); })).then(function (chunks) {
      var found = {};
      var terms = [];
      chunks.forEach(function (chunk) {
        if (chunk[clause.term] !== undefined && terms.indexOf(clause.term) < 0) terms.push(clause.term);
        if (!clause.prefix) return;
        Object.keys(chunk).forEach(function (t) {
          if (t.startsWith(clause.prefix) && terms.length < PREFIX_TERMS && terms.indexOf(t) < 0) terms.push(t);
        });
      });
      clause.idf = 0;
      terms.forEach(function (t) {
        var chunk = chunks[chunks.findIndex(function (c) { return c[t] !== undefined; })];
        var term = decode(chunk[t]);
        clause.idf = Math.max(clause.idf, term.idf); // how rare: weighs the sentences that hold it
        term.postings.forEach(function (pt) {
          // BM25, weighed at build time: a prefix counts its best-weighted completion
          if (!(pt[0] in found) || found[pt[0]] < pt[1]) found[pt[0]] = pt[1];
        });
      });
      return { clause: clause, terms: terms, docs: found };
    });
  }

  // The documents of a glossary entry's renderings (its file in search/g/), as one clause: the
  // build found the forms in each text, so no word of a rendering is looked up. Its forms' words
  // get their idf, which weighs the sentences that hold them (`hits`).
  function renderingsOf(key, Q) {
    return load("g/" + key).then(function (data) {
      Q.variants.forEach(function (v) {
        if (v.entry !== key) return;
        v.clauses.forEach(function (c) {
          c.idf = (data.idfs[c.term] || 0) / manifest.idfScale;
        });
      });
      var found = {};
      decode(data.postings).postings.forEach(function (pt) {
        found[pt[0]] = pt[1];
      });
      return [{ clause: { term: "g/" + key }, terms: [], docs: found }];
    });
  }

  // Documents of every variant (the query's clauses, then each glossary entry's renderings as one
  // clause), best first: documents before hand-written pages and glossary entries; then those
  // holding every term; then by score.
  function rank(perVariant) {
    var score = {};
    var hits = {};
    var anyFull = false;
    var all = {};
    perVariant.forEach(function (resolved, vi) {
      var s = {};
      var n = {};
      resolved.forEach(function (r) {
        Object.keys(r.docs).forEach(function (d) {
          s[d] = (s[d] || 0) + r.docs[d];
          n[d] = (n[d] || 0) + 1;
        });
      });
      Object.keys(s).forEach(function (d) {
        var full = n[d] === resolved.length ? 1 : 0;
        anyFull = anyFull || full === 1;
        // (what the query itself finds ranks above what only a rendering of it finds)
        var h = full * 1e6 + (vi === 0 ? 1e3 : 0) + n[d];
        if (!(d in hits) || h > hits[d] || (h === hits[d] && s[d] > score[d])) {
          hits[d] = h;
          score[d] = s[d];
        }
        all[d] = true;
      });
    });
    var need = perVariant[0].length;
    var list = Object.keys(all).map(Number);
    var partial = !anyFull && need > 1;
    if (!partial) list = list.filter(function (d) { return hits[d] >= 1e6; });
    list.sort(function (a, b) {
      return (isText(b) - isText(a)) || (hits[b] - hits[a]) || (score[b] - score[a]) || a - b;
    });
    return { docs: list, partial: partial };
  }

  // ---- snippets -----------------------------------------------------------------------------------
  function esc(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // The text folded character by character with whitespace runs as one space, and where each
  // folded character came from, so a match in the folded text is a range of the text as written.
  function folded(text) {
    var out = "";
    var from = [];
    var to = [];
    var i = 0;
    var space = false;
    for (var ch of text) {
      var f = /\s/.test(ch) ? " " : fold(ch);
      if (f === " " && space) {
        to[to.length - 1] = i + ch.length;
      } else {
        for (var k = 0; k < f.length; k++) {
          from.push(i);
          to.push(i + ch.length);
        }
        out += f;
      }
      space = f === " ";
      i += ch.length;
    }
    return { s: out, from: from, to: to };
  }

  var WORDCH = /[\p{L}\p{N}]/u;
  var HANCH = /[\u3400-\u9fff\uf900-\ufaff]/;

  // Ranges of `text` (as written) holding the phrase `ph` (folded): Latin edges on word bounds.
  function find(f, ph) {
    var out = [];
    if (!ph) return out;
    var at = f.s.indexOf(ph);
    while (at >= 0) {
      var end = at + ph.length;
      var okStart = at === 0 || HANCH.test(ph[0]) || !WORDCH.test(f.s[at - 1]) || !WORDCH.test(ph[0]);
      var okEnd = end >= f.s.length || HANCH.test(ph[ph.length - 1]) || !WORDCH.test(f.s[end]) || !WORDCH.test(ph[ph.length - 1]);
      if (okStart && okEnd) out.push([f.from[at], f.to[end - 1]]);
      at = f.s.indexOf(ph, at + 1);
    }
    return out;
  }

  // [start, end) ranges of `text` (as written) where the word clauses of `q` match (English
  // words by their stems, or a prefix as typed); Chinese is matched as phrases (see `hits`).
  function wordMarks(text, q) {
    var ranges = [];
    var wanted = new Set(q.words);
    tokens(text).forEach(function (t) {
      if (t.han) return;
      var w = fold(t.word);
      var hit = wanted.has(stem(w)) || q.clauses.some(function (c) { return c.prefix && !HANCH.test(c.prefix) && w.startsWith(c.prefix); });
      if (hit) ranges.push([t.at, t.end, stem(w)]);
    });
    return ranges;
  }

  // What of variant `q` a text holds: the phrase ranges, the word ranges, which words.
  function hits(text, q) {
    var f = folded(text);
    var phrases = [];
    q.phrases.forEach(function (ph) {
      phrases = phrases.concat(find(f, ph));
    });
    var soft = 0;
    q.soft.forEach(function (ph) {
      soft += find(f, ph).length;
    });
    var words = wordMarks(text, q);
    // The rarer the words a text holds, the better it answers (each word counted once).
    var rare = 0;
    new Set(words.map(function (w) { return w[2]; })).forEach(function (w) {
      var c = q.clauses.find(function (c) { return c.term === w || (c.prefix && w.startsWith(c.prefix)); });
      rare += c && c.idf ? c.idf : 1;
    });
    return { phrases: phrases, words: words, rare: rare, soft: soft };
  }

  function merge(ranges) {
    ranges = ranges.map(function (r) { return [r[0], r[1]]; });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push(r.slice());
    });
    return merged;
  }

  // A window of `text` around its first range, the ranges marked.
  function snippet(text, ranges, width, around) {
    if (!text) return "";
    ranges = merge(ranges);
    var at = around || ranges[0] || [0, 0];
    var start = Math.max(0, at[0] - width);
    var end = Math.min(text.length, Math.max(start + width * 3, at[1] + width));
    var out = start > 0 ? "…" : "";
    var pos = start;
    ranges.forEach(function (r) {
      if (r[1] <= pos || r[0] >= end) return;
      var from = Math.max(r[0], pos);
      var to = Math.min(r[1], end);
      out += esc(text.slice(pos, from)) + "<mark>" + esc(text.slice(from, to)) + "</mark>";
      pos = to;
    });
    out += esc(text.slice(pos, end)) + (end < text.length ? "…" : "");
    return out;
  }

  function flat(s) {
    return fold(s).replace(/\s+/g, " ");
  }

  // Sentence spans of one side of a pair ([[start, end, group]]), or the whole side as one.
  function sentencesOf(p, side) {
    var text = side === "zh" ? p[2] : p[3];
    var flatSpans = (side === "zh" ? p[4] : p[5]) || [];
    if (!flatSpans.length) return [[0, text.length, 0]];
    var out = [];
    for (var i = 0; i + 2 < flatSpans.length; i += 3) out.push([flatSpans[i], flatSpans[i + 1], flatSpans[i + 2]]);
    return out;
  }

  // The hit of one pair: the sentence that answers best and the sentences aligned with it on the
  // other side, each with its marks (the query, and its glossary renderings).
  function alignedHit(p, side, s, Q) {
    var other = side === "zh" ? "en" : "zh";
    var text = side === "zh" ? p[2] : p[3];
    var otherText = side === "zh" ? p[3] : p[2];
    var theirs = sentencesOf(p, other);
    var cp = "";
    var linked = ((side === "zh" ? p[4] : p[5]) || []).length || ((side === "zh" ? p[5] : p[4]) || []).length;
    if (otherText) {
      if (!linked) cp = otherText; // no sentence links: the whole other side answers
      else if (s[2] >= 0) {
        var parts = theirs.filter(function (x) { return x[2] === s[2]; }).map(function (x) { return otherText.slice(x[0], x[1]); });
        cp = parts.join(other === "zh" ? "" : " ");
      }
    }
    var sentence = text.slice(s[0], s[1]);
    var out = {};
    out[side] = { text: sentence, ranges: markAll(sentence, Q), focus: focus(sentence, Q) };
    out[other] = { text: cp, ranges: markAll(cp, Q), focus: focus(cp, Q), aligned: true };
    return out;
  }

  // Where a snippet of the text centres: its first phrase, else its first mark.
  function focus(text, Q) {
    var best = null;
    Q.variants.forEach(function (q) {
      hits(text, q).phrases.forEach(function (r) {
        if (!best || r[0] < best[0]) best = r;
      });
    });
    return best;
  }

  // How well a text (one sentence) answers a variant: the query itself over a rendering; a phrase;
  // the words in the order typed; the rarer words it holds; then how many marks.
  function score(h, main) {
    return (main ? 1000 : 0) + (h.phrases.length ? 200 : 0) + h.soft * 100 + h.rare * 10 + h.phrases.length + h.words.length / 10;
  }

  // Every range of a text to mark for query Q: its variants' phrases and words, and the
  // glossary renderings of the query.
  function markAll(text, Q) {
    if (!text) return [];
    var ranges = [];
    Q.variants.forEach(function (q, vi) {
      var h = hits(text, q);
      // (a rendering is a phrase: its words alone, "Wuzhen" of "Wuzhen Summit", are not it)
      ranges = ranges.concat(h.phrases, vi === 0 ? h.words : []);
    });
    return merge(ranges);
  }

  // Which pairs of a loaded document match, best first; and whether it holds the query (every
  // phrase of at least one variant: the query itself or a glossary rendering of it).
  function examine(doc, Q) {
    var whole = flat([doc.z, doc.e, doc.a || "", doc.b || ""].concat(doc.p.map(function (p) { return p[2] + " " + p[3]; })).join(" "));
    var ok = Q.variants.filter(function (q) {
      return q.phrases.every(function (ph) { return whole.indexOf(ph) >= 0; });
    });
    var direct = ok.indexOf(Q.variants[0]) >= 0;
    var pairs = [];
    doc.p.forEach(function (p) {
      var best = null;
      ok.forEach(function (q) {
        ["zh", "en"].forEach(function (side) {
          var text = side === "zh" ? p[2] : p[3];
          if (!text) return;
          // sentence by sentence: the words of a query are best found together (proximity)
          sentencesOf(p, side).forEach(function (sp) {
            var h = hits(text.slice(sp[0], sp[1]), q);
            if (!(h.phrases.length || h.words.length) || (q.phrases.length && !h.phrases.length)) return;
            var sc = score(h, q === Q.variants[0]);
            if (!best || sc > best.score) best = { score: sc, side: side, s: sp };
          });
        });
      });
      if (best) pairs.push({ p: p, score: best.score, side: best.side, s: best.s });
    });
    pairs.sort(function (a, b) { return b.score - a.score || a.p[1] - b.p[1]; });
    var via = direct ? "" : ok.length ? ok[0].label || "" : "";
    return { Q: Q, ok: ok.length > 0, via: via, best: pairs.length ? pairs[0].score : 0, pairs: pairs.slice(0, 2), more: Math.max(0, pairs.length - 2) };
  }

  // ---- the dialog ---------------------------------------------------------------------------------
  var ui = null;

  function h(tag, attrs, html) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      e.setAttribute(k, attrs[k]);
    });
    if (html) e.innerHTML = html;
    return e;
  }

  var ICON =
    '<svg viewBox="0 0 24 24" aria-hidden="true" width="24" height="24"><path fill="currentColor" d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>';

  function build() {
    var header = document.querySelector(".md-header__inner");
    if (!header || ui) return;
    // The button search.js put in the header (or, without it, one of our own).
    var open = document.querySelector(".dz-search-open");
    if (!open) {
      open = h(
        "button",
        { type: "button", class: "dz-search-open", "aria-haspopup": "dialog", title: "Search 搜索 (press /)" },
        ICON + '<span class="dz-search-label">Search <span lang="zh-Hans">搜索</span></span><kbd class="dz-search-key" aria-hidden="true">/</kbd>'
      );
      header.insertBefore(open, header.querySelector(".md-header__source"));
      open.addEventListener("click", show);
    }

    var dialog = h("dialog", { class: "dz-search", "aria-label": "Search the texts" });
    dialog.innerHTML =
      '<form class="dz-search-form" role="search" method="dialog">' +
      ICON +
      '<input type="search" class="dz-search-input" autocomplete="off" spellcheck="false" ' +
      'aria-label="Search in Chinese or English" aria-describedby="dz-search-help" aria-controls="dz-search-results" ' +
      'placeholder="世界互联网大会 · World Internet Conference">' +
      '<button type="button" class="dz-search-close" aria-label="Esc: close search">Esc</button></form>' +
      '<div class="dz-search-filters" hidden></div>' +
      '<p class="dz-search-status" role="status" aria-live="polite"></p>' +
      '<p class="dz-search-conc" hidden><a href=""></a></p>' +
      '<ol class="dz-search-results" id="dz-search-results"></ol>' +
      '<p class="dz-search-help" id="dz-search-help">Chinese: any run of characters (世界互联网). English: ' +
      'words, or "a phrase" in quotes. ↓ ↑ move through results, Enter opens, Esc closes.</p>';
    document.body.appendChild(dialog);
    ui = {
      open: open,
      dialog: dialog,
      input: dialog.querySelector("input"),
      status: dialog.querySelector(".dz-search-status"),
      list: dialog.querySelector("ol"),
      timer: 0,
      run: 0,
    };
    dialog.querySelector(".dz-search-close").addEventListener("click", hide);
    dialog.addEventListener("click", function (ev) {
      if (ev.target === dialog) hide(); // the backdrop
    });
    dialog.addEventListener("close", function () {
      open.focus();
    });
    ui.input.addEventListener("input", function () {
      clearTimeout(ui.timer);
      ui.timer = setTimeout(search, 120);
    });
    dialog.querySelector("form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var first = ui.list.querySelector("a");
      if (first && ui.input.value.trim()) first.click();
    });
    dialog.addEventListener("keydown", keys);
    ui.list.addEventListener("click", function (ev) {
      var a = ev.target.closest && ev.target.closest("a");
      if (!a) return;
      remember(a);
      // A result on this very page only changes the hash: close the dialog to show it.
      if (a.href.split("#")[0] === location.href.split("#")[0]) hide();
    });
  }

  function show() {
    if (!ui) return;
    if (!ui.dialog.open) ui.dialog.showModal();
    if (!ui.input.value) {
      try {
        ui.input.value = sessionStorage.getItem(STORE) || "";
      } catch (e) {
        /* storage unavailable: start empty */
      }
    }
    ui.input.focus();
    ui.input.select();
    start().then(function () {
      if (ui.input.value.trim()) search();
    });
  }

  function hide() {
    if (!ui || !ui.dialog.open) return;
    ui.dialog.close();
    // The "close" event comes a task later; the search button takes focus now, so a key pressed
    // right after Escape never lands on the page's body.
    ui.open.focus();
  }

  function keys(ev) {
    var links = Array.from(ui.list.querySelectorAll("a"));
    var i = links.indexOf(document.activeElement);
    if (ev.key === "Escape") {
      // A search field would only clear itself on the first Escape: close at once, as the help says.
      ev.preventDefault();
      hide();
      return;
    }
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!links.length) return;
      ev.preventDefault();
      if (ev.key === "ArrowDown") links[Math.min(links.length - 1, i + 1)].focus();
      else if (i <= 0) ui.input.focus();
      else links[i - 1].focus();
    }
  }

  // Once, whoever asks first (the dialog, a landing, the concordance page): filters are made once.
  var starting = null;

  function start() {
    if (!starting) {
      starting = load("manifest").then(
        function (m) {
          setupTokenizer(m);
          filters(m);
          return m;
        },
        function (err) {
          starting = null;
          throw err;
        }
      );
    }
    return starting;
  }

  // ---- filters: one more (hidden) term of the query each, from the index's facets ----------------
  var FACETS = [
    ["l", "Language", { zh: "Chinese 中文", en: "English", both: "Chinese and English" }],
    ["y", "Year", null],
    ["a", "Speaker or author", null],
    ["p", "Publisher", null],
    ["t", "Translation", { original: "original", human: "human translation", "machine-suspected": "machine translation suspected", unknown: "not stated" }],
  ];

  function filters(m) {
    if (!ui || !m.facets || !m.facets.length) return;
    var box = ui.dialog.querySelector(".dz-search-filters");
    FACETS.forEach(function (f) {
      var values = m.facets.filter(function (t) { return t[1] === f[0]; }).map(function (t) { return t.slice(2); });
      if (!values.length) return;
      if (f[0] === "y") values.reverse();
      var id = "dz-search-filter-" + f[0];
      var options = '<option value="">any</option>' + values.map(function (v) {
        return '<option value="' + esc(v) + '">' + esc((f[2] && f[2][v]) || v) + "</option>";
      }).join("");
      var label = h("label", { for: id }, esc(f[1]) + " ");
      var select = h("select", { id: id, "data-facet": f[0] }, options);
      select.addEventListener("change", function () {
        ui.searched = null;
        search();
      });
      label.appendChild(select);
      box.appendChild(label);
    });
    box.hidden = false;
  }

  // The filter clauses chosen: terms of the index ("~y2017"), each required.
  function chosen() {
    if (!ui) return [];
    return Array.from(ui.dialog.querySelectorAll(".dz-search-filters select"))
      .filter(function (s) { return s.value; })
      .map(function (s) { return { term: "~" + s.getAttribute("data-facet") + s.value, facet: true }; });
  }

  // The dialog says what it is doing (data-state "busy" or "done", data-query the query shown),
  // for assistive styling and for tests that must wait for one query's results.
  function say(text, done, query) {
    ui.status.textContent = text;
    ui.dialog.setAttribute("data-state", done ? "done" : "busy");
    if (done) ui.dialog.setAttribute("data-query", query);
  }

  function search() {
    var raw = ui.input.value;
    var key = raw + "\u0000" + chosen().map(function (c) { return c.term; }).join(" ");
    // The query already searched (or being searched): nothing to do. Opening the dialog and the
    // typing pause can both ask for the same query; a second run would empty the results under
    // the reader's (or a test's) cursor.
    if (key === ui.searched) return Promise.resolve();
    ui.searched = key;
    var run = ++ui.run;
    ui.dialog.querySelector(".dz-search-conc").hidden = true;
    try {
      sessionStorage.setItem(STORE, raw);
    } catch (e) {
      /* storage unavailable */
    }
    if (!raw.trim()) {
      ui.list.innerHTML = "";
      say("", true, "");
      return Promise.resolve();
    }
    return start()
      .then(prepare(raw))
      .then(function () {
        var Q = expand(raw);
        if (!Q.variants[0].clauses.length) {
          ui.list.innerHTML = "";
          say("Type a word, or at least one Chinese character.", true, raw);
          return null;
        }
        say("Searching…", false);
        var facets = chosen();
        // the query's own terms; its renderings' documents, one file per glossary entry; filters
        return Promise.all([
          Promise.all(Q.variants[0].clauses.map(resolve)),
          Promise.all(Q.entries.map(function (key) { return renderingsOf(key, Q); })),
          Promise.all(facets.map(resolve)),
        ]).then(function (parts) {
          if (run !== ui.run) return null;
          var within = parts[2];
          var r = rank([parts[0]].concat(parts[1]));
          // a filter keeps the documents its term lists (hand-written pages have none)
          within.forEach(function (f) {
            r.docs = r.docs.filter(function (d) { return d in f.docs; });
          });
          ui.list.innerHTML = "";
          return page({ Q: Q, docs: r.docs, partial: r.partial, next: 0, shown: 0, others: 0, dropped: 0 }, run);
        });
      })
      .catch(function (err) {
        if (run === ui.run) {
          ui.searched = null;
          say("Search is unavailable: " + err.message + ".", true, raw);
        }
      });
  }

  // What a query needs besides the manifest: the Traditional table (for Chinese) and the
  // glossary's equivalences. The glossary is optional: without it a query is searched as typed.
  function prepare(raw) {
    return function () {
      var need = [];
      if (/[\u3400-\u9fff\uf900-\ufaff]/.test(raw) && !hant) need.push(load("fold"));
      if (!equivalents) {
        need.push(
          load("glossary").catch(function () {
            equivalents = [];
          })
        );
      }
      return Promise.all(need);
    };
  }

  function isText(d) {
    var kinds = manifest.kinds || [manifest.docs];
    return d < kinds[0];
  }

  // Load and show the next results: documents whose text lacks a required phrase are skipped.
  function page(state, run) {
    var want = state.shown + PAGE;
    function step() {
      if (state.shown >= want || state.next >= state.docs.length) return finish();
      var batch = state.docs.slice(state.next, state.next + (want - state.shown));
      state.next += batch.length;
      return Promise.all(batch.map(function (d) { return load("d/" + d); })).then(function (docs) {
        if (run !== ui.run) return null;
        // Within what is loaded, the documents whose best sentence answers best come first (the
        // index ranks by the terms alone; the sentences tell phrase and proximity).
        var examined = docs.map(function (doc, j) {
          return { doc: doc, d: batch[j], j: j, x: examine(doc, state.Q) };
        });
        examined.sort(function (a, b) {
          return (isText(b.d) - isText(a.d)) || (b.x.best - a.x.best) || a.j - b.j;
        });
        examined.forEach(function (e) {
          var doc = e.doc;
          var x = e.x;
          var j = e.j;
          if (!x.ok && !state.partial) {
            state.dropped++;
            return;
          }
          if (!isText(batch[j]) && !state.others++) {
            ui.list.appendChild(h("li", { class: "dz-search-group" }, "Glossary and site pages"));
          }
          ui.list.appendChild(result(doc, batch[j], x));
          state.shown++;
        });
        return step();
      });
    }
    function finish() {
      var more = ui.list.querySelector(".dz-search-more");
      if (more) more.remove();
      var left = state.docs.length - state.next;
      var leftTexts = state.docs.slice(state.next).filter(isText).length;
      var texts = state.shown - state.others + leftTexts;
      var others = state.others + (left - leftTexts);
      var words = state.partial ? "No document has every word; closest: " : "";
      var raw = state.Q.raw;
      var also = state.Q.also.length ? " Also searched: " + state.Q.also.join(", ") + "." : "";
      // every aligned pair holding the query, on the concordance page
      var conc = ui.dialog.querySelector(".dz-search-conc");
      conc.hidden = !texts;
      conc.firstChild.href = ROOT + "concordance/index.html?q=" + encodeURIComponent(raw.trim());
      conc.firstChild.textContent = "Every aligned sentence pair with “" + raw.trim() + "”: concordance";
      if (!state.shown && !left) say("Nothing found for " + raw.trim() + "." + also, true, raw);
      else {
        var about = left ? "About " : "";
        var line = about + texts + (texts === 1 ? " document" : " documents");
        if (others) line += ", " + others + (others === 1 ? " glossary entry or page" : " glossary entries and pages");
        say(words + line + "." + also, true, raw);
      }
      if (left) {
        var li = h("li", { class: "dz-search-more" });
        var b = h("button", { type: "button" }, "More results");
        b.addEventListener("click", function () {
          li.remove();
          page(state, run);
        });
        li.appendChild(b);
        ui.list.appendChild(li);
      }
      return null;
    }
    return step();
  }

  // A pair's link: its anchor on the document's page, or (on a later part of a long document)
  // that part's URL from the site root with the anchor.
  function pairUrl(url, anchor) {
    if (!anchor) return url;
    return anchor.indexOf("#") >= 0 ? ROOT + anchor : url + "#" + anchor;
  }

  function result(doc, i, x) {
    var url = ROOT + doc.u;
    var li = h("li", { class: "dz-search-result", "data-doc": String(i) });
    var title = "";
    if (doc.z) title += '<span lang="zh-Hans">' + esc(doc.z) + "</span>";
    if (doc.e) title += (title ? '<span class="dz-search-sep"> / </span>' : "") + '<span lang="en">' + esc(doc.e) + "</span>";
    var head = '<a class="dz-search-doc" href="' + esc(url) + '">' + title + "</a>";
    var facts = [doc.d, doc.a, doc.b].filter(Boolean).map(function (f) {
      return snippet(f, markAll(f, x.Q), f.length);
    });
    if (facts.length) head += ' <span class="dz-search-date">' + facts.join(" · ") + "</span>";
    // What the text is (original, official, human or machine translation suspected), as in every
    // list (publish/provenance.py): its words, status and evidence come with the document's file.
    if (doc.v && doc.v.length) {
      // (inside .md-typeset, so the lists' mark styles apply as they are)
      head += ' <span class="dz-search-prov md-typeset">' + doc.v.map(function (m) {
        return '<details class="dz-prov dz-prov-' + esc(m[1]) + '"><summary>' + esc(m[0]) + '</summary><span class="dz-prov-why">' + esc(m[2]) + "</span></details>";
      }).join(" ") + "</span>";
    }
    if (x.via) head += '<p class="dz-search-via">also: <span lang="' + (HANCH.test(x.via) ? "zh-Hans" : "en") + '">' + esc(x.via) + "</span></p>";
    var pairs = x.pairs
      .map(function (m) {
        var p = m.p;
        var hit = alignedHit(p, m.side, m.s, x.Q);
        var cells = "";
        ["zh", "en"].forEach(function (side) {
          var c = hit[side];
          if (!c.text) {
            if (c.aligned && (side === "zh" ? p[2] : p[3])) {
              cells += '<span class="dz-search-' + side + ' dz-search-none">(no aligned sentence)</span>';
            }
            return;
          }
          var lang = side === "zh" ? "zh-Hans" : "en";
          var width = side === "zh" ? 40 : 100;
          cells += '<span class="dz-search-' + side + (c.aligned ? " dz-search-aligned" : "") + '" lang="' + lang + '">' + snippet(c.text, c.ranges, width, c.focus) + "</span>";
        });
        var label = doc.k === "text" ? "¶" + p[1] : "§";
        return (
          '<li><a class="dz-search-pair" href="' + esc(pairUrl(url, p[0])) + '">' +
          '<span class="dz-search-n" aria-label="paragraph ' + p[1] + '">' + label + "</span>" +
          '<span class="dz-search-cells">' + cells + "</span></a></li>"
        );
      })
      .join("");
    var more = x.more ? '<p class="dz-search-also">and ' + x.more + " more " + (x.more === 1 ? "paragraph" : "paragraphs") + "</p>" : "";
    li.innerHTML = head + (pairs ? '<ul class="dz-search-pairs">' + pairs + "</ul>" : "") + more;
    return li;
  }

  // ---- landing: the match marked on the page a result leads to ---------------------------------------
  var LAND = "dz-search-land";

  function remember(a) {
    try {
      sessionStorage.setItem(LAND, JSON.stringify({ href: a.href, q: ui.input.value }));
    } catch (e) {
      /* storage unavailable: the page opens unmarked */
    }
  }

  function landing() {
    var stored = null;
    try {
      stored = JSON.parse(sessionStorage.getItem(LAND) || "null");
    } catch (e) {
      return;
    }
    if (!stored || stored.href.split("#")[0] !== location.href.split("#")[0]) return;
    if ((stored.href.split("#")[1] || "") !== location.hash.slice(1)) return;
    try {
      sessionStorage.removeItem(LAND);
    } catch (e) {
      /* nothing to forget */
    }
    start()
      .then(prepare(stored.q))
      .then(function () {
        var Q = expand(stored.q);
        var id = decodeURIComponent(location.hash.slice(1));
        var row = id ? document.getElementById(id) : null;
        var scope = row || document.querySelector("article") || document.body;
        var cells = scope.querySelectorAll(".dz-cell");
        (cells.length ? Array.from(cells) : [scope]).forEach(function (cell) {
          markIn(cell, Q);
        });
        var first = scope.querySelector("mark.dz-search-hit");
        if (first && !row) first.scrollIntoView({ block: "center" });
      })
      .catch(function () {
        /* the index is unavailable: the page stays as it is */
      });
  }

  // Wrap every match of Q in the text of `el` in <mark class="dz-search-hit">, across the
  // element's inline markup (sentence spans, glossary links).
  function markIn(el, Q) {
    el.querySelectorAll("mark.dz-search-hit").forEach(function (m) {
      m.replaceWith(document.createTextNode(m.textContent));
    });
    el.normalize();
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    var nodes = [];
    var text = "";
    var n;
    while ((n = walker.nextNode())) {
      nodes.push({ node: n, at: text.length });
      text += n.nodeValue;
    }
    var ranges = markAll(text, Q);
    for (var r = ranges.length - 1; r >= 0; r--) {
      for (var k = nodes.length - 1; k >= 0; k--) {
        var t = nodes[k];
        var len = t.node.nodeValue.length;
        var a = Math.max(ranges[r][0], t.at);
        var b = Math.min(ranges[r][1], t.at + len);
        if (a >= b) continue;
        var mid = t.node.splitText(a - t.at);
        mid.splitText(b - a);
        var mark = document.createElement("mark");
        mark.className = "dz-search-hit";
        mid.parentNode.insertBefore(mark, mid);
        mark.appendChild(mid);
      }
    }
  }

  // ---- start --------------------------------------------------------------------------------------
  function init() {
    build();
    landing();
    window.addEventListener("hashchange", landing);
    window.dzSearchEngine = {
      show: show,
      landing: landing,
      // What the concordance page (concordance.js) reads the index with.
      api: {
        root: ROOT,
        start: start,
        prepare: prepare,
        parse: parse,
        expand: expand,
        resolve: resolve,
        load: load,
        isText: isText,
        sentencesOf: sentencesOf,
        markAll: markAll,
        fold: fold,
        stem: stem,
        tokens: tokens,
        folded: folded,
        find: find,
        pairUrl: pairUrl,
        esc: esc,
      },
    };
    if (window.dzSearchLoader) return; // search.js opens the box (its keys and button)
    document.addEventListener("keydown", function (ev) {
      if (ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey) return;
      var t = ev.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      if (ev.key === "/" || ev.key === "s" || ev.key === "S") {
        ev.preventDefault();
        show();
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
