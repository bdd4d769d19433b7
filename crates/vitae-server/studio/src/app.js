// vitae studio: the page's own script. It draws the app, talks to the `/v1` API (the same one
// every client uses) and loads the editor bundle once the page is on screen.

const $ = (id) => document.getElementById(id);
const EDITOR = "/studio/assets/editor.js";

const state = {
  csrf: "",
  mode: "file",
  source: "",
  format: "yaml",
  version: null, // the file's version, or the stored resume's ETag
  resumeId: null,
  saved: "",
  editor: null,
  lib: null,
  pendingSince: null,
  compareController: null,
  // Which document is open: a save started for one never lands on another.
  document: 0,
};

// Published for the browser tests and for anyone curious: when the preview last changed and
// how long that took from the first keystroke it answers.
window.vitaeStudio = { previews: 0, lastPreviewMs: null, ready: false, problems: [], pages: [] };

// --- talking to the API --------------------------------------------------------------------------

async function api(path, { method = "GET", body, type, headers = {}, signal } = {}) {
  const h = { ...headers };
  if (method !== "GET") h["X-CSRF-Token"] = state.csrf;
  if (type) h["Content-Type"] = type;
  const response = await fetch(path, { method, body, headers: h, signal, credentials: "same-origin" });
  if (response.status === 401) {
    signedOut();
    throw new Error("signed out");
  }
  return response;
}

// The session ended (expired, signed out elsewhere, the key revoked). Unsaved text is never
// thrown away by a redirect: the person is told, and goes when they choose.
function signedOut() {
  state.signedOut = true;
  const unsaved = state.source !== state.saved;
  if (state.mode === "store" && !unsaved) {
    location.assign("/studio/sign-in");
    return;
  }
  $("save-state").textContent = state.mode === "file"
    ? "The session has ended: restart vitae studio (your unsaved text is still here; copy it first)"
    : "Signed out: copy your unsaved changes, then sign in again";
}

async function problem(response) {
  try {
    return await response.json();
  } catch {
    return { detail: `${response.status} ${response.statusText}`, errors: [] };
  }
}

function sourceType() {
  return state.format === "json" ? "application/json" : "application/yaml";
}

function detectFormat(text) {
  return text.trimStart().startsWith("{") ? "json" : "yaml";
}

// --- the source ----------------------------------------------------------------------------------

async function loadSource() {
  if (state.mode === "file") {
    const r = await api("/studio/file");
    if (!r.ok) throw new Error((await problem(r)).detail);
    const f = await r.json();
    $("doc-name").textContent = f.name;
    state.version = f.version;
    return f.text;
  }
  // The tenant's stored resumes, to choose from; the newest opens first, or a new one.
  const list = await (await api("/v1/resumes?limit=100")).json();
  const items = list.items || [];
  const pick = $("resume-pick");
  pick.hidden = false;
  pick.replaceChildren(new Option("New resume", ""), ...items.map((r) => new Option(r.name || r.id, r.id)));
  // Listings run oldest first: the newest of the first hundred is the last.
  const chosen = state.resumeId ?? (items.length ? items[items.length - 1].id : null);
  pick.value = chosen || "";
  return openStored(chosen);
}

async function openStored(id) {
  state.resumeId = id || null;
  if (!id) {
    $("doc-name").textContent = "new resume";
    state.version = null;
    return "contact:\n  name: Your Name\n  email: you@example.com\nsummary: >-\n  One line about you.\nexperience: []\n";
  }
  const r = await api(`/v1/resumes/${encodeURIComponent(id)}?format=yaml`);
  state.version = r.headers.get("ETag");
  $("doc-name").textContent = $("resume-pick").selectedOptions[0]?.textContent || id;
  return await r.text();
}

let saveTimer = null;
function scheduleSave() {
  clearTimeout(saveTimer);
  $("save-state").textContent = "Unsaved changes";
  saveTimer = setTimeout(save, 700);
}

/**
 * `work` run one call at a time: a call made while it runs asks for one more run when it ends
 * (many calls meanwhile, one more run). `idle()` waits until nothing runs.
 */
function singleFlight(work) {
  let running = null;
  let again = false;
  const run = () => {
    if (running) {
      again = true;
      return running;
    }
    running = Promise.resolve().then(work).finally(() => {
      running = null;
      if (again) {
        again = false;
        run();
      }
    });
    return running;
  };
  run.idle = async () => {
    while (running) await running;
  };
  // Nothing running and nothing asked for again (the two are cleared together).
  run.busy = () => running !== null;
  return run;
}

// One save at a time; an edit made while one runs is saved when it returns, over the version
// that save produced (two saves of one version would refuse each other).
const save = singleFlight(async () => {
  try {
    await saveOnce();
  } catch (e) {
    if (!state.signedOut) $("save-state").textContent = `Not saved: ${e.message}`;
  }
});

function savedAs(text) {
  state.saved = text;
  $("save-state").textContent = state.source === text ? "Saved" : "Unsaved changes";
}

