// Team dashboard: select-all boxes, a live refresh of the sections, and
// drag-and-drop for the CSV file. Everything works without it too.
(function () {
  "use strict";
  const sections = document.getElementById("sections");

  function selectedIds() {
    return Array.from(document.querySelectorAll('input[name="ids"]:checked')).map((b) => b.value);
  }

  function updateCount() {
    let n = selectedIds().length;
    // "Select all N": the section's every match, shown here or not.
    document.querySelectorAll('input[name="all_matching"]:checked').forEach((m) => {
      const shown = document.querySelectorAll('input[data-section="' + m.value + '"]:checked').length;
      n += Number(m.dataset.total) - shown;
    });
    const label = document.querySelector("[data-selected]");
    if (label) label.textContent = n ? n + " selected:" : "Select headshots for:";
  }

  document.addEventListener("change", (e) => {
    const all = e.target.closest("[data-select-all]");
    if (all) {
      document.querySelectorAll('input[data-section="' + all.dataset.selectAll + '"]').forEach((b) => (b.checked = all.checked));
    }
    const matches = e.target.closest('input[name="all_matching"]');
    if (matches && matches.checked) {
      document.querySelectorAll('input[data-section="' + matches.value + '"]').forEach((b) => (b.checked = true));
    }
    updateCount();
  });

  // Live updates: the server sends the team's change token whenever it
  // moves (server-sent events); the sections are fetched and swapped in
  // only then, keeping the selection. The browser reconnects by itself.
  async function refresh() {
    try {
      const res = await fetch(sections.dataset.live, { credentials: "same-origin" });
      if (!res.ok) return;
      // The session switched to another team (in another tab): this page
      // belongs to the old one, so it reloads rather than mixing the two.
      if (res.headers.get("X-Team") !== sections.dataset.team) {
        location.reload();
        return;
      }
      const html = await res.text();
      const keep = new Set(selectedIds());
      const keepAll = new Set(Array.from(document.querySelectorAll('input[name="all_matching"]:checked')).map((b) => b.value));
      sections.innerHTML = html;
      sections.querySelectorAll('input[name="ids"]').forEach((b) => (b.checked = keep.has(b.value)));
      sections.querySelectorAll('input[name="all_matching"]').forEach((b) => (b.checked = keepAll.has(b.value)));
      updateCount();
    } catch (_) { /* offline for a moment: the next change tries again */ }
  }
  if (sections && sections.dataset.events && "EventSource" in window) {
    let version = sections.dataset.version;
    new EventSource(sections.dataset.events).addEventListener("version", (e) => {
      if (e.data !== version) {
        version = e.data;
        refresh();
      }
    });
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
