// The officer's page: pick the guidance (the version in force on a date, today by default), enter
// the application in a form generated from the ruleset's inputs, read the report beside it.
import { getJSON, postJSON, request, errorMessage, errorDiagnostics, download, el, debounce, today, dateInWords, datesInWords } from './api.js';
import { SchemeForm } from './form.js';
import { renderReport, standingHeadline } from './report.js';

const $ = (id) => document.getElementById(id);
const state = {
  rulesets: [], examples: [], ruleset: null, sequence: 0,
  report: null, reportText: '', // the report on show, as the API sent it
  made: null,                   // what it was made of: {id, query, scheme}, so the Markdown is the same report
};
const form = new SchemeForm($('scheme-fields'), debounce(() => evaluate(), 250));

function setStatus(text, kind = '') {
  const s = $('form-status');
  s.textContent = text;
  s.className = `status ${kind}`;
}

/** [id, name] of each authority. Its name is that of a first version (one amending nothing): an
 *  id may hold an example amending the real guidance under another name (London's invented
 *  borough amends the London Plan), which must not name the authority. */
function authorities() {
  const seen = new Map();
  for (const r of state.rulesets) if (!r.amends && !seen.has(r.authority_id)) seen.set(r.authority_id, r.authority);
  for (const r of state.rulesets) if (!seen.has(r.authority_id)) seen.set(r.authority_id, r.authority);
  return [...seen];
}

/** The date chosen: today when the field is cleared, as its hint says. */
const chosenDate = () => $('on').value || today();

async function loadRulesets() {
  const on = chosenDate();
  const answer = await getJSON(`/v1/rulesets?on=${encodeURIComponent(on)}`);
  if (!answer.ok) { setStatus(`The guidance could not be listed: ${errorMessage(answer)}`, 'bad'); return; }
  state.rulesets = answer.data.rulesets || [];
}

/** On first load, the first authority with guidance in force on the date (not simply the first
 *  in the list, whose guidance may be undated); after that, the officer's choice stays. */
function fillAuthorities() {
  const select = $('authority');
  const current = select.value;
  select.replaceChildren(...authorities().map(([id, name]) => el('option', { value: id }, name)));
  const withGuidanceInForce = state.rulesets.find((r) => r.in_force);
  if (current) select.value = current;
  else if (withGuidanceInForce) select.value = withGuidanceInForce.authority_id;
}

/** The first version of the guidance `r` is a version of (following `amends`): versions of one
 *  line replace one another; an authority may have several lines (Salford's guidance and model). */
function lineOf(r) {
  const seen = new Set();
  let at = r;
  while (at.amends && !seen.has(at.id)) {
    seen.add(at.id);
    const older = state.rulesets.find((x) => x.id === at.amends);
    if (!older) break;
    at = older;
  }
  return at.id;
}

/** Whether `r` was the guidance in force on the date chosen, as the API's list says, with its
 *  reason: {kind: 'in force' | 'not in force' | 'none in force' | 'cannot be said', on, reason}.
 *  A version with no reason of its own (an undated amendment) takes the reason of its line. */
function standingOf(r) {
  const on = chosenDate();
  const line = lineOf(r);
  const versions = state.rulesets.filter((x) => x.authority_id === r.authority_id && lineOf(x) === line);
  const inForce = versions.find((x) => x.in_force);
  const reason = r.in_force_reason || (inForce && inForce.in_force_reason) ||
    (Object.keys(r.dates || {}).length ? '' : `${r.id} gives no date of its own, so is not chosen by date.`);
  const kind = r.in_force ? 'in force'
    : inForce ? 'not in force'
      : /cannot be said/.test(reason) || !reason ? 'cannot be said' : 'none in force';
  return { kind, on, reason };
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
  if (!r) { $('in-force-reason').textContent = 'This authority has no guidance here.'; return; }
  const standing = standingOf(r);
  $('in-force-reason').textContent = [standingHeadline(standing), datesInWords(standing.reason)].filter(Boolean).join(' ');
  $('in-force-reason').dataset.standing = standing.kind;
}

function fillExamples() {
  const select = $('example');
  const authority = $('authority').value;
  const mine = state.examples.filter((s) => s.id.startsWith(`${authority}/`));
  select.replaceChildren(el('option', { value: '' }, '(an empty application)'),
    ...mine.map((s) => el('option', { value: s.id }, s.scheme && s.scheme.name ? `${s.scheme.name} (${s.id})` : s.id)));
}

/** No report on show (none made yet, or one of other guidance): the placeholder, and nothing to
 *  print or download. */
function showNoReport() {
  state.report = null;
  state.made = null;
  $('report-body').classList.remove('stale');
  $('report-stale').textContent = '';
  $('report-body').replaceChildren(el('p', { class: 'quiet' }, 'Choose the guidance and enter the application: the report appears here.'));
  showToolbar();
}

/** Print needs a report (an out-of-date one prints saying so); the downloads need one that is up
 *  to date, since a download carries no mark that it is out of date. */
function showToolbar() {
  const stale = $('report-body').classList.contains('stale');
  $('print').disabled = !state.report;
  $('download-json').disabled = !state.report || stale;
  $('download-markdown').disabled = !state.report || stale;
  $('toolbar-note').textContent = !state.report
    ? 'Print and the downloads are for a report: there is none yet.'
    : stale ? 'The downloads wait until the application fits the guidance again.' : '';
}

async function openGuidance() {
  const id = $('guidance').value;
  showNoReport(); // a report of the guidance chosen before is not this guidance's
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
  const id = state.ruleset.id;
  const chosen = state.rulesets.find((r) => r.id === id);
  // ?on= only for the version in force that day: the API then says so in the report (in_force).
  // Asked of another version, it would evaluate the one in force instead of the one chosen.
  const query = chosen && chosen.in_force ? `?${new URLSearchParams({ on: chosenDate() })}` : '';
  const standing = chosen ? standingOf(chosen) : null;
  const answer = await postJSON(`/v1/rulesets/${encodeURIComponent(id)}/evaluate${query}`, scheme);
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
    showToolbar();
    return;
  }
  form.clearErrors();
  setStatus('');
  state.report = answer.data;
  state.reportText = answer.text;
  state.made = { id, query, scheme };
  $('report-body').classList.remove('stale');
  $('report-stale').textContent = '';
  renderReport($('report-body'), answer.data, {
    date: dateInWords(today()),
    // What the list said of the version chosen; only the report's own in_force may say "in force".
    standing: standing && answer.data.ruleset && answer.data.ruleset.id === id ? standing : null,
  });
  showToolbar();
}

function fileStem() {
  const scheme = (state.report && state.report.scheme) || {};
  const base = scheme.reference || scheme.name || 'report';
  return `${base.replace(/[^A-Za-z0-9_-]+/g, '_')}-${state.ruleset ? state.ruleset.id : 'spdl'}`;
}

/** The report on show, as Markdown: asked again of the same guidance, date and scheme. */
async function downloadMarkdown() {
  if (!state.report || !state.made) return;
  const { id, query, scheme } = state.made;
  const answer = await request(`/v1/rulesets/${encodeURIComponent(id)}/evaluate${query ? `${query}&` : '?'}format=markdown`,
    { method: 'POST', json: scheme });
  if (!answer.ok) { setStatus(`The Markdown could not be made: ${errorMessage(answer)}`, 'bad'); return; }
  download(`${fileStem()}.md`, answer.text, 'text/markdown');
}

async function start() {
  $('on').value = today();
  showToolbar();
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
    if ($('guidance').value !== before) await openGuidance();
    else if (state.report || Object.keys(form.scheme()).length) evaluate(); // its header names the new date
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
