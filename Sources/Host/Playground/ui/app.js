// The mapper playground: edit a mapper against an instance's stored samples and see, as you
// type, what each would become. Everything comes from the admin API (docs/openapi.yaml):
//   GET  /api/instances                     the instances and their chains
//   GET  /api/instances/{name}/samples      the stored samples
//   GET  /api/mappers/{name}                a running mapper's text
//   POST /api/instances/{name}/dry-run      map with the edited text, with an explain trace
//   POST /api/instances/{name}/sample-report  drop-down values no lookup maps, dead and shadowed mappers
//   PUT  /api/mappers/{name}                check, write and run the edited mapper
"use strict";

const $ = (id) => document.getElementById(id);
const state = { instance: null, samples: [], outcomes: [], marks: [], mapperFile: null, sequence: 0, timer: null, picked: null };
const DEBOUNCE_MS = 300;

// ---- the admin API -------------------------------------------------------------------------

/** Calls the admin API; on 401 asks once for the admin token and sends it as a bearer token. */
async function api(method, path, body) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const headers = { "Accept": "application/json" };
    const token = sessionStorage.getItem("intake-admin-token");
    if (token) headers["Authorization"] = "Bearer " + token;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401 && attempt === 0) {
      const entered = prompt("Admin token (admin.token):");
      if (!entered) break;
      sessionStorage.setItem("intake-admin-token", entered);
      continue;
    }
    const answer = await response.json().catch(() => ({ error: "The answer is not JSON (HTTP " + response.status + ")." }));
    return { ok: response.ok, status: response.status, body: answer };
  }
  return { ok: false, status: 401, body: { error: "Authorization failed." } };
}

function setStatus(text, isError) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

// ---- instances, mappers, samples -----------------------------------------------------------

async function loadInstances() {
  const answer = await api("GET", "/api/instances");
  if (!answer.ok) return setStatus(answer.body.error, true);
  const select = $("instance");
  select.replaceChildren(...answer.body.instances.map((instance) => option(instance.name, instance.name)));
  state.instances = answer.body.instances;
  const wanted = new URLSearchParams(location.search).get("instance");
  if (wanted && state.instances.some((instance) => instance.name === wanted)) select.value = wanted;
  await selectInstance();
}

function option(value, label) {
  const element = document.createElement("option");
  element.value = value;
  element.textContent = label;
  return element;
}

async function selectInstance() {
  const instance = state.instances.find((item) => item.name === $("instance").value);
  if (!instance) return;
  state.instance = instance;
  $("mapper").replaceChildren(...instance.mappers.map((name) => option(name, name)), option("", "new mapper…"));
  const samples = await api("GET", "/api/instances/" + encodeURIComponent(instance.name) + "/samples?limit=50");
  state.samples = samples.ok ? samples.body.samples : [];
  if (!samples.ok) setStatus(samples.body.error, true);
  renderSamples();
  state.picked = null;
  $("trace-title").textContent = "";
  $("trace").textContent = "";
  refreshChainReport();
  await selectMapper();
}

async function selectMapper() {
  const name = $("mapper").value;
  if (name === "") {
    const newName = prompt("New mapper name (its file is NAME.yaml in the mappers folder):", "my-mapper");
    if (!newName) { $("mapper").selectedIndex = 0; return selectMapper(); }
    $("mapper").insertBefore(option(newName, newName + " (new)"), $("mapper").lastChild);
    $("mapper").value = newName;
    state.mapperFile = null;
    $("mapper-file").textContent = "new: " + newName + ".yaml";
    $("editor").value = "mapper: " + newName + "\nversion: 1\n\ntype: Unclassified\n\nfields:\n  name: $.title\n";
  } else {
    const answer = await api("GET", "/api/mappers/" + encodeURIComponent(name));
    if (answer.ok) {
      state.mapperFile = answer.body.file;
      $("mapper-file").textContent = answer.body.file;
      $("editor").value = answer.body.text;
    } else {
      state.mapperFile = null;
      $("mapper-file").textContent = "";
      $("editor").value = "mapper: " + name + "\nversion: 1\n";
    }
  }
  state.marks = [];
  renderGutter([]);
  scheduleRun(0);
}

