// Live preview of the style being added: background, shape and outline.
(function () {
  "use strict";
  const form = document.querySelector("[data-style-form]");
  if (!form) return;
  const box = form.querySelector("[data-preview-box]");
  function update() {
    const bg = form.querySelector('input[name="background_id"]:checked');
    const shape = form.querySelector('input[name="shape"]:checked');
    box.style.setProperty("--bg", bg ? "url('" + bg.dataset.preview + "')" : "none");
    box.style.setProperty("--bgc", form.background_color.value);
    box.style.setProperty("--oc", form.outline_color.value);
    box.style.setProperty("--ow", (parseInt(form.outline_width.value, 10) || 0) + "px");
    box.classList.remove("square", "rounded", "circle");
    box.classList.add(shape ? shape.value : "square");
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
})();
