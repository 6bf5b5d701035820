// The policy writer's workbench: open a shipped ruleset (read-only: an edit makes it a draft) or
// a draft, edit it with spdl's colours and its diagnostics inline as you type, and see what it does:
// the comparison over a portfolio, the diff against the ruleset it amends, its tests, a sweep.
// After a pause in typing (150 ms) the source is checked; when it is clean the view on show is
// brought up to date; when it is not, the last good results stay, marked out of date.
import { getJSON, postJSON, request, errorMessage, errorDiagnostics, el, debounce, setChildren } from './api.js';
import { defineSpdlMode } from './spdl-mode.js';
import { renderComparison, renderDiff, renderTests, renderSweep } from './workbench_views.js';

const $ = (id) => document.getElementById(id);
const PAUSE_MS = 150;
const VIEWS = ['compare', 'diff', 'tests', 'sweep'];
const SAVING_OFF = 'Saving is off: this server keeps no drafts (start spdl serve with --drafts DIR to save them).';

const state = {
  rulesets: [], examples: { schemes: [], portfolios: [] }, drafts: null, draftsMessage: '',
  opened: null,          // {kind: 'ruleset'|'draft', id|name, source}
  generation: 0,         // one an edit: results for an older text are dropped
  clean: null,           // the generation whose source was last found clean
  cleanText: '',         // and that source
  view: 'compare',
  shown: {},             // view -> the generation it shows
  upload: null,          // {name, format, text}
  timings: [],           // {view, ms}: from the end of a pause to the view drawn
  draws: 0,              // views drawn so far
  opening: 0,            // rulesets or drafts asked to be opened so far
};
window.spdlWorkbench = state; // read by the browser tests: the figures they print

let editor;

function source() { return editor ? editor.getValue() : $('source').value; }
function sourceName() {
  const n = $('draft-name').value.trim();
  if (n) return n;
  return state.opened && state.opened.kind === 'ruleset' ? `${state.opened.id.split('.').pop()}.spd` : 'draft.spd';
}
function amendsOf(text) {
  const m = /^\s*amends\s+([A-Za-z_][\w.]*)/m.exec(text);
  return m ? m[1] : null;
}
function authorityOf(text) {
  const m = /^\s*(?:ruleset|module)\s+([A-Za-z_]\w*)\./m.exec(text);
  return m ? m[1] : '';
}

// ---- opening and saving ------------------------------------------------------------------

async function loadLists() {
  const [rulesets, examples, drafts] = await Promise.all([
    getJSON('/v1/rulesets'), getJSON('/v1/examples'), getJSON('/v1/drafts')]);
  state.rulesets = rulesets.ok ? rulesets.data.rulesets || [] : [];
  state.examples = examples.ok ? examples.data : { schemes: [], portfolios: [] };
  // A server started without --drafts answers that saving is off, which the note says once, in
  // the page's words.
  if (drafts.ok && drafts.data.saving) { state.drafts = drafts.data.drafts || []; state.draftsMessage = ''; }
  else if (drafts.ok) { state.drafts = null; state.draftsMessage = SAVING_OFF; }
  else { state.drafts = null; state.draftsMessage = `Saving is off: the drafts cannot be listed (${errorMessage(drafts)}).`; }
  const open = $('open');
  const current = open.value;
  setChildren(open,
    el('optgroup', { label: 'Shipped rulesets (read-only)' },
      state.rulesets.map((r) => el('option', { value: `ruleset:${r.id}` }, `${r.id}: ${r.title}`))),
    state.drafts && state.drafts.length
      ? el('optgroup', { label: 'Drafts' }, state.drafts.map((d) => el('option', { value: `draft:${d.name}` }, d.name)))
      : null);
  if (current) open.value = current;
  $('save').disabled = !state.drafts;
  $('save-note').textContent = state.drafts ? '' : state.draftsMessage;
  const against = (id) => {
    const select = $(id);
    const keep = select.value;
    setChildren(select, el('option', { value: '' }, 'the ruleset it amends'),
      state.rulesets.map((r) => el('option', { value: r.id }, r.id)));
    select.value = keep;
  };
  against('compare-against');
  against('diff-against');
}

