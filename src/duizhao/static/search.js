/* duizhao search, the part every page carries: the header's search button and its keys. The
 * engine (search-engine.js: queries, results, filters, landing marks) is loaded by a <script> tag
 * the first time the box opens, or when the page is opened from a search result, so a page that
 * is only read costs a few hundred bytes. Works from file:// as over http.
 */
(function () {
  "use strict";
  if (window.dzSearchLoader) return; // loaded twice (instant navigation): keep the first

  var here = document.currentScript && document.currentScript.src;
  var ENGINE = here ? new URL("search-engine.js", here).href : "assets/duizhao/search-engine.js";
  var CONCORDANCE = here ? new URL("concordance", here).href : "assets/duizhao/concordance";
  var LAND = "dz-search-land"; // what search-engine.js leaves for the page a result opens
  var loading = null;

  function engine() {
    if (window.dzSearchEngine) return Promise.resolve(window.dzSearchEngine);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = ENGINE;
        s.onload = function () {
          window.dzSearchEngine ? resolve(window.dzSearchEngine) : reject(new Error("no search engine"));
        };
        s.onerror = function () {
          loading = null;
          reject(new Error("could not load the search engine"));
        };
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  function open() {
    engine().then(
      function (e) { e.show(); },
      function () { /* the search files are missing: the button stays, inert */ }
    );
  }

  window.dzSearchLoader = { engine: engine };

  var ICON =
    '<svg viewBox="0 0 24 24" aria-hidden="true" width="24" height="24"><path fill="currentColor" d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>';

  function init() {
    var header = document.querySelector(".md-header__inner");
    if (header && !document.querySelector(".dz-search-open")) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "dz-search-open";
      b.setAttribute("aria-haspopup", "dialog");
      b.title = "Search 搜索 (press /)";
      b.innerHTML =
        ICON +
        '<span class="dz-search-label">Search <span lang="zh-Hans">搜索</span></span><kbd class="dz-search-key" aria-hidden="true">/</kbd>';
      header.insertBefore(b, header.querySelector(".md-header__source"));
      b.addEventListener("click", open);
    }
    document.addEventListener("keydown", function (ev) {
      if (ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey) return;
      var t = ev.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      if (ev.key === "/" || ev.key === "s" || ev.key === "S") {
        ev.preventDefault();
        open();
      }
    });
    // Opened from a search result: the engine marks the match.
    var landed = false;
    try {
      landed = !!sessionStorage.getItem(LAND);
    } catch (e) {
      /* storage unavailable: nothing to mark */
    }
    if (landed) engine().catch(function () {});
    // The concordance page: its script (with the engine it reads the index through).
    var box = document.getElementById("dz-concordance");
    if (box) {
      engine().then(
        function () {
          var css = document.createElement("link");
          css.rel = "stylesheet";
          css.href = CONCORDANCE + ".css";
          document.head.appendChild(css);
          var s = document.createElement("script");
          s.src = CONCORDANCE + ".js";
          document.head.appendChild(s);
        },
        function () {
          box.textContent = "The concordance is unavailable: the search index could not be loaded.";
        }
      );
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