async function saveOnce() {
  const text = state.source;
  const opened = state.document;
  if (text === state.saved || state.signedOut || state.conflict) {
    if (text === state.saved) $("save-state").textContent = "Saved";
    return;
  }
  if (state.mode === "file") {
    const r = await api("/studio/file", {
      method: "PUT", body: text, type: sourceType(), headers: { "If-Match": state.version },
    });
    if (r.ok) {
      state.version = (await r.json()).version;
      savedAs(text);
    } else if (r.status === 412) {
      conflict();
    } else {
      $("save-state").textContent = `Not saved: ${(await problem(r)).detail}`;
    }
    return;
  }
  // Stored resumes keep only valid documents: an invalid one waits for the fix (the next clean
  // preview saves it).
  if (window.vitaeStudio.problems.some((p) => p.severity !== "warning")) {
    $("save-state").textContent = "Not saved until the errors are fixed";
    return;
  }
  const name = $("doc-name").textContent || "resume";
  const r = state.resumeId
    ? await api(`/v1/resumes/${encodeURIComponent(state.resumeId)}?name=${encodeURIComponent(name)}`, {
      method: "PUT", body: text, type: sourceType(), headers: { "If-Match": state.version },
    })
    : await api(`/v1/resumes?name=${encodeURIComponent(name)}`, { method: "POST", body: text, type: sourceType() });
  if (opened !== state.document) return;
  if (r.ok) {
    const meta = await r.json();
    state.resumeId = meta.id || state.resumeId;
    state.version = r.headers.get("ETag");
    const pick = $("resume-pick");
    if (state.resumeId && ![...pick.options].some((o) => o.value === state.resumeId)) {
      pick.append(new Option(name, state.resumeId));
      pick.value = state.resumeId;
    }
    savedAs(text);
  } else if (r.status === 412) {
    conflict();
  } else {
    $("save-state").textContent = `Not saved: ${(await problem(r)).detail}`;
  }
}

// Someone else changed the source since it was read (another editor, git, another tab): nothing
// is overwritten or thrown away until the person chooses.
function conflict() {
  state.conflict = true;
  const box = $("conflict");
  const theirs = el("button", { type: "button" }, "Load the saved version (drop my changes)");
  const mine = el("button", { type: "button", className: "quiet" }, "Keep mine (overwrite the saved version)");
  theirs.addEventListener("click", async () => {
    const text = await loadSource();
    state.conflict = false;
    box.replaceChildren();
    state.editor.setText(text);
    state.source = text;
    savedAs(text);
    schedulePreview();
  });
  mine.addEventListener("click", async () => {
    // The version now saved, so the next save replaces exactly it.
    const now = state.mode === "file"
      ? (await (await api("/studio/file")).json()).version
      : (await api(`/v1/resumes/${encodeURIComponent(state.resumeId)}`)).headers.get("ETag");
    state.version = now;
    state.conflict = false;
    box.replaceChildren();
    save();
  });
  box.replaceChildren(el("p", { role: "alert" }, "The saved source changed since you opened it. "), theirs, mine);
  $("save-state").textContent = "Not saved: changed elsewhere";
}

window.addEventListener("beforeunload", (e) => {
  if (state.source !== state.saved) e.preventDefault();
});

// Set while the form writes into the editor, so the form is not redrawn under the person typing.
let formWriting = false;

function sourceChanged(text, { fromForm = formWriting } = {}) {
  state.source = text;
  const format = detectFormat(text);
  if (format !== state.format) {
    state.format = format;
    state.editor && state.editor.setFormat(format);
  }
  if (state.pendingSince === null) state.pendingSince = performance.now();
  schedulePreview();
  scheduleSave();
  if (!fromForm && !$("form-view").hidden) drawForm();
}

// --- the preview ---------------------------------------------------------------------------------

// One preview in flight at a time: an edit while it runs asks for one more when it returns,
// so a keystroke on an idle page is sent at once, a burst of keys costs at most two renders,
// and the server never renders a text that is already stale.
const schedulePreview = singleFlight(preview);
// Whether a preview is on its way (tests wait for the page to show the text they typed).
window.vitaeStudio.previewBusy = () => schedulePreview.busy();

// PNG pages at the screen's own resolution: a browser draws them in a few milliseconds, where
// an SVG page of thousands of glyphs takes tens.
function pageDpi() {
  const width = $("pages").clientWidth || 600;
  const dpi = (96 * width * (window.devicePixelRatio || 1)) / 794;
  return String(Math.max(40, Math.min(300, Math.round(dpi))));
}

function options(variant) {
  const q = new URLSearchParams();
  const v = variant ?? $("variant").value;
  if (v) q.set("variant", v);
  if ($("theme").value) q.set("theme", $("theme").value);
  if ($("locale").value) q.set("locale", $("locale").value);
  return q;
}

function previewOptions(variant) {
  const q = options(variant);
  q.set("image", "png");
  q.set("dpi", pageDpi());
  return q;
}

async function preview() {
  const started = state.pendingSince ?? performance.now();
  state.pendingSince = null;
  const asked = performance.now();
  let r;
  try {
    r = await api(`/v1/preview?${previewOptions()}`, {
      method: "POST", body: state.source, type: sourceType(),
    });
  } catch (e) {
    $("preview-state").textContent = `The preview failed: ${e.message}`;
    return;
  }
  if (!r.ok) {
    const p = await problem(r);
    const errors = (p.errors || []).map((e) => ({ ...e, severity: e.severity || "error" }));
    showProblems(errors.length ? errors : [{ line: 0, column: 0, severity: "error", message: p.detail, path: "" }]);
    $("preview-state").textContent = `Not updated: ${errors.length || 1} problem${errors.length > 1 ? "s" : ""} to fix (the last good preview is shown)`;
    return;
  }
  const body = await r.json();
  window.vitaeStudio.lastFetchMs = performance.now() - asked;
  showProblems(body.warnings || []);
  fillVariants(body.variants, body.variant);
  await showPages($("pages"), body.pages, "Page");
  state.lines = body.lines || [];
  state.pageSizes = body.page_sizes || [];
  drawMarks();
  window.vitaeStudio.pages = body.pages;
  const ms = performance.now() - started;
  window.vitaeStudio.previews += 1;
  window.vitaeStudio.lastPreviewMs = ms;
  $("preview-state").textContent = `${body.pages.length} page${body.pages.length > 1 ? "s" : ""} · ${body.variant}`;
  // A stored resume waits for a clean preview to be saved.
  if (state.mode === "store" && state.source !== state.saved) scheduleSave();
  if ($("compare").value) comparePreview();
}

