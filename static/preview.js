// The member's page while the instant preview is made: asks for the page
// again every two seconds and shows the preview as soon as it is there,
// without reloading (a photo being chosen in the form stays chosen).
(() => {
  const box = document.querySelector("[data-draft-pending]");
  if (!box) return;
  let tries = 0;
  const poll = async () => {
    tries += 1;
    try {
      const r = await fetch(location.href, { credentials: "same-origin" });
      if (r.ok) {
        const doc = new DOMParser().parseFromString(await r.text(), "text/html");
        const ready = doc.querySelector("[data-draft]");
        if (ready) {
          box.replaceWith(document.importNode(ready, true));
          return;
        }
        if (!doc.querySelector("[data-draft-pending]")) {
          box.remove();
          return;
        }
      }
    } catch (_) {
      // Offline for a moment: the next try will tell.
    }
    if (tries < 90) setTimeout(poll, 2000);
  };
  setTimeout(poll, 2000);
})();
