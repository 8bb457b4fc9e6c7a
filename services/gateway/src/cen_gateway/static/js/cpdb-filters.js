// CPDb forms: the commodity types offered follow the chosen heading (gallery filters and upload form alike).
// Without this script every commodity type stays on offer and the service checks the pair.
(function () {
  "use strict";

  function narrow(form) {
    const heading = form.querySelector('[data-role="heading"]');
    const types = form.querySelector('[data-role="commodity-type"]');
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

  function chooseHeadingOf(form) {
    // A commodity type picked first selects its heading.
    const heading = form.querySelector('[data-role="heading"]');
    const types = form.querySelector('[data-role="commodity-type"]');
    const chosen = types && types.selectedOptions[0];
    const group = chosen && chosen.value ? chosen.parentElement : null;
    if (heading && !heading.value && group && group.dataset.heading) {
      heading.value = group.dataset.heading;
      narrow(form);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const heading of document.querySelectorAll('[data-role="heading"]')) {
      const form = heading.form;
      if (!form) continue;
      narrow(form);
      heading.addEventListener("change", () => narrow(form));
      const types = form.querySelector('[data-role="commodity-type"]');
      if (types) types.addEventListener("change", () => chooseHeadingOf(form));
    }
  });
})();