async function comparePreview() {
  const other = $("compare").value;
  const box = $("compare-pages");
  box.hidden = !other;
  $("preview").classList.toggle("comparing", Boolean(other));
  if (!other) {
    $("variant-diff").replaceChildren();
    return;
  }
  state.compareController && state.compareController.abort();
  state.compareController = new AbortController();
  try {
    const r = await api(`/v1/preview?${previewOptions(other)}`, {
      method: "POST", body: state.source, type: sourceType(), signal: state.compareController.signal,
    });
    if (r.ok) await showPages(box, (await r.json()).pages, `${other}, page`);
    await variantDiff(other);
  } catch (e) {
    if (e.name !== "AbortError") throw e;
  }
}

// What the two variants show differently, line by line, from their plain-text renderings.
async function variantDiff(other) {
  const text = async (variant) => {
    const r = await api(`/v1/render/txt?${options(variant)}`, {
      method: "POST", body: state.source, type: sourceType(), signal: state.compareController.signal,
    });
    return r.ok ? r.text() : "";
  };
  const [mine, theirs] = await Promise.all([text($("variant").value), text(other)]);
  if (!state.lib) return;
  const parts = state.lib.lineDiff(mine, theirs).filter((p) => p.added || p.removed);
  $("variant-diff").replaceChildren(
    el("h3", {}, `${$("variant").value} → ${other}: ${parts.length ? "what changes" : "no difference in the text"}`),
    el("pre", { className: "diff", tabIndex: 0, ariaLabel: "Lines only one variant shows" },
      ...parts.map((p) => el(p.added ? "ins" : "del", {}, p.value))),
  );
}

// Pages are images: replacing each image's source in place keeps the reader's scroll position.
// Each stands in a frame of its own that also holds the marks drawn over it.
async function showPages(box, pages, label) {
  const frames = [...box.querySelectorAll(".page-frame")];
  const decoded = [];
  pages.forEach((png, i) => {
    let frame = frames[i];
    if (!frame) {
      frame = el("div", { className: "page-frame" }, el("img", { className: "page" }), el("div", { className: "marks" }));
      box.append(frame);
    }
    const img = frame.querySelector("img");
    img.alt = `${label} ${i + 1} of ${pages.length}`;
    // A page the edit did not change keeps its image: no new decode for it.
    if (img.png === png) return;
    img.png = png;
    img.src = `data:image/png;base64,${png}`;
    decoded.push(img.decode().catch(() => {}));
  });
  frames.slice(pages.length).forEach((f) => f.remove());
  await Promise.all(decoded);
}

const squash = (t) => t.toLowerCase().replace(/[^\p{L}\p{N}%$]+/gu, " ").trim();

// Marks the lines of the preview that belong to the job's matched bullets: a line is marked
// when its text (without the bullet sign, a hyphen at a break) stands in a matched bullet.
function drawMarks() {
  const frames = [...$("pages").querySelectorAll(".page-frame")];
  const wanted = (state.highlights || []).map(squash).filter(Boolean);
  let count = 0;
  frames.forEach((frame, page) => {
    const marks = frame.querySelector(".marks");
    const size = (state.pageSizes || [])[page];
    const boxes = [];
    if (size && wanted.length) {
      for (const line of state.lines.filter((l) => l.page === page)) {
        const text = squash(line.text.replace(/-$/, ""));
        if (text.length < 12 || !wanted.some((w) => w.includes(text))) continue;
        const box = el("div", { className: "mark-box" });
        box.style.left = `${(100 * line.x) / size[0]}%`;
        box.style.top = `${(100 * line.top) / size[1]}%`;
        box.style.width = `${(100 * line.width) / size[0]}%`;
        box.style.height = `${(100 * line.height) / size[1]}%`;
        boxes.push(box);
      }
    }
    count += boxes.length;
    marks.replaceChildren(...boxes);
  });
  window.vitaeStudio.markedLines = count;
}

function showProblems(problems) {
  window.vitaeStudio.problems = problems;
  state.editor && state.editor.setProblems(problems);
  const list = $("problems");
  list.replaceChildren(...problems.map((p) => {
    const li = document.createElement("li");
    li.className = p.severity === "warning" ? "warning" : "error";
    const where = p.line ? `Line ${p.line}${p.column ? `:${p.column}` : ""}` : "";
    const what = `${where ? `${where} — ` : ""}${p.message}${p.hint ? ` (${p.hint})` : ""}`;
    li.dataset.line = String(p.line || 0);
    if (p.line && state.editor) {
      // A finding takes the cursor to its place.
      const go = el("button", { type: "button", className: "link" }, what);
      go.addEventListener("click", () => state.editor.goto(p.line, p.column || 1));
      li.append(go);
    } else {
      li.textContent = what;
    }
    return li;
  }));
  // Said once when the count changes, not on every keystroke.
  const errors = problems.filter((p) => p.severity !== "warning").length;
  const warnings = problems.length - errors;
  const summary = problems.length
    ? `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`
    : "No problems";
  if ($("problem-count").textContent !== summary) $("problem-count").textContent = summary;
}

