// Forms whose work takes a moment (a hand-in is rendered, a photo checked)
// say so while the request runs, and cannot be sent twice by a second
// click. `data-busy` holds the words to show.
document.querySelectorAll("form[data-busy]").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    if (form.getAttribute("aria-busy") === "true") {
      event.preventDefault();
      return;
    }
    form.setAttribute("aria-busy", "true");
    var button = form.querySelector("button[type=submit], button:not([type])");
    if (button) {
      button.disabled = true;
      button.textContent = form.getAttribute("data-busy");
    }
    var progress = document.createElement("progress");
    progress.setAttribute("aria-label", form.getAttribute("data-busy"));
    form.appendChild(progress);
  });
});
