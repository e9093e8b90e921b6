/* Gives every cell of a .table the text of its column header (data-label), so the CSS can
   stack a table into "Header: value" rows on a phone. Cells spanning columns are skipped. */
(function () {
  "use strict";
  var tables = document.querySelectorAll("table.table");
  Array.prototype.forEach.call(tables, function (table) {
    var headers = table.querySelectorAll("thead th");
    if (!headers.length) {
      return;
    }
    var labels = Array.prototype.map.call(headers, function (th) {
      return th.textContent.trim();
    });
    Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
      Array.prototype.forEach.call(row.children, function (cell, index) {
        if (cell.colSpan > 1 || cell.hasAttribute("data-label") || !labels[index]) {
          return;
        }
        cell.setAttribute("data-label", labels[index]);
      });
    });
  });
})();
