/* Conditional reveal (GOV.UK pattern, lib/conditional.py): the follow-up fields of an
   answer show only while that answer is chosen. Without this script they all show
   under their answer and the server checks them, so nothing depends on it.
   An external file because the Content-Security-Policy blocks inline scripts. */
(function () {
  "use strict";
  var holders = document.querySelectorAll("[data-reveal]");
  if (!holders.length) {
    return;
  }
  var inputs = [];
  Array.prototype.forEach.call(holders, function (holder) {
    var input = holder.querySelector("input[type=radio], input[type=checkbox]");
    var target = document.getElementById(holder.getAttribute("data-reveal"));
    if (!input || !target) {
      return;
    }
    // Set here, not in the markup: without script the block is always visible and
    // "controls" would promise a behaviour that is not there.
    input.setAttribute("aria-controls", target.id);
    inputs.push({ input: input, target: target });
  });

  function sync() {
    inputs.forEach(function (pair) {
      var open = pair.input.checked;
      // No aria-expanded: it is not allowed on a radio (GOV.UK dropped it too); the
      // revealed fields follow the radio, so the reading order tells what opened.
      pair.target.hidden = !open;
    });
  }

  // Choosing one radio unchecks the others without an event of their own, so every
  // change on the page re-syncs all blocks.
  document.addEventListener("change", function (event) {
    if (event.target && event.target.matches("input[type=radio], input[type=checkbox]")) {
      sync();
    }
  });
  sync();
})();