function renderSamples() {
  $("sample-count").textContent = "(" + state.samples.length + ")";
  const list = $("samples");
  list.replaceChildren(...state.samples.map((sample, index) => {
    const item = document.createElement("li");
    item.textContent = sample.id + " · " + sample.received;
    item.dataset.index = String(index);
    item.addEventListener("click", () => showSample(index));
    return item;
  }));
  if (state.samples.length > 0) showSample(0);
  else $("sample-view").textContent = "No stored samples: set store_samples: true on the instance, or paste a payload.";
}

function showSample(index) {
  for (const item of $("samples").children) item.classList.toggle("selected", item.dataset.index === String(index));
  $("sample-view").replaceChildren(renderJSON(state.samples[index].payload, "$", 0));
}

// ---- a payload as a tree whose values give their JSONPath -----------------------------------

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The JSONPath of a member of `path`: `$.name` where that parses, `$["odd key"]` otherwise. */
function childPath(path, key) {
  if (typeof key === "number") return path + "[" + key + "]";
  return IDENTIFIER.test(key) ? path + "." + key : path + "[" + JSON.stringify(key) + "]";
}

function renderJSON(value, path, depth) {
  const fragment = document.createDocumentFragment();
  const pad = "  ".repeat(depth);
  const text = (content, className) => {
    const span = document.createElement("span");
    if (className) span.className = className;
    span.textContent = content;
    return span;
  };
  if (Array.isArray(value) || (value !== null && typeof value === "object")) {
    const isArray = Array.isArray(value);
    const entries = isArray ? value.map((item, index) => [index, item]) : Object.entries(value);
    fragment.append(text(isArray ? "[" : "{"));
    entries.forEach(([key, item], index) => {
      fragment.append(text("\n" + pad + "  "));
      if (!isArray) fragment.append(text(JSON.stringify(key), "key"), text(": "));
      fragment.append(renderJSON(item, childPath(path, key), depth + 1));
      if (index < entries.length - 1) fragment.append(text(","));
    });
    fragment.append(text((entries.length ? "\n" + pad : "") + (isArray ? "]" : "}")));
  } else {
    const leaf = text(JSON.stringify(value), "value");
    leaf.dataset.path = path;
    leaf.title = path;
    leaf.addEventListener("click", () => {
      for (const picked of document.querySelectorAll(".json .picked")) picked.classList.remove("picked");
      leaf.classList.add("picked");
      $("jsonpath").textContent = path;
    });
    fragment.append(leaf);
  }
  return fragment;
}

// ---- the editor: line numbers and error marks ---------------------------------------------

const LOCATED = /^(.*?):(\d+):(\d+): ([\s\S]*)$/;

/** `file:line:column: message` split, or null for an error without a place. */
function locate(error) {
  const match = LOCATED.exec(error);
  return match ? { file: match[1], line: Number(match[2]), column: Number(match[3]), message: match[4] } : null;
}

function renderGutter(marks) {
  // An error at the end of the text (an unclosed bracket) may be one line past it.
  const lines = Math.max($("editor").value.split("\n").length, ...marks.map((mark) => mark.line));
  const byLine = new Map(marks.map((mark) => [mark.line, mark]));
  const rows = [];
  for (let line = 1; line <= lines; line++) {
    const row = document.createElement("div");
    row.textContent = String(line);
    const mark = byLine.get(line);
    if (mark) {
      row.className = "mark";
      row.dataset.line = String(line);
      row.title = mark.line + ":" + mark.column + ": " + mark.message;
    }
    rows.push(row);
  }
  $("gutter").replaceChildren(...rows);
  $("gutter").scrollTop = $("editor").scrollTop;
}