function fillVariants(variants, shown) {
  const names = variants.variants.map((v) => v.key);
  for (const [id, blank] of [["variant", null], ["compare", "—"]]) {
    const select = $(id);
    const current = [...select.options].map((o) => o.value).filter(Boolean);
    if (current.join() === names.join()) continue;
    const value = select.value;
    select.replaceChildren(
      ...(blank ? [new Option(blank, "")] : []),
      ...variants.variants.map((v) => new Option(v.short_name === v.key ? v.key : `${v.short_name} (${v.key})`, v.key)),
    );
    select.value = names.includes(value) ? value : id === "variant" ? shown : "";
    if (id === "variant" && state.wantVariant && names.includes(state.wantVariant)) {
      select.value = state.wantVariant;
      state.wantVariant = null;
      schedulePreview();
    }
  }
}

// --- the form ------------------------------------------------------------------------------------

function drawForm() {
  const form = $("form");
  if (!state.lib) return;
  const model = state.lib.formFields(state.source);
  if (model.error) {
    form.replaceChildren(Object.assign(document.createElement("p"), {
      className: "error", textContent: `The source cannot be read as a form until line ${model.line} is fixed: ${model.error}`,
    }));
    return;
  }
  const focused = document.activeElement && document.activeElement.dataset.path;
  const fieldsets = model.groups.map((group) => {
    const set = document.createElement("fieldset");
    set.append(Object.assign(document.createElement("legend"), { textContent: group.section }));
    for (const f of group.fields) {
      const id = `f-${f.path.replace(/[^A-Za-z0-9]+/g, "-")}`;
      const label = Object.assign(document.createElement("label"), { htmlFor: id, textContent: f.path });
      const input = document.createElement(f.multiline ? "textarea" : "input");
      input.id = id;
      input.value = f.value;
      input.dataset.path = f.path;
      input.addEventListener("input", () => {
        // Positions move as the text changes: read them again for every edit.
        const now = state.lib.formFields(state.source);
        const found = now.groups && now.groups.flatMap((g) => g.fields).find((x) => x.path === f.path);
        if (!found) return;
        // The kind the value had when the form was drawn: a number being retyped is still a
        // number while its field is empty or half typed.
        const field = { ...found, kind: f.kind };
        const next = state.lib.setField(state.source, field, input.value, now.json);
        formWriting = true;
        try {
          state.editor.setText(next);
        } finally {
          formWriting = false;
        }
      });
      set.append(label, input);
    }
    for (const list of group.lists) {
      const add = el("button", { type: "button", className: "quiet add-item" }, `Add to ${list}`);
      add.dataset.list = list;
      add.addEventListener("click", () => {
        const next = state.lib.addItem(state.source, list);
        if (next === state.source) return;
        state.editor.setText(next);
        drawForm();
        // The new item's first field, ready to type in.
        const fields = [...$("form").querySelectorAll("[data-path]")].filter((f) => f.dataset.path.startsWith(list));
        const last = fields[fields.length - 1];
        const firstOfItem = last && fields.find((f) => f.dataset.path.startsWith(last.dataset.path.replace(/(\[\d+\])[^[]*$/, "$1")));
        (firstOfItem || last)?.focus();
      });
      set.append(add);
    }
    return set;
  });
  form.replaceChildren(...fieldsets);
  if (focused) {
    const again = form.querySelector(`[data-path="${CSS.escape(focused)}"]`);
    again && again.focus();
  }
}

// --- downloads -----------------------------------------------------------------------------------

function saveBlob(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

function fileName(response, fallback) {
  const d = response.headers.get("Content-Disposition") || "";
  const m = /filename="?([^";]+)"?/.exec(d);
  return m ? m[1] : fallback;
}

async function download() {
  const format = $("format").value;
  const r = await api(`/v1/render/${format}?${options()}`, {
    method: "POST", body: state.source, type: sourceType(),
  });
  if (!r.ok) {
    $("preview-state").textContent = `Download failed: ${(await problem(r)).detail}`;
    return;
  }
  saveBlob(await r.blob(), fileName(r, `resume.${format}`));
}

// --- job fit -------------------------------------------------------------------------------------

function fitBody(extra = {}) {
  const parsed = state.lib.toData(state.source);
  if (parsed.error) throw new Error(`the source cannot be read: ${parsed.error}`);
  return JSON.stringify({
    resume: parsed.data,
    job_description: $("posting").value,
    variant: $("variant").value || undefined,
    theme: $("theme").value || undefined,
    ...extra,
  });
}

async function fitCall(path, extra, accept) {
  $("fit-state").textContent = "Working…";
  let body;
  try {
    body = fitBody(extra);
  } catch (e) {
    $("fit-state").textContent = `Cannot ask: ${e.message}`;
    return null;
  }
  const r = await api(path, { method: "POST", body, type: "application/json", headers: accept ? { Accept: accept } : {} });
  if (!r.ok) {
    const p = await problem(r);
    $("fit-state").textContent = `${p.title || "Failed"}: ${p.detail}`;
    return null;
  }
  $("fit-state").textContent = "";
  return r;
}