async function open(value) {
  state.generation++; // what was on the way for the text before is no longer wanted
  const ticket = ++state.opening; // and a later choice in the Open list wins over this one
  const [kind, name] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
  const answer = kind === 'draft'
    ? await request(`/v1/drafts/${encodeURIComponent(name)}`)
    : await request(`/v1/rulesets/${encodeURIComponent(name)}/source`);
  if (ticket !== state.opening) return;
  if (!answer.ok) { $('check-status').textContent = `Could not open ${name}: ${errorMessage(answer)}`; return; }
  state.opened = kind === 'draft' ? { kind, name, source: answer.text } : { kind, id: name, source: answer.text };
  $('open').value = value;
  $('draft-name').value = kind === 'draft' ? name : '';
  if (state.drafts) $('save-note').textContent = '';
  let tests = '';
  if (kind === 'ruleset') {
    const t = await request(`/v1/rulesets/${encodeURIComponent(name)}/tests`);
    if (t.ok) tests = inlineSchemeFiles(t.text, authorityOf(answer.text));
  }
  $('tests-source').value = tests;
  // The inputs a scheme must give, so that a portfolio of examples holds only whole schemes (a
  // sweep's base scheme leaves out the input it varies).
  const describe = await getJSON(`/v1/rulesets/${encodeURIComponent(kind === 'ruleset' ? name : amendsOf(answer.text) || '')}`);
  state.required = describe.ok ? (describe.data.inputs || []).filter((i) => i.required).map((i) => i.name) : [];
  state.policyTitles = Object.fromEntries(describe.ok ? (describe.data.policies || []).map((p) => [p.name, p.title]) : []);
  if (ticket !== state.opening) return;
  // Compare against the version opened, so each edit shows what it changes; diff against the
  // ruleset it amends (the revision as a whole).
  $('compare-against').value = kind === 'ruleset' ? name : '';
  $('diff-against').value = '';
  choosePortfolio();
  chooseSweepBase();
  for (const v of VIEWS) {
    const body = $(`body-${v}`);
    body.replaceChildren();
    delete body.dataset.generation;
    $(`status-${v}`).textContent = '';
  }
  state.shown = {};
  editor.setValue(answer.text);
  editor.clearHistory();
  showEditing();
  history.replaceState(null, '', `#${kind}=${encodeURIComponent(name)}`);
}

/** A request names no file, so a test's `scheme_file: schemes/x.yaml` (beside the shipped
 *  ruleset) is written out as `scheme:` with the example the server serves from that file. */
function inlineSchemeFiles(yaml, authority) {
  return yaml.replace(/^([ \t]*)scheme_file:[ \t]*schemes\/([A-Za-z0-9_-]+)\.ya?ml[ \t]*$/gm, (line, indent, stem) => {
    const example = (state.examples.schemes || []).find((s) => s.id === `${authority}/${stem}`);
    return example ? `${indent}scheme: ${JSON.stringify(example.scheme)}  # from schemes/${stem}.yaml` : line;
  });
}

/** What the text in the editor is, for the views' headings: an edit has the id of the ruleset it
 *  was opened from, so the id alone would name both sides of a comparison the same. */
function textName(text) {
  const o = state.opened;
  if (!o) return 'the text in the editor';
  if (o.kind === 'ruleset') return text === o.source ? `${o.id} as shipped (not edited yet)` : `your edit of ${o.id}`;
  return text === o.source ? `draft ${o.name}` : `your edit of draft ${o.name}`;
}

/** A served ruleset's name beside the editor's text: "as shipped" when it is the one opened. */
function servedName(id) {
  return state.opened && state.opened.kind === 'ruleset' && state.opened.id === id ? `${id} as shipped` : id;
}

function showEditing() {
  const o = state.opened;
  if (!o) return;
  const changed = source() !== o.source;
  $('editing').textContent = o.kind === 'ruleset'
    ? (changed ? `Edited: a draft based on ${o.id}, not saved (the shipped file is never changed)` : `${o.id} as shipped (read-only)`)
    : (changed ? `Draft ${o.name}: changes not saved` : `Draft ${o.name}: saved`);
  if (o.kind === 'ruleset' && changed && !$('draft-name').value) $('draft-name').value = `${o.id.split('.').pop()}_draft.spd`;
}

async function save() {
  const name = $('draft-name').value.trim();
  if (!/^[A-Za-z0-9_-]{1,64}\.spd$/.test(name)) {
    $('save-note').textContent = 'A draft name is letters, digits, - and _ ending in .spd (at most 64 before it).';
    $('draft-name').focus();
    return;
  }
  const text = source();
  const answer = await request(`/v1/drafts/${encodeURIComponent(name)}`, { method: 'PUT', text });
  if (!answer.ok) {
    $('save-note').textContent = answer.status === 403 && !state.drafts
      ? `Not saved. ${SAVING_OFF}`
      : `Not saved: ${errorMessage(answer)}`;
    return;
  }
  state.opened = { kind: 'draft', name, source: text };
  await loadLists();
  $('open').value = `draft:${name}`;
  history.replaceState(null, '', `#draft=${encodeURIComponent(name)}`);
  $('save-note').textContent = `Saved as draft ${name}.`;
  showEditing();
}