/** Puts the caret at `line:column` (1-based) and scrolls it into view. */
function moveCaret(line, column) {
  const editor = $("editor");
  const lines = editor.value.split("\n");
  let offset = 0;
  for (let index = 0; index < line - 1 && index < lines.length; index++) offset += lines[index].length + 1;
  offset += Math.max(0, column - 1);
  editor.focus();
  editor.setSelectionRange(offset, offset);
  editor.scrollTop = Math.max(0, (line - 5) * parseFloat(getComputedStyle(editor).lineHeight));
}

/** Shows a failed compile or save: located errors of the edited text marked, the rest listed. */
function showErrors(errors, ownFiles) {
  const marks = [];
  const items = errors.map((error) => {
    const item = document.createElement("li");
    const place = locate(error);
    if (place && ownFiles.includes(place.file)) {
      marks.push(place);
      item.className = "located";
      item.dataset.line = String(place.line);
      item.textContent = place.line + ":" + place.column + ": " + place.message;
      item.addEventListener("click", () => moveCaret(place.line, place.column));
    } else {
      item.textContent = error;
    }
    return item;
  });
  $("errors").replaceChildren(...items);
  state.marks = marks;
  renderGutter(marks);
}

// ---- mapping as you type -------------------------------------------------------------------

function scheduleRun(delay) {
  clearTimeout(state.timer);
  state.timer = setTimeout(run, delay);
}

/** The pasted payload, parsed; undefined when the box is empty; throws on bad JSON. */
function pastedPayload() {
  const text = $("payload").value.trim();
  if (text === "") return undefined;
  return JSON.parse(text);
}

async function run() {
  if (!state.instance) return;
  const sequence = ++state.sequence;
  const instancePath = "/api/instances/" + encodeURIComponent(state.instance.name);
  const mapper = $("editor").value;
  let payload;
  try {
    payload = pastedPayload();
    $("payload-error").textContent = "";
  } catch (error) {
    $("payload-error").textContent = "Pasted payload: " + error.message;
  }
  const requests = [api("POST", instancePath + "/dry-run", { mapper, explain: true }), api("POST", instancePath + "/sample-report", { mapper })];
  if (payload !== undefined) requests.push(api("POST", instancePath + "/dry-run", { mapper, explain: true, payloads: [payload] }));
  const [samples, report, pasted] = await Promise.all(requests);
  if (sequence !== state.sequence) return; // a newer edit is on its way
  if (!samples.ok) {
    showErrors(samples.body.errors || [samples.body.error], ["<request>"]);
    $("results").classList.add("stale"); // what the last text that compiled made
    setStatus(samples.body.error, true);
    return;
  }
  showErrors([], []);
  $("results").classList.remove("stale");
  state.outcomes = (pasted && pasted.ok ? pasted.body : []).concat(samples.body);
  renderOutcomes();
  renderMisses(report.ok ? report.body.misses : []);
  $("edited-never-matches").textContent = report.ok && report.body.never_matched.length > 0
    ? "The edited mapper's when holds for none of the " + report.body.samples + " samples: the chain would never pick it." : "";
  const quarantined = state.outcomes.filter((outcome) => outcome.status === "quarantined").length;
  setStatus(state.outcomes.length + " mapped by the edited mapper" + (quarantined ? ", " + quarantined + " quarantined" : ""), false);
}

