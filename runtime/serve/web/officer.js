// The officer's page: pick the guidance (the version in force on a date, today by default), enter
// the application in a form generated from the ruleset's inputs, read the report beside it.
import { getJSON, postJSON, request, errorMessage, errorDiagnostics, download, el, debounce, today } from './api.js';
import { SchemeForm } from './form.js';
import { renderReport } from './report.js';

const $ = (id) => document.getElementById(id);
const state = { rulesets: [], examples: [], ruleset: null, report: null, reportText: '', sequence: 0 };
const form = new SchemeForm($('scheme-fields'), debounce(() => evaluate(), 250));

function setStatus(text, kind = '') {
  const s = $('form-status');
  s.textContent = text;
  s.className = `status ${kind}`;
}

function authorities() {
  const seen = new Map();
  for (const r of state.rulesets) if (!seen.has(r.authority_id)) seen.set(r.authority_id, r.authority);
  return [...seen];
}

async function loadRulesets() {
  const on = $('on').value || today();
  const answer = await getJSON(`/v1/rulesets?on=${encodeURIComponent(on)}`);
  if (!answer.ok) { setStatus(`The guidance could not be listed: ${errorMessage(answer)}`, 'bad'); return; }
  state.rulesets = answer.data.rulesets || [];
}

function fillAuthorities() {
  const select = $('authority');
  const current = select.value;
  select.replaceChildren(...authorities().map(([id, name]) => el('option', { value: id }, name)));
  if (current) select.value = current;
}

/** The authority's guidance, the one in force on the date chosen first. */
function fillGuidance(keepChoice) {
  const select = $('guidance');
  const previous = keepChoice ? select.value : '';
  const mine = state.rulesets.filter((r) => r.authority_id === $('authority').value);
  const inForce = mine.find((r) => r.in_force);
  select.replaceChildren(...mine.map((r) => el('option', { value: r.id },
    `${r.title} (${r.status}${r.in_force ? ', in force' : ''})`)));
  select.value = previous && mine.some((r) => r.id === previous) ? previous : (inForce || mine[0] || {}).id || '';
  showReason();
}

function showReason() {
  const r = state.rulesets.find((x) => x.id === $('guidance').value);
  const on = $('on').value || today();
  $('in-force-reason').textContent = r
    ? `${r.in_force ? `In force on ${on}` : `Not in force on ${on}`}${r.in_force_reason ? `: ${r.in_force_reason}` : ''}`
    : 'This authority has no guidance here.';
}

function fillExamples() {
  const select = $('example');
  const authority = $('authority').value;
  const mine = state.examples.filter((s) => s.id.startsWith(`${authority}/`));
  select.replaceChildren(el('option', { value: '' }, '(an empty application)'),
    ...mine.map((s) => el('option', { value: s.id }, s.scheme && s.scheme.name ? `${s.scheme.name} (${s.id})` : s.id)));
}

async function openGuidance() {
  const id = $('guidance').value;
  state.report = null;
  if (!id) { form.build({ inputs: [] }); return; }
  const answer = await getJSON(`/v1/rulesets/${encodeURIComponent(id)}`);
  if (!answer.ok) { setStatus(`The guidance could not be opened: ${errorMessage(answer)}`, 'bad'); return; }
  const scheme = state.ruleset ? form.scheme() : {};
  state.ruleset = answer.data;
  form.build(state.ruleset);
  form.fill(scheme); // what the officer typed survives a change of guidance, where the inputs agree
  if (Object.keys(scheme).length) evaluate();
}

async function evaluate() {
  if (!state.ruleset) return;
  const scheme = form.scheme();
  const sequence = ++state.sequence;
  $('report-body').dataset.pending = 'true';
  const params = new URLSearchParams();
  const chosen = state.rulesets.find((r) => r.id === state.ruleset.id);
  if ($('on').value && chosen && chosen.in_force) params.set('on', $('on').value);
  const query = params.toString() ? `?${params}` : '';
  const answer = await postJSON(`/v1/rulesets/${encodeURIComponent(state.ruleset.id)}/evaluate${query}`, scheme);
  if (sequence !== state.sequence) return; // a later edit has already asked again
  delete $('report-body').dataset.pending;
  if (!answer.ok) {
    const left = form.showErrors(errorDiagnostics(answer));
    const extra = left.map((d) => d.message).join('; ');
    setStatus(answer.status === 422
      ? `The application does not fit this guidance${extra ? `: ${extra}` : ': see the fields marked'}.`
      : `The report could not be made: ${errorMessage(answer)}`, 'bad');
    $('report-body').classList.add('stale');
    $('report-stale').textContent = state.report
      ? 'Out of date: this is the report of the application as it was before the last change, which does not fit.'
      : '';
    return;
  }
  form.clearErrors();
  setStatus('');
  state.report = answer.data;
  state.reportText = answer.text;
  $('report-body').classList.remove('stale');
  $('report-stale').textContent = '';
  const on = $('on').value;
  renderReport($('report-body'), answer.data, {
    date: new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }) + (on ? `, guidance in force on ${on}` : ''),
  });
}

function fileStem() {
  const scheme = (state.report && state.report.scheme) || {};
  const base = scheme.reference || scheme.name || 'report';
  return `${base.replace(/[^A-Za-z0-9_-]+/g, '_')}-${state.ruleset ? state.ruleset.id : 'spdl'}`;
}

async function downloadMarkdown() {
  if (!state.ruleset) return;
  const params = new URLSearchParams({ format: 'markdown' });
  const chosen = state.rulesets.find((r) => r.id === state.ruleset.id);
  if ($('on').value && chosen && chosen.in_force) params.set('on', $('on').value);
  const answer = await request(`/v1/rulesets/${encodeURIComponent(state.ruleset.id)}/evaluate?${params}`,
    { method: 'POST', json: form.scheme() });
  if (!answer.ok) { setStatus(`The Markdown could not be made: ${errorMessage(answer)}`, 'bad'); return; }
  download(`${fileStem()}.md`, answer.text, 'text/markdown');
}

async function start() {
  $('on').value = today();
  const [, examples] = await Promise.all([loadRulesets(), getJSON('/v1/examples')]);
  state.examples = examples.ok ? (examples.data.schemes || []) : [];
  fillAuthorities();
  fillGuidance(false);
  fillExamples();
  await openGuidance();

  $('authority').addEventListener('change', async () => { fillGuidance(false); fillExamples(); await openGuidance(); });
  $('guidance').addEventListener('change', async () => { showReason(); await openGuidance(); });
  $('on').addEventListener('change', async () => {
    await loadRulesets();
    const before = $('guidance').value;
    fillGuidance(false);
    if ($('guidance').value !== before) await openGuidance(); else evaluate();
  });
  $('example').addEventListener('change', () => {
    const example = state.examples.find((s) => s.id === $('example').value);
    form.fill(example ? example.scheme : {});
    evaluate();
  });
  $('scheme-form').addEventListener('submit', (e) => { e.preventDefault(); evaluate(); });
  $('print').addEventListener('click', () => window.print());
  $('download-json').addEventListener('click', () => {
    if (state.report) download(`${fileStem()}.json`, state.reportText, 'application/json');
  });
  $('download-markdown').addEventListener('click', downloadMarkdown);
  document.body.dataset.ready = 'true';
}

start();
