/* duizhao front page: its search field opens the site's search (static/search.js owns the
 * dialog; this only presses the header's button). Without script the field stays hidden, as
 * search needs script. */
(function () {
  "use strict";
  function init() {
    var box = document.querySelector(".dz-front-search");
    if (!box || box.getAttribute("data-ready")) return;
    box.setAttribute("data-ready", "1");
    box.setAttribute("aria-haspopup", "dialog");
    box.hidden = false;
    box.addEventListener("click", function () {
      var open = document.querySelector(".dz-search-open");
      if (open) open.click();
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
