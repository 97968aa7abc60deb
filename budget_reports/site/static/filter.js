// Filters the index's rows in the browser: no server, no network.
(function () {
  "use strict";
  const rows = Array.from(document.querySelectorAll("#reports tbody tr"));
  const field = (id) => document.getElementById(id);
  const inputs = ["filter-text", "filter-year", "filter-kind", "filter-stage", "filter-status", "filter-errors"].map(field);

  function apply() {
    const text = field("filter-text").value.trim().toLowerCase();
    const wanted = {
      year: field("filter-year").value,
      kind: field("filter-kind").value,
      stage: field("filter-stage").value,
      status: field("filter-status").value,
    };
    const errorsOnly = field("filter-errors").checked;
    let shown = 0;
    for (const row of rows) {
      const visible =
        (!text || row.textContent.toLowerCase().includes(text)) &&
        Object.entries(wanted).every(([key, value]) => !value || row.dataset[key] === value) &&
        (!errorsOnly || Number(row.dataset.errors) > 0);
      row.hidden = !visible;
      if (visible) shown += 1;
    }
    field("filter-count").textContent = shown + " / " + rows.length + " 份报告";
  }

  for (const input of inputs) input.addEventListener("input", apply);
  apply();
})();
