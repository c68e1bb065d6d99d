// Quick exit: leave Voice at once for a neutral site, replacing this page in
// the browser history so the back button does not return here.
// Without JavaScript the link still goes to the same site.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-quick-exit]");
  if (!link) return;
  event.preventDefault();
  window.location.replace(link.href);
});
