// Forms whose work takes a moment (a hand-in is rendered, a photo checked)
// say so while the request runs, and cannot be sent twice by a second
// click (`data-busy` holds the words to show). Forms that cannot be undone
// ask first (`data-confirm` holds the question). Listening on the document
// keeps this working for forms the dashboard's live refresh puts in later.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  var question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
    return;
  }
  var busy = form.getAttribute("data-busy");
  if (!busy) return;
  if (form.getAttribute("aria-busy") === "true") {
    event.preventDefault();
    return;
  }
  form.setAttribute("aria-busy", "true");
  var button = form.querySelector("button[type=submit], button:not([type])");
  if (button) {
    button.dataset.label = button.textContent;
    button.disabled = true;
    button.textContent = busy;
  }
  var progress = document.createElement("progress");
  progress.setAttribute("aria-label", busy);
  form.appendChild(progress);
});

// Back to a page the browser kept in memory: the forms are usable again.
window.addEventListener("pageshow", function (event) {
  if (!event.persisted) return;
  document.querySelectorAll("form[aria-busy=true]").forEach(function (form) {
    form.removeAttribute("aria-busy");
    var button = form.querySelector("button[disabled]");
    if (button) {
      button.disabled = false;
      if (button.dataset.label) button.textContent = button.dataset.label;
    }
    form.querySelectorAll("progress").forEach(function (p) { p.remove(); });
  });
});
