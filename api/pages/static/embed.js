/* Stances embeds: tell the page that frames this one how tall it is, so it can size the
   iframe (the host's listener: /embed/static/stances-host.js, or the README's snippet). */
(function () {
  "use strict";
  if (window.parent === window) return;
  var last = 0;
  function report() {
    // The document's own height: html and body have auto heights, so this shrinks too.
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    // "*": any site may embed this page; the message holds nothing but a height.
    window.parent.postMessage({ type: "stances:resize", height: height, url: location.href }, "*");
  }
  if ("ResizeObserver" in window) {
    new ResizeObserver(report).observe(document.documentElement);
  }
  document.addEventListener("toggle", report, true);
  // A host page whose listener started after our first report asks again.
  window.addEventListener("message", function (event) {
    if (event.source === window.parent && event.data && event.data.type === "stances:measure") {
      last = 0;
      report();
    }
  });
  window.addEventListener("load", report);
  report();
})();
