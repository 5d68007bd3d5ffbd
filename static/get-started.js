// The Get started form: the browser's time zone for the new team's dates,
// and the tier that applies to the quantity typed, highlighted.
(() => {
  const form = document.querySelector("[data-get-started]");
  if (!form) return;
  const zone = form.querySelector("[data-timezone]");
  try {
    zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (_) {
    zone.value = "";
  }
  const qty = form.querySelector("input[name=quantity]");
  const rows = [...form.querySelectorAll("tr[data-up-to]")];
  const mark = () => {
    const n = parseInt(qty.value, 10);
    const row = rows.find((r) => n >= 1 && n <= parseInt(r.dataset.upTo, 10));
    rows.forEach((r) => r.classList.toggle("current", r === row));
  };
  qty.addEventListener("input", mark);
  mark();
})();
