// Quick exit: leave Voice at once for a neutral site, replacing the page
// being read in the browser history, so Back does not return to it.
// Listening on the window in the capture phase runs this before anything
// else sees the click (the router's own link handling included).
// Without JavaScript the link still goes to the same site, and the page
// stays in the history.
window.addEventListener(
  "click",
  function (event) {
    var link = event.target.closest && event.target.closest("a[data-quick-exit]");
    if (!link) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    window.location.replace(link.href);
  },
  true,
);
