// The officer's report, drawn from the API's `spdl-report/1` document (spec/report-format.md):
// the decision first, then what is missing and what is to be secured, then each policy with its
// outcome, its figures and its checks. Figures come from the document as displayed; the page
// computes nothing.
import { el, dateInWords, datesInWords } from './api.js';

/** `affordable_required` -> `affordable required`; `homes_by_size.one_bed` -> `homes by size: one bed`. */
export function words(name) {
  return String(name).replace(/\./g, ': ').replace(/_/g, ' ');
}

const FINDING_CLASS = {
  met: 'good', 'not met': 'bad', unknown: 'unknown', error: 'bad', 'not applicable': 'quiet',
};
const APPLIES_TEXT = {
  yes: 'applies', no: 'does not apply', unknown: 'not known whether it applies', error: 'error', always: 'applies',
};

function badge(text, kind) {
  return el('span', { class: `badge ${kind || ''}` }, text);
}

function valueText(value) {
  if (!value) return '';
  if (value.state === 'known') return value.display;
  if (value.state === 'unknown') {
    const needs = (value.needs || []).map(words).join(', ');
    return needs ? `not known: needs ${needs}` : 'not known';
  }
  return `error: ${value.error || value.display || ''}`;
}

function figureRow(figure) {
  const value = figure.value || {};
  const cls = value.state === 'known' ? '' : value.state === 'unknown' ? 'unknown' : 'bad';
  return el('tr', {},
    el('th', { scope: 'row' }, words(figure.name),
      figure.doc ? el('div', { class: 'doc' }, figure.doc) : null),
    el('td', { class: `value ${cls}` }, valueText(value),
      figure.exception ? el('div', { class: 'doc' }, `exception ${words(figure.exception.label)} [${figure.exception.citation}]`) : null),
    el('td', { class: 'citation' }, figure.citation ? `[${figure.citation}]` : ''));
}

function checkItem(check) {
  const compared = (check.compared || []).map((c) => `${c.name}: ${c.display}`).join('; ');
  const needs = (check.needs || []).length ? `needs ${check.needs.map(words).join(', ')}` : '';
  return el('li', { class: 'check' },
    badge(check.finding, FINDING_CLASS[check.finding]), ' ',
    el('span', { class: 'check-name' }, words(check.name)),
    check.citation ? el('span', { class: 'citation' }, ` [${check.citation}]`) : null,
    check.message ? el('div', { class: 'message' }, check.message) : null,
    compared ? el('div', { class: 'doc' }, compared) : null,
    needs ? el('div', { class: 'doc' }, needs) : null,
    check.error ? el('div', { class: 'message bad' }, check.error) : null);
}

function conditionItem(condition) {
  const text = condition.text || (condition.applies === 'unknown'
    ? `may apply: needs ${(condition.needs || []).map(words).join(', ')}` : words(condition.name));
  return el('li', {},
    condition.applies === 'unknown' ? badge('may apply', 'unknown') : null, condition.applies === 'unknown' ? ' ' : null,
    text, condition.citation ? el('span', { class: 'citation' }, ` [${condition.citation}]`) : null);
}

/** A policy's name as a heading reads it, as the decision names it: `SPG_5_2` is `SPG 5.2`,
 *  `stage_1` is `stage 1` (runtime/report/wording.cpp, policy_label). */
export function policyLabel(name) {
  return name.replace(/_/g, (m, at) => (/\d/.test(name[at - 1] || '') && /\d/.test(name[at + 1] || '') ? '.' : ' '));
}

/** `H16: Affordable housing on qualifying sites`; the title alone when it starts with the label
 *  (`Stage 1: current need` for `stage_1`), as policy_heading does. */
function policyHeading(name, title) {
  const label = policyLabel(name);
  if (!title) return label;
  const starts = title.toLowerCase().startsWith(label.toLowerCase()) && !/[A-Za-z0-9]/.test(title[label.length] || '');
  return starts ? title : `${label}: ${title}`;
}

function policySection(policy) {
  const applies = policy.applies || 'always';
  const heading = policy.name ? policyHeading(policy.name, policy.title) : 'Other figures and checks';
  const section = el('section', { class: `policy applies-${applies}`, 'aria-label': heading },
    el('h3', {}, heading, ' ', policy.name ? badge(APPLIES_TEXT[applies] || applies,
      applies === 'no' ? 'quiet' : applies === 'unknown' ? 'unknown' : applies === 'error' ? 'bad' : 'good') : null),
    policy.citation ? el('p', { class: 'citation' }, `[${policy.citation}]`) : null,
    policy.outcome ? el('p', { class: 'outcome' }, policy.outcome) : null,
    policy.why ? el('p', { class: 'why' }, policy.why) : null);
  if ((policy.needs || []).length) {
    section.append(el('p', { class: 'unknown' }, `Needs: ${policy.needs.map(words).join(', ')}`));
  }
  const figures = (policy.figures || []);
  if (figures.length && applies !== 'no') {
    section.append(el('table', { class: 'figures' },
      el('caption', { class: 'visually-hidden' }, `Figures of ${policy.name ? policyLabel(policy.name) : 'the ruleset'}`),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Figure'), el('th', { scope: 'col' }, 'Value'), el('th', { scope: 'col' }, 'Source'))),
      el('tbody', {}, figures.map(figureRow))));
  }
  const checks = (policy.checks || []).filter((c) => c.finding !== 'not applicable');
  if (checks.length) section.append(el('h4', {}, 'Checks'), el('ul', { class: 'checks' }, checks.map(checkItem)));
  return section;
}

