// One key per decision on the quality-check screen: P passes, 1–9 toggle
// reasons, N writes a note, R requests a new photo. Keys typed into the note
// stay in the note.
(function () {
  var form = document.getElementById("qc-form");
  if (!form) return;
  var note = document.getElementById("qc-note");
  var busy = false;
  function submit(button) {
    if (busy) return;
    busy = true;
    form.classList.add("sending");
    form.requestSubmit(button);
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t === note || (t && (t.tagName === "INPUT" && t.type === "text"))) {
      if (e.key === "Escape") note.blur();
      return;
    }
    var k = e.key.toLowerCase();
    if (k === "p") {
      e.preventDefault();
      submit(document.getElementById("qc-pass"));
    } else if (k === "r") {
      e.preventDefault();
      submit(document.getElementById("qc-reject"));
    } else if (k === "n") {
      e.preventDefault();
      note.focus();
    } else if (/^[1-9]$/.test(k)) {
      var box = form.querySelector('input[data-key="' + k + '"]');
      if (box) {
        e.preventDefault();
        box.checked = !box.checked;
      }
    }
  });
})();