function renderOutcomes() {
  const cards = state.outcomes.map((outcome, index) => {
    const card = document.createElement("div");
    card.className = "outcome";
    card.dataset.status = outcome.status;
    const source = document.createElement("div");
    source.className = "source";
    source.textContent = outcome.source + (outcome.item !== undefined ? " item " + outcome.item : "") + " · " + outcome.status;
    card.append(source);
    const table = document.createElement("table");
    if (outcome.status === "mapped") {
      const incident = outcome.incident;
      const rows = [["type", incident.type], ["name", incident.name], ["occurred", incident.occurred], ["severity", incident.severity], ["details", incident.details]];
      for (const [name, value] of Object.entries(incident.fields || {})) rows.push([name, value]);
      rows.push(["dedup", incident.dedup_key]);
      for (const [name, value] of rows) {
        if (value === undefined || value === null) continue;
        const row = table.insertRow();
        row.className = "field";
        row.dataset.field = name;
        row.insertCell().textContent = name;
        const cell = row.insertCell();
        cell.className = "value";
        cell.textContent = typeof value === "string" ? value : JSON.stringify(value);
        row.addEventListener("click", () => showTrace(index, name, row));
      }
    } else {
      for (const error of outcome.errors) {
        const row = table.insertRow();
        row.insertCell().textContent = "error";
        row.insertCell().textContent = error;
      }
    }
    card.append(table);
    return card;
  });
  $("results").replaceChildren(...cards);
  refreshTrace();
}

/**
 * Shows the picked field's trace again from the new outcomes: every edit remaps, and a trace of
 * the previous text would explain a value the page no longer shows. The pick is kept by the
 * outcome's source and item (indexes shift when a pasted payload comes or goes) and the field.
 */
function refreshTrace() {
  const picked = state.picked;
  if (!picked) return;
  const index = state.outcomes.findIndex((outcome) => outcome.source === picked.source && outcome.item === picked.item);
  const row = index < 0 ? null : $("results").children[index].querySelector(`tr.field[data-field="${CSS.escape(picked.field)}"]`);
  if (row) return showTrace(index, picked.field, row);
  state.picked = null;
  $("trace-title").textContent = "";
  $("trace").textContent = picked.field + " of " + picked.source + " is no longer mapped by the edited mapper: click a field to see its trace.";
}

/** The trace record of `field`: `type`, `dedup` and the fields each have their own. */
function traceOf(outcome, field) {
  const trace = outcome.trace || {};
  if (field === "type" || field === "dedup") return trace[field];
  return (trace.fields || {})[field];
}

function showTrace(index, field, row) {
  for (const picked of document.querySelectorAll(".field.picked")) picked.classList.remove("picked");
  row.classList.add("picked");
  const outcome = state.outcomes[index];
  state.picked = { source: outcome.source, item: outcome.item, field };
  $("trace-title").textContent = field + " of " + outcome.source + " (mapper " + ((outcome.trace || {}).mapper || "default") + ")";
  const record = traceOf(outcome, field);
  if (!record) {
    $("trace").textContent = "No trace for " + field + ": it has a fixed value or comes from the default mapping.";
    return;
  }
  $("trace").replaceChildren(renderSteps(record.steps || []), describe({ value: record.value }));
}

/** Each step with its argument, input, output, matched nodes, regex groups, lookup entry or miss. */
function renderSteps(steps) {
  const list = document.createElement("ol");
  for (const step of steps) {
    const item = document.createElement("li");
    const name = document.createElement("span");
    name.className = "step";
    name.textContent = step.step;
    item.append(name);
    const details = {};
    for (const [key, value] of Object.entries(step)) if (key !== "step" && key !== "steps") details[key] = value;
    item.append(describe(details));
    if (Array.isArray(step.steps)) item.append(renderSteps(step.steps));
    list.append(item);
  }
  return list;
}

function describe(details) {
  const list = document.createElement("dl");
  for (const [key, value] of Object.entries(details)) {
    if (value === undefined) continue;
    const term = document.createElement("dt");
    term.textContent = key;
    const definition = document.createElement("dd");
    definition.textContent = typeof value === "string" ? value : JSON.stringify(value);
    list.append(term, definition);
  }
  return list;
}

