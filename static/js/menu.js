/* The header menu behind a button on small screens. Without this script the menu simply
   stays open (the CSS only collapses it once the html element has .has-menu-js). */
(function () {
  "use strict";
  var button = document.getElementById("menu-button");
  var menu = document.getElementById("site-menu");
  if (!button || !menu) {
    return;
  }
  document.documentElement.classList.add("has-menu-js");
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("is-open", open);
  });
})();
