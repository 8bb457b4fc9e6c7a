// CPDb: follow a picture's processing by polling GET /api/v1/cpdb/pictures/{id} every second until it is
// ready, refused or withdrawn. Used by the upload form (CpdbStatus.follow) and by the page of a picture that
// is still being processed (an element with data-picture-status and data-reload: the page reloads when done).
(function () {
  "use strict";

  const FINAL = new Set(["PICTURE_STATUS_READY", "PICTURE_STATUS_REJECTED", "PICTURE_STATUS_WITHDRAWN"]);
  const INTERVAL_MS = 1000;
  // After failures (the service restarting, a network hiccup) wait longer, up to this.
  const MAX_INTERVAL_MS = 10000;

  function follow(url, handlers) {
    const on = handlers || {};
    let stopped = false;
    let failures = 0;

    async function poll() {
      if (stopped) return;
      try {
        const resp = await fetch(url, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
          cache: "no-store",
        });
        if (resp.ok) {
          failures = 0;
          const picture = await resp.json();
          if (on.update) on.update(picture);
          if (FINAL.has(picture.status)) {
            if (on.done) on.done(picture);
            return;
          }
        } else if ([401, 403, 404].includes(resp.status)) {
          if (on.fail) on.fail(resp.status);
          return;
        } else {
          failures += 1;
          if (on.retry) on.retry(failures);
        }
      } catch (error) {
        failures += 1;
        if (on.retry) on.retry(failures);
      }
      window.setTimeout(poll, Math.min(INTERVAL_MS * (1 + failures), MAX_INTERVAL_MS));
    }

    window.setTimeout(poll, INTERVAL_MS);
    return {
      stop() {
        stopped = true;
      },
    };
  }

  window.CpdbStatus = { follow };

  document.addEventListener("DOMContentLoaded", () => {
    for (const element of document.querySelectorAll("[data-picture-status][data-reload]")) {
      follow(element.dataset.apiUrl, { done: () => window.location.reload() });
    }
  });
})();
