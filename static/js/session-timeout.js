/* Idle-session warning. The server logs a user out after SESSION_IDLE_SECONDS without a
   request; this shows a warning shortly before, offers to stay logged in (one ping to
   the server resets its timer) and goes to the login page once the time is up.
   Loaded as an external file so it runs under the strict Content-Security-Policy. */
(function () {
  "use strict";
  var body = document.body;
  var idle = parseInt(body.getAttribute("data-session-idle"), 10);
  var warnBefore = parseInt(body.getAttribute("data-session-warning"), 10);
  var pingUrl = body.getAttribute("data-session-ping");
  var expiredUrl = body.getAttribute("data-session-expired");
  var box = document.getElementById("session-warning");
  var extend = document.getElementById("session-extend");
  if (!idle || !box || !extend) {
    return;
  }
  var warnTimer = null;
  var expireTimer = null;

  function expire() {
    var next = window.location.pathname + window.location.search;
    window.location.assign(expiredUrl + "?next=" + encodeURIComponent(next));
  }

  // `left`: the seconds the server says the session has (it renews its clock at most
  // once a minute, so a request does not always restart it); default the full limit.
  function start(left) {
    var seconds = typeof left === "number" && !isNaN(left) ? left : idle;
    window.clearTimeout(warnTimer);
    window.clearTimeout(expireTimer);
    box.hidden = true;
    warnTimer = window.setTimeout(function () {
      box.hidden = false;
      extend.focus();
    }, Math.max(0, seconds - warnBefore) * 1000);
    // A little after the server's deadline, so the server has ended the session too.
    expireTimer = window.setTimeout(expire, (seconds + 3) * 1000);
  }

  extend.addEventListener("click", function () {
    fetch(pingUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.ok) {
          start();
        } else {
          expire();
        }
      })
      .catch(expire);
  });
  // Every htmx request also counts as activity on the server; its answer says how long.
  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail && event.detail.xhr;
    var header = xhr ? xhr.getResponseHeader("X-Session-Idle-Seconds") : null;
    start(header === null ? undefined : parseInt(header, 10));
  });
  start();
})();
