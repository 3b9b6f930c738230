/* duizhao reader behaviour. Progressive: the page reads fine without it. */
(function () {
  "use strict";
})();
