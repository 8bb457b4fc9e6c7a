// CPDb upload form: sends the details (as JSON) and the picture to POST /api/v1/cpdb/pictures with
// XMLHttpRequest so that the upload's progress can be shown, then follows the processing (cpdb-status.js)
// until the picture is ready or refused. The service's field errors (problem+json) go next to their inputs.
(function () {
  "use strict";

  const DETAIL_FIELDS = [
    "title",
    "description",
    "heading",
    "commodity_type",
    "concealment_method",
    "transport_mode",
    "country",
    "case_id",
  ];

  function start() {
    const form = document.getElementById("picture-upload");
    if (!form) return;
    const messages = JSON.parse(document.getElementById("cpdb-upload-messages").textContent);
    const summary = document.getElementById("upload-errors");
    const progress = document.getElementById("upload-progress");
    const bar = document.getElementById("upload-bar");
    const status = document.getElementById("upload-status");
    const outcome = document.getElementById("upload-outcome");
    const fileInput = form.elements.file;
    const preview = document.getElementById("upload-preview");
    const button = form.querySelector('button[type="submit"]');
    const limit = Number(form.dataset.limitBytes) || 0;
    let previewUrl = "";

    function csrfToken() {
      const meta = document.querySelector('meta[name="csrf-token"]');
      return meta ? meta.content : "";
    }

    function setState(state) {
      progress.dataset.state = state;
    }

    function setBusy(busy) {
      button.disabled = busy;
      button.setAttribute("aria-busy", busy ? "true" : "false");
    }

    function details() {
      const chosen = form.querySelector('input[name="kind"]:checked');
      const result = { kind: chosen ? chosen.value : "" };
      for (const name of DETAIL_FIELDS) {
        const value = form.elements[name].value.trim();
        if (value) result[name] = value;
      }
      const tags = form.elements.tags.value
        .split(",")
        .map((tag) => tag.trim())
        .filter(Boolean);
      if (tags.length) result.tags = tags;
      return result;
    }

    // "details.tags[2]" -> "details.tags", "details.title" -> "details.title", "file" -> "file"
    function slotKey(field) {
      const name = field.replace(/^details\./, "").replace(/\[\d+\]$/, "").split(".")[0];
      return name === "file" ? "file" : `details.${name}`;
    }

    function controlFor(key) {
      const name = key.replace(/^details\./, "");
      const control = form.elements[name];
      return control && control.tagName ? control : null; // radio groups have no single control
    }

    function clearErrors() {
      summary.hidden = true;
      summary.replaceChildren();
      for (const slot of form.querySelectorAll("[data-error-for]")) {
        slot.hidden = true;
        slot.textContent = "";
        const control = controlFor(slot.dataset.errorFor);
        if (control) {
          control.removeAttribute("aria-invalid");
          const described = (control.getAttribute("aria-describedby") || "")
            .split(" ")
            .filter((id) => id && id !== slot.id);
          if (described.length) control.setAttribute("aria-describedby", described.join(" "));
          else control.removeAttribute("aria-describedby");
        }
      }
    }

    function showErrors(detail, errors) {
      const unplaced = [];
      let first = null;
      for (const error of errors) {
        const key = slotKey(String(error.field || ""));
        const slot = form.querySelector(`[data-error-for="${key}"]`);
        if (!slot) {
          unplaced.push(error);
          continue;
        }
        slot.id = slot.id || `error-${key.replace(/[^A-Za-z0-9_-]/g, "-")}`;
        slot.textContent = slot.textContent ? `${slot.textContent}; ${error.message}` : String(error.message);
        slot.hidden = false;
        const control = controlFor(key);
        if (control) {
          control.setAttribute("aria-invalid", "true");
          const described = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
          if (!described.includes(slot.id)) control.setAttribute("aria-describedby", [...described, slot.id].join(" "));
          first = first || control;
        }
      }
      const lead = document.createElement("p");
      lead.textContent = errors.length > unplaced.length ? messages.fix : `${messages.failed} ${detail}`;
      summary.append(lead);
      if (unplaced.length) {
        const list = document.createElement("ul");
        for (const error of unplaced) {
          const item = document.createElement("li");
          item.textContent = error.field ? `${error.field}: ${error.message}` : String(error.message);
          list.append(item);
        }
        summary.append(list);
      }
      summary.hidden = false;
      (first || summary).focus();
    }

    function showOutcome(picture) {
      outcome.replaceChildren();
      if (picture.status === "PICTURE_STATUS_READY") {
        const link = document.createElement("a");
        link.href = form.dataset.pictureUrl.replace("__id__", encodeURIComponent(picture.id));
        link.textContent = messages.open;
        link.dataset.testid = "uploaded-picture-link";
        outcome.append(link);
      } else if (picture.status_reason) {
        const reason = document.createElement("strong");
        reason.textContent = picture.status_reason;
        reason.dataset.testid = "rejection-reason";
        outcome.append(reason);
      }
      const again = document.createElement("a");
      again.href = window.location.pathname;
      again.textContent = messages.another;
      again.className = "secondary";
      outcome.append(" · ", again);
      outcome.hidden = false;
    }

    function followProcessing(picture, location) {
      setState("processing");
      bar.removeAttribute("value"); // indeterminate while the worker processes it
      status.textContent = messages.uploaded;
      window.CpdbStatus.follow(location, {
        retry: () => {
          status.textContent = messages.waiting;
        },
        fail: (code) => {
          setState("failed");
          status.textContent = `${messages.failed} HTTP ${code}`;
          setBusy(false);
        },
        done: (done) => {
          // The form stays disabled: "upload another picture" starts afresh.
          button.setAttribute("aria-busy", "false");
          bar.value = 100;
          const state = done.status.replace("PICTURE_STATUS_", "").toLowerCase();
          setState(state);
          status.textContent =
            state === "ready" ? messages.ready : state === "rejected" ? messages.rejected : messages.withdrawn;
          showOutcome(done);
        },
      });
    }

    function parse(text) {
      try {
        return JSON.parse(text);
      } catch (error) {
        return null;
      }
    }

    fileInput.addEventListener("change", () => {
      if (previewUrl) URL.revokeObjectURL(previewUrl);
      previewUrl = "";
      const file = fileInput.files[0];
      // Browsers cannot show TIFF: no preview for it (the service renders one after the upload).
      if (file && /^image\/(jpeg|png|webp)$/.test(file.type)) {
        previewUrl = URL.createObjectURL(file);
        preview.src = previewUrl;
        preview.hidden = false;
      } else {
        preview.hidden = true;
        preview.removeAttribute("src");
      }
    });

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearErrors();
      outcome.hidden = true;
      const file = fileInput.files[0];
      if (!file) {
        showErrors("", [{ field: "file", message: messages.no_file }]);
        return;
      }
      if (limit && file.size > limit) {
        showErrors("", [{ field: "file", message: messages.too_large }]);
        return;
      }
      const data = new FormData();
      data.append("details", JSON.stringify(details())); // before the file: the gateway streams the file on
      data.append("file", file, file.name);

      const xhr = new XMLHttpRequest();
      xhr.open("POST", form.dataset.uploadUrl);
      xhr.setRequestHeader("X-CSRF-Token", csrfToken());
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", (progressEvent) => {
        if (!progressEvent.lengthComputable) return;
        const percent = Math.min(100, Math.round((progressEvent.loaded * 100) / progressEvent.total));
        bar.value = percent;
        status.textContent = messages.uploading.replace("{percent}", String(percent));
      });
      xhr.addEventListener("load", () => {
        const body = parse(xhr.responseText);
        if (xhr.status === 202 && body && body.id) {
          bar.value = 100;
          followProcessing(body, xhr.getResponseHeader("Location") || `${form.dataset.uploadUrl}/${body.id}`);
          return;
        }
        setState("failed");
        setBusy(false);
        progress.hidden = true;
        const detail = body && body.detail ? body.detail : `HTTP ${xhr.status}`;
        showErrors(detail, (body && body.errors) || []);
      });
      xhr.addEventListener("error", () => {
        setState("failed");
        setBusy(false);
        progress.hidden = true;
        showErrors(messages.network, []);
      });

      setBusy(true);
      setState("uploading");
      progress.hidden = false;
      bar.value = 0;
      status.textContent = messages.uploading.replace("{percent}", "0");
      xhr.send(data);
    });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
