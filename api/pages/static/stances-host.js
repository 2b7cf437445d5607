/* For a page that embeds Stances: size each Stances iframe to the height its page reports.
   Add once per page (a copy of this file, or <script src=".../embed/static/stances-host.js">). */
(function () {
  "use strict";
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "stances:resize" || typeof data.height !== "number") return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      // Only the framed page itself may size its iframe, not another page it opened.
      if (new URL(frame.src, location.href).origin !== event.origin) return;
      frame.style.height = Math.min(Math.max(Math.ceil(data.height), 40), 20000) + "px";
      return;
    }
  });
  // Frames that loaded before this listener did have reported already: ask them again.
  var frames = document.getElementsByTagName("iframe");
  for (var i = 0; i < frames.length; i++) {
    try {
      var origin = new URL(frames[i].src, location.href).origin;
      frames[i].contentWindow.postMessage({ type: "stances:measure" }, origin);
    } catch (error) { /* a frame without a usable src: nothing to ask */ }
  }
})();
