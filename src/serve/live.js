// Live reload for `minhbach serve` (never part of a built site): reloads the page when the
// server reports a newer build than the one this page came from, and closes the error
// overlay on request.
(function () {
  "use strict";
  var me = document.currentScript;
  var shown = me ? me.getAttribute("data-generation") : null;
  document.addEventListener("click", function (e) {
    var t = e.target;
    if (t && t.hasAttribute && t.hasAttribute("data-minhbach-close")) {
      var o = document.getElementById("minhbach-overlay");
      if (o) o.hidden = true;
    }
  });
  if (!window.EventSource) return;
  var events = new EventSource("/__minhbach/events");
  events.onmessage = function (e) {
    if (shown !== null && e.data !== shown) {
      events.close();
      location.reload();
    }
  };
})();