function el(tag, props = {}, ...children) {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children.filter((c) => c !== null && c !== undefined));
  return e;
}

async function score() {
  const r = await fitCall("/v1/ats/check", {});
  if (!r) return;
  const a = await r.json();
  const categories = Object.values(a.categories).map((c) => el("section", { className: "category" },
    el("h3", {}, `${c.name}: ${Math.round(c.score * 10) / 10} of ${c.weight}`),
    el("ul", {}, ...c.checks.map((k) => el("li", { className: `check ${k.status}` },
      el("strong", {}, `${k.status} — ${k.what}: `), k.detail,
      k.evidence && k.evidence.length ? el("ul", { className: "evidence" }, ...k.evidence.map((e) => el("li", {}, `${e.path}: “${e.text}”`))) : null))),
    c.suggestions.length ? el("ul", { className: "suggestions" }, ...c.suggestions.map((s) => el("li", {}, s))) : null));
  const found = a.keywords.matched.flatMap((k) => k.found).filter((f) => /bullets|highlights/.test(f.path));
  const marked = state.editor.mark([...new Set(found.map((f) => f.path))]);
  // And in the preview: the same bullets, marked on the page.
  state.highlights = [...new Set(found.map((f) => f.text))];
  drawMarks();
  $("fit-result").replaceChildren(
    el("p", { className: "score", id: "ats-score" }, el("strong", {}, `${Math.round(a.score)} / 100`), ` — ${a.summary}`),
    el("p", { id: "fit-marked" }, `Matched: ${a.keywords.matched.map((k) => k.skill).join(", ") || "none"}. ${marked} matching bullet${marked === 1 ? " is" : "s are"} marked in the source and the preview.`),
    a.keywords.missing_from_resume.length ? el("p", {}, `Asked for, not in the resume (add only if true): ${a.keywords.missing_from_resume.map((k) => k.skill).join(", ")}`) : null,
    ...categories,
  );
}

async function tailor() {
  const r = await fitCall("/v1/tailor", {});
  if (!r) return;
  const t = await r.json();
  const accepted = state.lib.acceptTailoring(state.source, t.source_yaml, t.variant_key);
  const shown = accepted.refused ? t.source_yaml : accepted.text;
  const parts = state.lib.lineDiff(accepted.refused ? "" : state.source, shown);
  const diff = el("pre", { className: "diff", id: "tailor-diff", tabIndex: 0, ariaLabel: "Changes the tailoring makes" },
    ...parts.map((p) => el(p.added ? "ins" : p.removed ? "del" : "span", {}, p.value)));
  const done = (message) => {
    const said = el("p", { tabIndex: -1, id: "fit-done" }, message);
    $("fit-result").replaceChildren(said);
    said.focus();
  };
  const actions = el("div", { className: "actions" });
  if (accepted.refused) {
    const dl = el("button", { type: "button" }, "Download the tailored source (native YAML)");
    dl.addEventListener("click", () => saveBlob(new Blob([t.source_yaml], { type: "application/yaml" }), `${t.variant_key}.yaml`));
    actions.append(dl);
  } else {
    const accept = el("button", { type: "button", id: "accept-tailoring" }, "Accept");
    const edit = el("button", { type: "button", id: "edit-tailoring" }, "Accept and edit");
    const take = (thenEdit) => {
      state.editor.setText(accepted.text);
      done(`Variant ${t.variant_key} added to the source.`);
      choose("variant", t.variant_key);
      if (thenEdit) {
        selectView("edit");
        state.editor.focus();
      }
    };
    accept.addEventListener("click", () => take(false));
    edit.addEventListener("click", () => take(true));
    actions.append(accept, edit);
  }
  const discard = el("button", { type: "button", className: "quiet" }, "Discard");
  discard.addEventListener("click", () => done("The tailoring was discarded."));
  actions.append(discard);
  $("fit-result").replaceChildren(
    el("h3", { tabIndex: -1, id: "tailor-heading" }, `Tailored variant: ${t.variant_key}`),
    el("p", {}, `Every change is drawn from the resume (${t.verification && t.verification.passed === false ? "verification found problems" : "verified"}).`),
    accepted.refused ? el("p", { className: "error" }, `Not added: ${accepted.refused}.`)
      : accepted.inPlace ? null : el("p", {}, "Accepting writes the source afresh in vitae's native layout (comments and layout are not kept)."),
    diff, actions,
  );
  $("tailor-heading").focus();
}

/** Selects `value` in a menu, once the variants list holds it. */
function choose(id, value) {
  const select = $(id);
  if ([...select.options].some((o) => o.value === value)) select.value = value;
  else state.wantVariant = value;
}