// ---- portfolios and base schemes ---------------------------------------------------------------

function authoritySchemes(authority) {
  return (state.examples.schemes || []).filter((s) => s.id.startsWith(`${authority}/`));
}

/** The authority's example schemes that give every input the ruleset requires. */
function wholeSchemes(authority) {
  return authoritySchemes(authority).filter((s) => (state.required || []).every((name) => s.scheme && name in s.scheme));
}

function choosePortfolio() {
  const select = $('portfolio');
  const authority = authorityOf(state.opened ? state.opened.source : '');
  const options = (state.examples.portfolios || []).map((p) =>
    el('option', { value: `id:${p.id}` }, `${p.id} (${p.count} sites, ${p.format})`));
  const mine = wholeSchemes(authority);
  if (mine.length) options.push(el('option', { value: `examples:${authority}` }, `${authority}: its example scheme${mine.length > 1 ? `s (${mine.length})` : `, ${mine[0].scheme.name || mine[0].id}`}`));
  if (state.upload) options.push(el('option', { value: 'upload' }, `uploaded: ${state.upload.name}`));
  select.replaceChildren(...options);
  // The authority's own portfolio with the most sites (its land supply, say, rather than a table of bands).
  const shipped = (state.examples.portfolios || []).filter((p) => p.id.startsWith(`${authority}/`))
    .sort((a, b) => b.count - a.count)[0];
  select.value = shipped ? `id:${shipped.id}` : mine.length ? `examples:${authority}` : (options[0] ? options[0].value : '');
}

function portfolioRequest() {
  const v = $('portfolio').value;
  if (v.startsWith('id:')) return { id: v.slice(3) };
  if (v.startsWith('examples:')) {
    // A YAML portfolio is a list of schemes; JSON is YAML, so the examples go as they came.
    return { yaml: JSON.stringify(wholeSchemes(v.slice(9)).map((s) => s.scheme)) };
  }
  if (v === 'upload' && state.upload) return { [state.upload.format]: state.upload.text };
  return null;
}

function chooseSweepBase() {
  const select = $('sweep-base');
  const authority = authorityOf(state.opened ? state.opened.source : '');
  const mine = authoritySchemes(authority);
  setChildren(select, el('option', { value: '' }, '(none: the varied input alone)'),
    mine.map((s) => el('option', { value: s.id }, s.scheme && s.scheme.name ? s.scheme.name : s.id)));
  const sweep = mine.find((s) => /sweep/.test(s.id)) || mine[0];
  select.value = sweep ? sweep.id : '';
}

// ---- the views ------------------------------------------------------------------------------------

function against(id) {
  const v = $(id).value;
  if (v) return { id: v };
  const amends = amendsOf(source());
  return amends ? { id: amends } : null;
}

/** Each view's request: [path, body, render(answer)] or a message saying why it cannot run. */
async function runView(view, text) {
  if (view === 'compare') {
    const old = against('compare-against');
    const portfolio = portfolioRequest();
    if (!old) return { message: 'This ruleset amends nothing: choose a ruleset to compare against.' };
    if (!portfolio) return { message: 'Choose a portfolio, or upload one.' };
    const body = { old, new: { source: text, name: sourceName() }, portfolio };
    const groupBy = $('group-by').value.trim();
    if (groupBy) body.group_by = groupBy;
    const answer = await postJSON('/v1/compare', body);
    const names = { before: servedName(old.id), after: textName(text) };
    return { answer, draw: () => renderComparison($('body-compare'), answer.data, state.policyTitles || {}, names) };
  }
  if (view === 'diff') {
    const body = { new: { source: text, name: sourceName() } };
    const old = $('diff-against').value;
    if (old) body.old = { id: old };
    else if (!amendsOf(text)) return { message: 'This ruleset amends nothing: choose a ruleset to diff against.' };
    const answer = await postJSON('/v1/diff', body);
    const names = { before: old ? servedName(old) : null, after: textName(text) };
    return { answer, draw: () => renderDiff($('body-diff'), answer.data, names) };
  }
  if (view === 'tests') {
    const tests = $('tests-source').value;
    if (!tests.trim()) return { message: 'No tests: write them above (YAML, as in a .test.yaml file).' };
    const answer = await postJSON('/v1/test', { source: text, name: sourceName(), tests });
    // A failing test is an answer to show, not an error of the request.
    if (!answer.ok && answer.data && answer.data.format === 'spdl-test/1') answer.ok = true;
    return { answer, draw: () => renderTests($('body-tests'), answer.data) };
  }
  const base = (state.examples.schemes || []).find((s) => s.id === $('sweep-base').value);
  const body = { ruleset: { source: text, name: sourceName() }, scheme: base ? base.scheme : {}, vary: $('sweep-vary').value.trim() };
  const output = $('sweep-output').value.trim();
  if (output) body.figure = output;
  const [svg, json] = await Promise.all([
    request('/v1/sweep?format=svg', { method: 'POST', json: body }), postJSON('/v1/sweep', body)]);
  const answer = svg.ok ? json : svg;
  return { answer, draw: () => renderSweep($('body-sweep'), svg.text, json.ok ? json.data : null) };
}

