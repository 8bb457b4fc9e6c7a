// CEN case entry form: commodity types follow the chosen heading, a commodity type suggests its unit and HS
// code, and commodity and offender lines can be added and removed. The form works without it (all types shown).
(function () {
  "use strict";

  function filterCommodityTypes(row) {
    const heading = row.querySelector('[data-role="heading"]');
    const types = row.querySelector('[data-role="commodity-type"]');
    if (!heading || !types) return;
    for (const group of types.querySelectorAll("optgroup")) {
      const shown = !heading.value || group.dataset.heading === heading.value;
      group.hidden = !shown;
      group.disabled = !shown;
    }
    const chosen = types.selectedOptions[0];
    if (chosen && chosen.parentElement && chosen.parentElement.disabled) {
      types.value = "";
    }
  }

  function suggestFromCommodityType(row) {
    const types = row.querySelector('[data-role="commodity-type"]');
    const chosen = types && types.selectedOptions[0];
    if (!chosen || !chosen.value) return;
    const unit = row.querySelector('[data-role="unit"]');
    if (unit && !unit.value && chosen.dataset.unit) unit.value = chosen.dataset.unit;
    const hs = row.querySelector('[data-role="hs-code"]');
    if (hs && !hs.value && chosen.dataset.hs) hs.value = chosen.dataset.hs;
    const heading = row.querySelector('[data-role="heading"]');
    const group = chosen.parentElement;
    if (heading && !heading.value && group && group.dataset.heading) {
      heading.value = group.dataset.heading;
      filterCommodityTypes(row);
    }
  }

  function renumber(list) {
    list.querySelectorAll("[data-row]").forEach((row, index) => {
      const number = row.querySelector(".row-number");
      if (number) number.textContent = String(index + 1);
    });
  }

  function addRow(form, name) {
    const template = form.querySelector(`template[data-row-template="${name}"]`);
    const list = form.querySelector(`[data-row-list="${name}"]`);
    if (!template || !list) return;
    // Indices only need to be unique: the server renumbers the lines it receives.
    const used = Array.from(list.querySelectorAll("[data-row]")).map((row) => Number(row.dataset.index) || 0);
    const index = used.length ? Math.max(...used) + 1 : 0;
    const html = template.innerHTML.replaceAll("__i__", String(index));
    const holder = document.createElement("div");
    holder.innerHTML = html;
    const row = holder.firstElementChild;
    list.appendChild(row);
    filterCommodityTypes(row);
    renumber(list);
    const first = row.querySelector("select, input");
    if (first) first.focus();
  }

  // Transit countries are one select each, so their order is the order entered; a new one copies the last.
  function addTransit(form) {
    const list = form.querySelector("[data-transit-list]");
    const last = list && list.lastElementChild;
    if (!last) return;
    const copy = last.cloneNode(true);
    const index = list.children.length;
    const select = copy.querySelector("select");
    select.id = `transit_countries-${index}`;
    select.value = "";
    select.removeAttribute("aria-invalid");
    select.removeAttribute("aria-describedby");
    copy.setAttribute("for", select.id);
    copy.querySelectorAll(".field-error").forEach((error) => error.remove());
    copy.firstChild.textContent = copy.firstChild.textContent.replace(/\d+/, String(index + 1));
    list.appendChild(copy);
    select.focus();
  }

  function setUp(form) {
    form.querySelectorAll('[data-row="commodities"]').forEach(filterCommodityTypes);
    form.querySelectorAll("[data-row-list]").forEach(renumber);
    form.addEventListener("change", (event) => {
      const row = event.target.closest('[data-row="commodities"]');
      if (!row) return;
      if (event.target.matches('[data-role="heading"]')) filterCommodityTypes(row);
      if (event.target.matches('[data-role="commodity-type"]')) suggestFromCommodityType(row);
    });
    form.addEventListener("click", (event) => {
      if (event.target.closest('[data-action="add-transit"]')) {
        addTransit(form);
        return;
      }
      const add = event.target.closest('[data-action="add-row"]');
      if (add) {
        addRow(form, add.dataset.target);
        return;
      }
      const remove = event.target.closest('[data-action="remove-row"]');
      if (remove) {
        const row = remove.closest("[data-row]");
        const list = row && row.parentElement;
        if (row) row.remove();
        if (list) renumber(list);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".case-form").forEach(setUp);
  });
})();
