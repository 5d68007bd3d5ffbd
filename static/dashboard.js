// Team dashboard: select-all boxes, a live refresh of the sections, and
// drag-and-drop for the CSV file. Everything works without it too.
(function () {
  "use strict";
  const sections = document.getElementById("sections");

  function selectedIds() {
    return Array.from(document.querySelectorAll('input[name="ids"]:checked')).map((b) => b.value);
  }

  function updateCount() {
    const n = selectedIds().length;
    const label = document.querySelector("[data-selected]");
    if (label) label.textContent = n ? n + " selected:" : "Select headshots for:";
  }

  document.addEventListener("change", (e) => {
    const all = e.target.closest("[data-select-all]");
    if (all) {
      document.querySelectorAll('input[data-section="' + all.dataset.selectAll + '"]').forEach((b) => (b.checked = all.checked));
    }
    updateCount();
  });

  // Live updates: fetch the sections every few seconds and swap them in,
  // keeping the selection; pause while the tab is hidden.
  if (sections && sections.dataset.live) {
    setInterval(async () => {
      if (document.hidden) return;
      try {
        const res = await fetch(sections.dataset.live, { credentials: "same-origin" });
        if (!res.ok) return;
        const html = await res.text();
        const keep = new Set(selectedIds());
        sections.innerHTML = html;
        sections.querySelectorAll('input[name="ids"]').forEach((b) => (b.checked = keep.has(b.value)));
        updateCount();
      } catch (_) { /* offline for a moment: try again next time */ }
    }, 5000);
  }

  // Drag and drop onto the CSV form; show progress while it uploads.
  document.querySelectorAll("[data-dropzone]").forEach((zone) => {
    const input = zone.querySelector('input[type="file"]');
    ["dragenter", "dragover"].forEach((t) => zone.addEventListener(t, (e) => { e.preventDefault(); zone.classList.add("over"); }));
    ["dragleave", "drop"].forEach((t) => zone.addEventListener(t, () => zone.classList.remove("over")));
    zone.addEventListener("drop", (e) => {
      e.preventDefault();
      if (e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        zone.requestSubmit();
      }
    });
    zone.addEventListener("submit", () => { zone.querySelector("progress").hidden = false; });
  });
})();