/** Brings `view` up to date with the clean source of `generation`; `started` is the pause's end. */
async function updateView(view, generation, started, text) {
  const status = $(`status-${view}`);
  const body = $(`body-${view}`);
  const result = await runView(view, text);
  if (generation !== state.generation) return; // typing went on: a newer pause will ask again
  if (result.message) {
    status.textContent = result.message;
    status.className = 'view-status';
    body.classList.remove('stale');
    return;
  }
  if (!result.answer.ok) {
    status.textContent = `Out of date: ${errorMessage(result.answer)}${errorDiagnostics(result.answer).map((d) => ` (${d.message})`).join('')}`;
    status.className = 'view-status stale-note';
    body.classList.add('stale');
    return;
  }
  result.draw();
  body.classList.remove('stale');
  state.shown[view] = generation;
  const ms = performance.now() - started;
  state.timings.push({ view, ms });
  status.textContent = `Up to date: drawn ${Math.round(ms)} ms after the pause.`;
  status.className = 'view-status';
  body.dataset.generation = String(generation);
  body.dataset.draw = String(++state.draws); // the tests wait for a new drawing
}

function markStale(reason) {
  for (const v of VIEWS) {
    const body = $(`body-${v}`);
    if (!body.childElementCount) continue;
    body.classList.add('stale');
    const status = $(`status-${v}`);
    status.textContent = `Out of date: ${reason}; these are the results of the last source without errors.`;
    status.className = 'view-status stale-note';
  }
}

// ---- diagnostics as you type --------------------------------------------------------------------

function toAnnotation(d) {
  const b = d.span && d.span.begin;
  const e = d.span && d.span.end;
  const from = CodeMirror.Pos(b ? b.line - 1 : 0, b ? b.column - 1 : 0);
  let to = e ? CodeMirror.Pos(e.line - 1, e.column - 1) : from;
  if (to.line === from.line && to.ch <= from.ch) to = CodeMirror.Pos(from.line, from.ch + 1);
  return {
    from, to,
    severity: d.severity === 'warning' ? 'warning' : d.severity === 'note' ? 'info' : 'error',
    message: `${d.message}${d.hint ? ` (${d.hint})` : ''}`,
  };
}

function showDiagnostics(diagnostics) {
  const list = $('diagnostics');
  // Errors first (they stop the views), then warnings, each in the order of the text.
  const rank = (d) => (d.severity === 'warning' || d.severity === 'note' ? 1 : 0);
  const at = (d) => (d.span && d.span.begin ? d.span.begin.line * 1e6 + d.span.begin.column : 0);
  const sorted = [...diagnostics].sort((a, b) => rank(a) - rank(b) || at(a) - at(b));
  list.replaceChildren(...sorted.map((d) => {
    const b = d.span && d.span.begin;
    const where = b ? `line ${b.line}, column ${b.column}` : '';
    return el('li', { class: d.severity === 'warning' ? 'warning' : 'error' },
      el('button', { type: 'button', onclick: () => { if (b) { editor.focus(); editor.setCursor(b.line - 1, b.column - 1); } } },
        `${where}: ${d.severity || 'error'}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`));
  }));
}

