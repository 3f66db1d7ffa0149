// Progressive enhancement only: every page works without this file (and without htmx).
// After htmx swaps in a new result, move keyboard and screen-reader focus to its heading.
document.addEventListener("htmx:afterSwap", function (event) {
  var result = document.getElementById("result");
  if (result && event.detail.target && event.detail.target.id === "result" && result.hasAttribute("tabindex")) {
    result.focus();
  }
});
