// trucewatch desk: live updates. Pages work without this script; with it, the "last changed"
// clock ticks and, when the ledger's head moves, the page's main region is fetched again and
// swapped in (server-sent events from /api/v1/events, or polling /api/v1/head as a fallback).
(function () {
  "use strict";
  var body = document.body;
  var live = document.getElementById("live");
  var head = body.getAttribute("data-head");
  var recorded = live ? live.getAttribute("data-recorded") : "";
  var busy = false;

  function setText(seconds, seq) {
    if (!live) { return; }
    live.textContent = "ledger last changed " + Math.max(0, Math.round(seconds)) + " s ago (entry " + seq + ")";
  }

  function tick() {
    if (!recorded) { return; }
    var then = Date.parse(recorded);
    if (!isNaN(then)) { setText((Date.now() - then) / 1000, body.getAttribute("data-seq")); }
  }

  function refresh() {
    if (busy) { return; }
    busy = true;
    fetch(window.location.href, { headers: { "Accept": "text/html" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("main");
        var main = document.getElementById("main");
        var active = document.activeElement;
        var typing = active && main.contains(active) && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName);
        if (fresh && main && !typing) {
          main.replaceWith(document.importNode(fresh, true));
        }
        if (live) { live.classList.add("changed"); }
      })
      .catch(function () { /* the next change tries again */ })
      .then(function () { busy = false; });
  }

  function onHead(data) {
    recorded = data.recorded_at || recorded;
    body.setAttribute("data-seq", String(data.seq));
    tick();
    if (data.hash !== head) {
      head = data.hash;
      body.setAttribute("data-head", head);
      refresh();
    }
  }

  function poll() {
    fetch("/api/v1/head", { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(onHead)
      .catch(function () {});
  }

  window.setInterval(tick, 1000);
  if (window.EventSource) {
    var source = new EventSource("/api/v1/events");
    source.addEventListener("head", function (e) { onHead(JSON.parse(e.data)); });
  } else {
    window.setInterval(poll, 3000);
  }
})();