/** The lint addon calls this after each pause: check, mark, then bring the view on show up to date. */
async function lint(text, updateLinting) {
  const started = performance.now();
  const generation = state.generation;
  const answer = await postJSON('/v1/check', { source: text, name: sourceName() });
  if (generation !== state.generation) return;
  let diagnostics;
  if (answer.ok || (answer.data && Array.isArray(answer.data.files))) {
    const files = answer.data.files || [];
    // The draft's own diagnostics; one in a ruleset it uses is shown at the top of the draft.
    diagnostics = files.flatMap((f) => f.diagnostics || []);
  } else {
    diagnostics = errorDiagnostics(answer);
    if (!diagnostics.length) diagnostics = [{ severity: 'error', message: errorMessage(answer) }];
  }
  updateLinting(diagnostics.map(toAnnotation));
  showDiagnostics(diagnostics);
  const errors = diagnostics.filter((d) => d.severity !== 'warning' && d.severity !== 'note');
  const status = $('check-status');
  if (errors.length) {
    const first = errors[0].span ? ` (first at line ${errors[0].span.begin.line})` : '';
    status.textContent = `${errors.length} error${errors.length > 1 ? 's' : ''}${first}.`;
    status.className = 'view-status stale-note';
    markStale(`the source has ${errors.length} error${errors.length > 1 ? 's' : ''}${first}`);
    return;
  }
  state.clean = generation;
  state.cleanText = text;
  const viewStatus = $(`status-${state.view}`);
  viewStatus.textContent = 'Updating…';
  viewStatus.className = 'view-status';
  const warnings = diagnostics.length;
  status.textContent = warnings ? `No errors; ${warnings} warning${warnings > 1 ? 's' : ''}.` : 'No errors.';
  status.className = 'view-status';
  await updateView(state.view, generation, started, text);
}

function refreshView() {
  // An option of the view changed: the source is what it was, so no check is needed if clean.
  if (state.clean === state.generation) updateView(state.view, state.generation, performance.now(), state.cleanText);
  else editor.performLint();
}

// ---- tabs (arrow keys move between them, as WAI-ARIA's tabs pattern has it) ------------------------

function selectTab(view, focus) {
  state.view = view;
  for (const v of VIEWS) {
    const tab = $(`tab-${v}`);
    const on = v === view;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    $(`panel-${v}`).hidden = !on;
    if (on && focus) tab.focus();
  }
  if (state.shown[view] !== state.generation) refreshView();
}

function wireTabs() {
  for (const [i, v] of VIEWS.entries()) {
    const tab = $(`tab-${v}`);
    tab.addEventListener('click', () => selectTab(v, false));
    tab.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (step) { e.preventDefault(); selectTab(VIEWS[(i + step + VIEWS.length) % VIEWS.length], true); }
    });
  }
}

async function start() {
  defineSpdlMode(window.CodeMirror);
  editor = window.CodeMirror.fromTextArea($('source'), {
    mode: 'spdl', lineNumbers: true, lineWrapping: true, indentUnit: 2, tabSize: 2, indentWithTabs: false,
    gutters: ['CodeMirror-lint-markers', 'CodeMirror-linenumbers'],
    lint: { getAnnotations: lint, async: true, delay: PAUSE_MS, lintOnChange: true },
    extraKeys: { Tab: false, 'Shift-Tab': false }, // the keyboard leaves the editor as it entered
    screenReaderLabel: 'Ruleset source',
  });
  window.spdlEditor = editor;
  editor.on('change', () => { state.generation++; showEditing(); });
  wireTabs();
  await loadLists();
  const hash = new URLSearchParams(location.hash.slice(1));
  const first = hash.get('draft') ? `draft:${hash.get('draft')}`
    : hash.get('ruleset') ? `ruleset:${hash.get('ruleset')}`
      : state.rulesets[0] ? `ruleset:${state.rulesets[0].id}` : '';
  if (first) await open(first);
  $('open').addEventListener('change', () => open($('open').value));
  $('save').addEventListener('click', save);
  for (const id of ['compare-against', 'portfolio', 'diff-against', 'sweep-base']) $(id).addEventListener('change', refreshView);
  for (const id of ['group-by', 'sweep-vary', 'sweep-output', 'tests-source']) $(id).addEventListener('input', debounce(refreshView, PAUSE_MS));
  $('portfolio-file').addEventListener('change', async () => {
    const file = $('portfolio-file').files[0];
    if (!file) return;
    const text = await file.text();
    state.upload = { name: file.name, format: /\.ya?ml$/i.test(file.name) ? 'yaml' : 'csv', text };
    choosePortfolio();
    $('portfolio').value = 'upload';
    refreshView();
  });
  document.body.dataset.ready = 'true';
}

start();