async function letter() {
  const r = await fitCall("/v1/cover-letter", { format: "txt" });
  if (!r) return;
  const l = await r.json();
  const doc = l.letter;
  const head = [...(doc.recipient || []), doc.subject, doc.greeting].filter(Boolean).join("\n");
  const foot = [doc.closing, doc.signature].filter(Boolean).join("\n");
  const area = el("textarea", { id: "letter-text", rows: 16, value: doc.paragraphs.map((p) => p.text).join("\n\n") });
  area.setAttribute("aria-describedby", "letter-findings");
  const findings = el("div", { id: "letter-findings", role: "status", ariaLive: "polite" });
  const checked = el("div", { id: "letter-checked", className: "letter-checked" });
  const paragraphs = () => area.value.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  // Every edit is checked again, as a model's letter is: what the resume does not support is
  // marked where it stands.
  let timer = null;
  let asked = 0;
  const check = async () => {
    const mine = ++asked;
    const body = JSON.parse(fitBody({ paragraphs: paragraphs(), company_name: l.company || undefined }));
    const c = await api("/v1/cover-letter/check", { method: "POST", body: JSON.stringify(body), type: "application/json" });
    if (mine !== asked) return;
    if (!c.ok) {
      findings.replaceChildren(el("p", { className: "error" }, `Not checked: ${(await problem(c)).detail}`));
      return;
    }
    const { violations } = await c.json();
    window.vitaeStudio.letterViolations = violations;
    findings.replaceChildren(violations.length
      ? el("ul", { className: "violations" }, ...violations.map((v) => el("li", {}, `Paragraph ${Number((/\[(\d+)\]/.exec(v.path) || [0, 0])[1]) + 1}: “${v.found}” — ${v.message}`)))
      : el("p", { className: "ok" }, "Every claim checks out against the resume."));
    checked.replaceChildren(...paragraphs().map((text, i) => {
      // Each finding where it stands, in the order of the text (the verifier reports them by
      // kind); overlapping ones are marked once.
      const spans = violations
        .filter((v) => v.path === `paragraphs[${i}]` && v.found)
        .map((v) => ({ at: text.indexOf(v.found), v }))
        .filter((x) => x.at >= 0)
        .sort((a, b) => a.at - b.at);
      const p = el("p");
      let cursor = 0;
      for (const { at, v } of spans) {
        if (at < cursor) continue;
        p.append(text.slice(cursor, at), el("mark", { title: v.message }, v.found));
        cursor = at + v.found.length;
      }
      p.append(text.slice(cursor));
      return p;
    }));
  };
  area.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(check, 300);
  });
  const dl = el("button", { type: "button" }, "Download as text");
  dl.addEventListener("click", () => saveBlob(
    new Blob([`${head}\n\n${paragraphs().join("\n\n")}\n\n${foot}\n`], { type: "text/plain" }),
    "cover-letter.txt",
  ));
  $("fit-result").replaceChildren(
    el("h3", {}, `Cover letter to ${l.company || "the employer"}`),
    el("p", { className: "letter-frame" }, head),
    el("label", { htmlFor: "letter-text" }, "The letter's body (checked against the resume as you edit)"),
    area,
    el("p", { className: "letter-frame" }, foot),
    el("p", {}, `Written by ${l.method}.`),
    findings,
    el("h4", {}, "As checked"),
    checked,
    dl,
  );
  check();
}

async function downloadPackage() {
  const r = await fitCall("/v1/package", {}, "application/zip");
  if (!r) return;
  saveBlob(await r.blob(), fileName(r, "package.zip"));
}

// --- applications --------------------------------------------------------------------------------

const COLUMNS = ["saved", "applied", "screening", "interview", "offer", "accepted", "rejected", "withdrawn", "no_answer"];

async function loadTracker() {
  $("track-state").textContent = "Loading…";
  const r = await api("/v1/applications?limit=100");
  if (!r.ok) {
    $("track-state").textContent = (await problem(r)).detail;
    return;
  }
  const { items } = await r.json();
  $("track-state").textContent = `${items.length} application${items.length === 1 ? "" : "s"}`;
  const today = new Date().toISOString().slice(0, 10);
  const due = items.filter((a) => a.follow_up_on && a.follow_up_on <= today);
  $("due").replaceChildren(...(due.length ? [el("h3", {}, "Follow-ups due"),
    el("ul", {}, ...due.map((a) => el("li", {}, `${a.company} — ${a.role} (since ${a.follow_up_on})`)))] : []));
  const columns = COLUMNS.map((status) => {
    const mine = items.filter((a) => a.status === status);
    return el("section", { className: "column", ariaLabel: status.replace("_", " ") },
      el("h3", {}, `${status.replace("_", " ")} (${mine.length})`),
      el("ul", {}, ...mine.map((a) => {
        const b = el("button", { type: "button", className: "card" }, `#${a.number} ${a.company}`, el("br"), el("small", {}, a.role || ""));
        b.addEventListener("click", () => showApplication(a.id));
        return el("li", {}, b);
      })));
  });
  $("board").replaceChildren(...columns);
  const an = await api("/v1/analytics/dashboard");
  if (an.ok) drawAnalytics(await an.json());
}

async function showApplication(id) {
  const a = await (await api(`/v1/applications/${encodeURIComponent(id)}`)).json();
  const docs = ["resume", "letter"].filter((k) => a.sent && a.sent[k]).map((k) => {
    const b = el("button", { type: "button" }, `${k}: ${a.sent[k].name} (${a.sent[k].size} bytes)`);
    b.addEventListener("click", async () => {
      const r = await api(`/v1/applications/${encodeURIComponent(id)}/documents/${k}`);
      if (r.ok) saveBlob(await r.blob(), a.sent[k].name);
    });
    return el("li", {}, b);
  });
  $("detail").replaceChildren(el("section", { className: "detail", ariaLabel: "Application" },
    el("h3", { tabIndex: -1, id: "detail-heading" }, `#${a.number} ${a.company} — ${a.role}`),
    el("p", {}, `Status: ${a.status}${a.applied_on ? ` · sent ${a.applied_on}` : ""}${a.follow_up_on ? ` · follow up ${a.follow_up_on}` : ""}`),
    statusForm(a),
    el("h4", {}, "Documents sent"), docs.length ? el("ul", {}, ...docs) : el("p", {}, "None recorded."),
    el("h4", {}, "History"), el("ul", {}, ...(a.history || []).map((h) => el("li", {}, `${h.on || ""} ${h.status || h.kind || ""} ${h.note || ""}`.trim()))),
    a.notes ? el("p", {}, a.notes) : null));
  $("detail-heading").focus();
  $("detail-heading").scrollIntoView({ block: "start" });
}