function renderMisses(misses) {
  const body = $("misses").tBodies[0];
  body.replaceChildren(...misses.map((miss) => {
    const row = body.insertRow();
    row.insertCell().textContent = miss.field;
    row.insertCell().textContent = typeof miss.value === "string" ? miss.value : JSON.stringify(miss.value);
    row.insertCell().textContent = miss.count + "×";
    return row;
  }));
  if (misses.length === 0) {
    const row = body.insertRow();
    const cell = row.insertCell();
    cell.colSpan = 3;
    cell.textContent = "Every drop-down value the samples hold is mapped.";
  }
}

/** The instance's own chain over its samples: mappers that never match, mappers shadowed by an earlier one. */
async function refreshChainReport() {
  const instance = state.instance;
  const report = await api("POST", "/api/instances/" + encodeURIComponent(instance.name) + "/sample-report", {});
  if (instance !== state.instance) return;
  const findings = !report.ok ? [report.body.error] : report.body.never_matched
    .map((entry) => "mapper " + entry.mapper + " never matches: its when holds for none of the " + report.body.samples + " samples")
    .concat(report.body.shadowed.map((entry) => "mapper " + entry.mapper + " is shadowed: it matches " + entry.accepted
      + " samples, every one taken first by " + Object.keys(entry.taken_by).join(", ")));
  $("chain-report").replaceChildren(...(findings.length ? findings : ["Every mapper of the chain takes some sample."]).map((text) => {
    const item = document.createElement("li");
    item.textContent = text;
    return item;
  }));
}

// ---- save ----------------------------------------------------------------------------------

/** The name the text declares (`mapper: NAME`), else the one picked. */
function declaredName() {
  const match = /^mapper:\s*["']?([^"'\s#]+)/m.exec($("editor").value);
  return match ? match[1] : $("mapper").value;
}

async function save() {
  const name = declaredName();
  setStatus("Saving " + name + "…", false);
  const answer = await api("PUT", "/api/mappers/" + encodeURIComponent(name), { mapper: $("editor").value });
  const warnings = answer.ok ? answer.body.warnings : [];
  $("warnings").replaceChildren(...warnings.map((warning) => {
    const item = document.createElement("li");
    item.textContent = "warning: " + warning;
    return item;
  }));
  if (!answer.ok) {
    const errors = answer.body.errors || [];
    const ownFiles = errors.map(locate).filter((place) => place && (place.file === state.mapperFile || place.file.endsWith("/" + name + ".yaml")));
    showErrors(errors, ownFiles.map((place) => place.file));
    setStatus("Not saved: " + answer.body.error, true);
    return;
  }
  state.mapperFile = answer.body.saved;
  $("mapper-file").textContent = answer.body.saved;
  refreshChainReport();
  setStatus("Saved " + answer.body.saved + "; " + (answer.body.instances.join(", ") || "no instance") + " map with it now" + (warnings.length ? "; " + warnings.length + " warnings" : ""), false);
}

// ---- wiring --------------------------------------------------------------------------------

$("instance").addEventListener("change", selectInstance);
$("mapper").addEventListener("change", selectMapper);
$("editor").addEventListener("input", () => { renderGutter(state.marks); scheduleRun(DEBOUNCE_MS); });
$("editor").addEventListener("scroll", () => { $("gutter").scrollTop = $("editor").scrollTop; });
$("editor").addEventListener("keydown", (event) => {
  if (event.key === "Tab") { // indent, as YAML wants spaces
    event.preventDefault();
    const editor = $("editor");
    editor.setRangeText("  ", editor.selectionStart, editor.selectionEnd, "end");
    scheduleRun(DEBOUNCE_MS);
  }
  if ((event.ctrlKey || event.metaKey) && event.key === "s") { event.preventDefault(); save(); }
});
$("payload").addEventListener("input", () => scheduleRun(DEBOUNCE_MS));
$("save").addEventListener("click", save);
$("copy-path").addEventListener("click", () => navigator.clipboard && navigator.clipboard.writeText($("jsonpath").textContent));
loadInstances();