/** The first sentence of whether a version was the guidance in force on a day (`kind` as the
 *  officer's page works it out from GET /v1/rulesets?on=), as the form's hint and the report say it. */
export function standingHeadline({ kind, on }) {
  const day = dateInWords(on);
  return {
    'in force': `The guidance in force on ${day}.`,
    'not in force': `Not the guidance in force on ${day}.`,
    'none in force': `Not in force on ${day}.`,
    'cannot be said': `Not known to be in force on ${day}.`,
  }[kind] || '';
}

/** Whether the guidance applied was the one in force on the day chosen. Only the report's own
 *  `in_force` (the API chose this version for that day) says it was; `standing` (what the list of
 *  guidance said of a version the officer chose by name) can only say it was not, or not known. */
function inForceNote(report, standing) {
  if (report.in_force && report.in_force.on) {
    return el('p', { class: 'in-force', 'data-standing': 'in force' },
      el('strong', {}, standingHeadline({ kind: 'in force', on: report.in_force.on })), ' ',
      datesInWords(report.in_force.reason || ''));
  }
  if (!standing || standing.kind === 'in force') return null;
  return el('p', { class: 'in-force not-in-force', 'data-standing': standing.kind },
    el('strong', {}, standingHeadline(standing)), ' ', datesInWords(standing.reason || ''));
}

/** Draws `report` into `container`; `context` adds what the document does not hold: the date of
 *  the report in words, and `standing`, whether the guidance chosen was in force on the day asked. */
export function renderReport(container, report, context = {}) {
  container.replaceChildren();
  const r = report.ruleset || {};
  const scheme = report.scheme || {};
  const header = el('header', { class: 'report-header' },
    el('p', { class: 'authority' }, r.authority || ''),
    el('h2', { id: 'report-title' }, r.title || r.id || 'Report'),
    el('p', { class: 'meta' },
      badge(r.status || 'status not given', r.status === 'adopted' ? 'good' : 'quiet'), ' ',
      (r.dates || []).map(datesInWords).join('; '), r.id ? ` · ${r.id}` : ''),
    el('p', { class: 'meta' },
      `Scheme: ${scheme.name || 'unnamed'}${scheme.reference ? ` (${scheme.reference})` : ''}`,
      context.date ? ` · Report of ${context.date}` : ''),
    inForceNote(report, context.standing));
  container.append(header);
  container.append(el('section', { class: 'decision', 'aria-labelledby': 'decision-heading' },
    el('h3', { id: 'decision-heading' }, 'Decision'),
    (report.decision || []).map((s) => el('p', {}, s))));
  if ((report.errors || []).length) {
    container.append(el('section', { class: 'errors' }, el('h3', {}, 'Errors'),
      el('ul', {}, report.errors.map((e, i) => el('li', { class: 'bad' }, e,
        report.error_places && report.error_places[i] ? el('span', { class: 'citation' }, ` (${report.error_places[i]})`) : null)))));
  }
  const missing = report.missing || [];
  container.append(el('section', { class: 'missing', 'aria-labelledby': 'missing-heading' },
    el('h3', { id: 'missing-heading' }, 'Missing information'),
    missing.length
      ? el('ul', {}, missing.map((m) => el('li', {}, el('strong', {}, words(m.input)), ': would settle ', m.settles || '')))
      : el('p', { class: 'quiet' }, 'None: the application gives everything the guidance asks about.')));
  const conditions = report.conditions || [];
  container.append(el('section', { class: 'secure', 'aria-labelledby': 'secure-heading' },
    el('h3', { id: 'secure-heading' }, 'To secure'),
    conditions.length
      ? el('ul', {}, conditions.map(conditionItem))
      : el('p', { class: 'quiet' }, 'Nothing to secure by legal agreement or condition.')));
  const policies = el('section', { class: 'policies', 'aria-labelledby': 'policies-heading' },
    el('h3', { id: 'policies-heading' }, 'Policies'));
  for (const p of report.policies || []) {
    if (!p.name && !(p.figures || []).length && !(p.checks || []).length) continue;
    policies.append(policySection(p));
  }
  container.append(policies);
}