// Moving an application along: the moves the tracker allows are checked by the server, which
// answers 409 with the allowed ones when a move is not.
function statusForm(a) {
  const select = el("select", { id: "move-status" }, ...COLUMNS.map((c) => new Option(c.replace("_", " "), c)));
  select.value = a.status;
  const move = el("button", { type: "button", id: "move-button" }, "Move");
  const said = el("p", { role: "status" });
  move.addEventListener("click", async () => {
    const r = await api(`/v1/applications/${encodeURIComponent(a.id)}/status`, {
      method: "POST", type: "application/json", body: JSON.stringify({ status: select.value }),
      headers: { "If-Match": `"a${a.version}"` },
    });
    if (r.ok) {
      await loadTracker();
      await showApplication(a.id);
    } else {
      said.textContent = (await problem(r)).detail;
    }
  });
  return el("div", { className: "actions" }, el("label", { htmlFor: "move-status" }, "Status"), select, move, said);
}

function drawAnalytics(a) {
  const f = a.funnel;
  const steps = [["Applied", f.applied], ["Answered", f.answered], ["Interviewed", f.interviewed], ["Offered", f.offered], ["Accepted", f.accepted]];
  const max = Math.max(1, ...steps.map((s) => s[1]));
  $("analytics").replaceChildren(
    el("ul", { className: "bars", ariaLabel: "Funnel" }, ...steps.map(([name, n]) => {
      const bar = el("span", { className: "funnel-bar" });
      bar.style.width = `${(100 * n) / max}%`;
      return el("li", {}, el("span", { className: "bar-label" }, `${name}: ${n}`), bar);
    })),
    el("p", {}, `${a.total} in all · ${a.follow_ups_due} follow-up${a.follow_ups_due === 1 ? "" : "s"} due · ${a.still_waiting} still waiting`),
  );
}

// --- views and start-up --------------------------------------------------------------------------

function tabs(listId, onSelect) {
  const list = $(listId);
  const all = [...list.querySelectorAll("[role=tab]")];
  const select = (tab) => {
    for (const t of all) {
      const on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute("aria-controls")).hidden = !on;
    }
    onSelect && onSelect(tab.id);
  };
  all.forEach((t) => t.addEventListener("click", () => select(t)));
  list.addEventListener("keydown", (e) => {
    const i = all.indexOf(document.activeElement);
    if (i < 0) return;
    const next = e.key === "ArrowRight" ? all[(i + 1) % all.length] : e.key === "ArrowLeft" ? all[(i - 1 + all.length) % all.length] : null;
    if (next) {
      e.preventDefault();
      next.focus();
      select(next);
    }
  });
  return select;
}

let selectViewTab;
function selectView(name) {
  selectViewTab($(`tab-${name}`));
}

function setDark(dark) {
  document.documentElement.dataset.theme = dark ? "dark" : "light";
  $("theme-toggle").setAttribute("aria-pressed", String(dark));
  state.editor && state.editor.setDark(dark);
  try { localStorage.setItem("vitae-dark", dark ? "1" : "0"); } catch { /* private mode */ }
}

function isDark() {
  try {
    const saved = localStorage.getItem("vitae-dark");
    if (saved) return saved === "1";
  } catch { /* private mode */ }
  return matchMedia("(prefers-color-scheme: dark)").matches;
}

// Completion from the native schema (served in the OpenAPI document): the keys an object at the
// cursor may hold, found by walking the schema along the YAML path the indentation gives.
let schema = null;
function schemaAt(path) {
  const doc = schema;
  if (!doc) return null;
  const resolve = (s) => {
    while (s && s.$ref) s = s.$ref.split("/").slice(1).reduce((o, k) => o && o[k], doc.root);
    return s;
  };
  let node = resolve(doc.native);
  for (const key of path) {
    node = resolve(node);
    if (!node) return null;
    const alts = node.anyOf || node.oneOf;
    if (alts) node = resolve(alts.find((a) => resolve(a).properties || resolve(a).items)) || node;
    if (key === "[]") node = node.items;
    else node = node.properties && node.properties[key];
  }
  node = resolve(node);
  const alts = node && (node.anyOf || node.oneOf);
  if (alts) node = resolve(alts.find((a) => resolve(a).properties)) || node;
  return node;
}

/**
 * The YAML path of a key being typed at `lineIndex`, from indentation alone (the text is being
 * typed, so it need not parse): each earlier line less indented than the current context is a
 * parent (`key:`), and a list item (`- `) adds `[]`.
 */
