/* duizhao dictionary look-up: select a Chinese word (double-click, or press and hold on a touch
 * screen) and its CC-CEDICT entries appear beside it: pinyin and glosses. The dictionary is
 * loaded only then, as plain scripts (publish/dictionary.py writes an index and shards by first
 * character), so it works from file:// as over http and costs nothing until used. Entries are
 * put on the page as text, never as markup.
 */
(function () {
  "use strict";
  if (window.dzLookup) return; // loaded twice (instant navigation): keep the first

  var here = document.currentScript && document.currentScript.src;
  var BASE = here ? new URL("cedict/", here).href : "assets/duizhao/cedict/";
  var HAN = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$/;
  var MAX = 12; // the longest selection looked up (a phrase of a few words)
  var WORD = 8; // the longest headword (dictionary.MAX_WORD)
  var SHOWN = 6; // words shown for one selection
  var index = null;
  var shards = {};
  var scripts = {};
  var box = null;
  var shownFor = "";
  var timer = 0;

  window.dzCedict = {
    index: function (d) { index = d; },
    shard: function (i, d) { shards[i] = d; },
  };

  function load(name) {
    if (!scripts[name]) {
      scripts[name] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = BASE + name;
        s.onload = resolve;
        s.onerror = function () {
          delete scripts[name];
          reject(new Error("could not load " + name));
        };
        document.head.appendChild(s);
      });
    }
    return scripts[name];
  }

  function shardOf(word) {
    return word.codePointAt(0) % index.shards;
  }

  function has(word) {
    var s = shards[shardOf(word)];
    return s && Object.prototype.hasOwnProperty.call(s, word) ? s[word] : null;
  }

  // The words of `text`: the whole selection when it is a headword, else the longest headword at
  // each place (forward maximum matching), at most SHOWN.
  function words(text) {
    if (has(text)) return [text];
    var out = [];
    var i = 0;
    while (i < text.length && out.length < SHOWN) {
      var k = Math.min(WORD, text.length - i);
      for (; k > 0; k--) {
        if (has(text.substr(i, k))) break;
      }
      if (k > 0) {
        out.push(text.substr(i, k));
        i += k;
      } else i += 1;
    }
    return out;
  }

  function lookUp(text) {
    return load("index.js").then(function () {
      var need = {};
      for (var i = 0; i < text.length; i++) need[text.charCodeAt(i) % index.shards] = true;
      return Promise.all(
        Object.keys(need).map(function (n) { return load(n + ".js"); })
      ).then(function () { return words(text); });
    });
  }

  function el(tag, cls, text, lang) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    if (lang) e.setAttribute("lang", lang);
    return e;
  }

  function close() {
    if (box) box.remove();
    box = null;
    shownFor = "";
  }

  function place(rect) {
    if (window.matchMedia("(max-width: 700px)").matches) {
      box.classList.add("dz-lookup-sheet"); // a sheet at the foot of a phone's screen
      return;
    }
    var width = box.offsetWidth;
    var left = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - width - 8));
    box.style.left = left + window.scrollX + "px";
    box.style.top = rect.bottom + window.scrollY + 8 + "px";
  }

  function show(text, rect, tag) {
    shownFor = text;
    lookUp(text).then(
      function (found) {
        if (shownFor !== text) return;
        if (box) box.remove();
        box = el("aside", "dz-lookup");
        box.setAttribute("aria-label", "Dictionary: " + text);
        box.setAttribute("aria-live", "polite");
        var x = el("button", "dz-lookup-close", "×");
        x.type = "button";
        x.setAttribute("aria-label", "Close the dictionary");
        x.addEventListener("click", close);
        box.appendChild(x);
        if (!found.length) box.appendChild(el("p", "dz-lookup-none", "Not in the dictionary: " + text));
        found.forEach(function (w) {
          has(w).forEach(function (e) {
            var trad = e[0], simp = e[1], pinyin = e[2], gloss = e[3];
            var item = el("div", "dz-lookup-entry");
            var head = el("p", "dz-lookup-head");
            head.appendChild(el("span", "dz-lookup-word", tag === "zh-Hant" ? trad : simp, tag));
            var other = tag === "zh-Hant" ? simp : trad;
            if (other !== (tag === "zh-Hant" ? trad : simp)) {
              head.appendChild(el("span", "dz-lookup-other", other, tag === "zh-Hant" ? "zh-Hans" : "zh-Hant"));
            }
            head.appendChild(el("span", "dz-lookup-pinyin", pinyin, "zh-Latn-pinyin"));
            item.appendChild(head);
            item.appendChild(el("p", "dz-lookup-gloss", gloss, "en"));
            box.appendChild(item);
          });
        });
        var credit = el("p", "dz-lookup-credit");
        var a = el("a", "", index.name + " (" + index.publisher + ")");
        a.href = index.url;
        var lic = el("a", "", index.licence);
        lic.href = index.licence_url;
        credit.appendChild(a);
        credit.appendChild(document.createTextNode(", " + index.date + " · "));
        credit.appendChild(lic);
        box.appendChild(credit);
        document.body.appendChild(box);
        place(rect);
      },
      function () { shownFor = ""; /* the dictionary files are missing: no look-up */ }
    );
  }

  function check() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return;
    var text = sel.toString().replace(/\s+/g, "");
    if (!text || text.length > MAX || !HAN.test(text) || text === shownFor) return;
    var node = sel.anchorNode && (sel.anchorNode.nodeType === 1 ? sel.anchorNode : sel.anchorNode.parentNode);
    var zh = node && node.closest ? node.closest('[lang|="zh"]') : null;
    if (!zh || !zh.closest(".md-content") || zh.closest(".dz-lookup")) return;
    show(text, sel.getRangeAt(0).getBoundingClientRect(), zh.getAttribute("lang"));
  }

  document.addEventListener("selectionchange", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 250); // a drag or a handle being moved settles first
  });
  document.addEventListener("pointerdown", function (ev) {
    if (box && !box.contains(ev.target)) close();
  });
  document.addEventListener("keydown", function (ev) {
    if (box && ev.key === "Escape") close();
  });

  window.dzLookup = { lookUp: lookUp, close: close };
})();
