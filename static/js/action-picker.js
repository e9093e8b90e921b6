/* The action form's person picker (escalation ActionForm): offers only the people of the
   organisation chosen above it. Each <optgroup> holds one organisation's people, each
   option names its organisation in data-organisation. Without JavaScript the whole
   grouped list stays and the server refuses a person of another organisation with a
   Dutch message. An external file because the Content-Security-Policy blocks inline
   scripts. */
(function () {
  "use strict";
  var organisation = document.querySelector("select[data-action-organisation]");
  var person = document.querySelector("select[data-action-person]");
  if (!organisation || !person) {
    return;
  }
  var groups = Array.prototype.slice.call(person.querySelectorAll("optgroup"));

  function organisationOf(group) {
    var option = group.querySelector("option[data-organisation]");
    return option ? option.getAttribute("data-organisation") : "";
  }

  function show() {
    var chosen = organisation.value;
    var selected = person.value;
    groups.forEach(function (group) {
      if (group.parentNode) {
        group.parentNode.removeChild(group);
      }
      if (!chosen || organisationOf(group) === chosen) {
        person.appendChild(group);
      }
    });
    var still = Array.prototype.some.call(person.options, function (option) {
      return option.value === selected;
    });
    person.value = still ? selected : "";
  }

  // Choosing a person first fills in their organisation.
  person.addEventListener("change", function () {
    var option = person.options[person.selectedIndex];
    var owner = option ? option.getAttribute("data-organisation") : null;
    if (owner && !organisation.value) {
      organisation.value = owner;
      show();
    }
  });
  organisation.addEventListener("change", show);
  show();
})();