function yamlPathAt(lines, lineIndex, keyColumn, dashColumn) {
  const path = [];
  // The column a parent must start left of; after a list item, a key at the dash's own column
  // (`experience:` over `- company:`, unindented lists) is its parent too.
  let col = dashColumn ?? keyColumn;
  let afterDash = dashColumn !== null;
  for (let i = lineIndex - 1; i >= 0 && (col > 0 || afterDash); i--) {
    const line = lines[i];
    const body = line.trimStart();
    if (!body || body.startsWith("#")) continue;
    const ind = line.length - body.length;
    const dash = /^-(\s+|$)/.exec(body);
    if (dash) {
      const rest = body.slice(dash[0].length);
      const keyCol = ind + dash[0].length;
      const key = /^([A-Za-z_][\w-]*):/.exec(rest);
      if (keyCol === col && !afterDash) {
        // A sibling key of the same list item's map.
        path.unshift("[]");
        col = ind;
        afterDash = true;
      } else if (keyCol < col && key) {
        // `- details:` with the cursor under it: inside that key of a list item.
        path.unshift(key[1]);
        path.unshift("[]");
        col = ind;
        afterDash = true;
      }
      continue;
    }
    const key = /^([A-Za-z_][\w-]*):/.exec(body);
    if (key && (ind < col || (afterDash && ind === col))) {
      path.unshift(key[1]);
      col = ind;
      afterDash = false;
    }
  }
  return path;
}

function complete(context) {
  if (state.format !== "yaml") return null;
  const word = context.matchBefore(/[A-Za-z_][\w-]*/);
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, context.pos - line.from);
  if (!/^\s*(-\s+)?[A-Za-z_]*[\w-]*$/.test(before)) return null;
  if (!word && !context.explicit) return null;
  const dash = /^(\s*)-\s+/.exec(before);
  const keyColumn = dash ? dash[0].length : before.length - before.trimStart().length;
  const lines = context.state.doc.toString().split("\n");
  let path = yamlPathAt(lines, line.number - 1, keyColumn, dash ? dash[1].length : null);
  if (dash) path = [...path, "[]"];
  const node = schemaAt(path);
  if (!node || !node.properties) return null;
  return {
    from: word ? word.from : context.pos,
    options: Object.entries(node.properties).map(([key, s]) => ({
      label: key,
      apply: `${key}: `,
      type: "property",
      detail: (s && s.type && String(s.type)) || "",
      info: s && s.description,
    })),
    validFor: /^[\w-]*$/,
  };
}

async function start() {
  setDark(isDark());
  $("theme-toggle").addEventListener("click", () => setDark(document.documentElement.dataset.theme !== "dark"));
  selectViewTab = tabs("views", (id) => { if (id === "tab-track") loadTracker(); });
  tabs("source-tabs", (id) => { if (id === "tab-form") drawForm(); });

  const session = await (await api("/studio/session")).json();
  state.csrf = session.csrf;
  state.mode = session.mode;
  if (session.can_sign_out) {
    $("sign-out").hidden = false;
    $("sign-out").addEventListener("click", async () => {
      await api("/studio/sign-out", { method: "POST" });
      location.assign("/studio/sign-in");
    });
  }
  const catalog = await (await api("/v1/themes")).json();
  $("theme").replaceChildren(...catalog.themes.map((t) => new Option(t.name, t.name)));
  $("locale").replaceChildren(...catalog.locales.map((l) => new Option(`${l.native_name} (${l.code})`, l.code)));
  $("locale").value = "en";
  $("format").replaceChildren(...catalog.formats.map((f) => new Option(f, f)));
  for (const id of ["variant", "theme", "locale"]) $(id).addEventListener("change", schedulePreview);
  $("compare").addEventListener("change", comparePreview);
  $("download").addEventListener("click", download);
  $("score").addEventListener("click", score);
  $("tailor").addEventListener("click", tailor);
  $("letter").addEventListener("click", letter);
  $("package").addEventListener("click", downloadPackage);
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "s") {
      e.preventDefault();
      clearTimeout(saveTimer);
      save();
    }
  });

  $("resume-pick").addEventListener("change", async () => {
    // No save may start while the choice is made, nor land on the next resume.
    clearTimeout(saveTimer);
    if (state.source !== state.saved && !window.confirm("Drop the unsaved changes to this resume?")) {
      $("resume-pick").value = state.resumeId || "";
      scheduleSave();
      return;
    }
    state.document += 1;
    await save.idle();
    state.conflict = false;
    $("conflict").replaceChildren();
    const text = await openStored($("resume-pick").value);
    state.editor && state.editor.setText(text);
    state.source = text;
    state.saved = text;
    $("save-state").textContent = "";
    schedulePreview();
  });
  const text = await loadSource();
  state.source = text;
  state.saved = text;
  state.format = detectFormat(text);
  schedulePreview();

  // The editor arrives after the page and the first preview are on their way.
  const lib = await import(EDITOR);
  state.lib = lib;
  $("editor").replaceChildren();
  state.editor = lib.createEditor({
    parent: $("editor"), text, format: state.format, dark: document.documentElement.dataset.theme === "dark",
    onChange: (t) => sourceChanged(t), complete,
    nonce: document.querySelector("meta[name=csp-nonce]").content,
  });
  state.editor.setProblems(window.vitaeStudio.problems);
  window.vitaeStudio.editor = state.editor;
  window.vitaeStudio.ready = true;
  fetch("/openapi.json").then((r) => r.json()).then((doc) => {
    const native = doc.components.schemas.NativeResume;
    schema = { root: native, native };
  }).catch(() => {});
}

start().catch((e) => {
  $("preview-state").textContent = `The studio could not start: ${e.message}`;
});
