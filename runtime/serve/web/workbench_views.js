// The workbench's views, each drawn from the JSON of its command (spec/report-format.md):
// the comparison over a portfolio (spdl-comparison/1), the diff (spdl-diff/1), the tests
// (spdl-test/1) and the sweep (spdl-sweep/1, with its chart as SVG).
import { el } from './api.js';
import { words } from './report.js';

const MAX_SCHEMES = 100; // schemes listed in full; the rest are counted

const schemes = (n) => `${n} scheme${n === 1 ? '' : 's'}`;

function changeClass(change) {
  if (!change) return '';
  return change.startsWith('+') ? 'change-up' : change.startsWith('-') || change.startsWith('−') ? 'change-down' : '';
}

function groupTotals(total, heading, titles) {
  const section = el('section', { class: 'totals' }, el('h3', {}, heading,
    ` (${schemes(total.schemes)}, ${total.differing} differ${total.differing === 1 ? 's' : ''})`));
  if ((total.figures || []).length) {
    section.append(el('table', { class: 'data' },
      el('caption', { class: 'visually-hidden' }, `Totals: ${heading}`),
      el('thead', {}, el('tr', {}, ['Figure', 'Before', 'After', 'Change'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, total.figures.map((f) => el('tr', {},
        el('th', { scope: 'row' }, words(f.name)),
        el('td', { class: 'num' }, f.display ? f.display.before : f.before,
          f.unknown_before ? el('div', { class: 'doc' }, `${f.unknown_before} not known`) : null),
        el('td', { class: 'num' }, f.display ? f.display.after : f.after,
          f.unknown_after ? el('div', { class: 'doc' }, `${f.unknown_after} not known`) : null),
        el('td', { class: `num ${changeClass(f.display && f.display.change)}` }, f.display ? f.display.change : f.change)))),
    ));
  }
  if ((total.policies || []).length) {
    section.append(el('table', { class: 'data' },
      el('caption', { class: 'visually-hidden' }, `Policies: ${heading}`),
      el('thead', {}, el('tr', {}, ['Policy: applies to', 'Before', 'After', 'Newly caught', 'Released'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, total.policies.map((p) => {
        const d = p.display || {};
        return el('tr', {},
          el('th', { scope: 'row' }, titles[p.name] || words(p.name), titles[p.name] ? el('div', { class: 'doc' }, p.name) : null),
          el('td', { class: 'num' }, schemes(p.before)),
          el('td', { class: 'num' }, schemes(p.after)),
          el('td', { class: 'num' }, `${p.newly_caught}`, d.dwellings_newly_caught ? el('div', { class: 'doc' }, `${d.dwellings_newly_caught}${d.share_newly_caught ? ` (${d.share_newly_caught})` : ''}`) : null),
          el('td', { class: 'num' }, `${p.released}`, d.dwellings_released ? el('div', { class: 'doc' }, `${d.dwellings_released}${d.share_released ? ` (${d.share_released})` : ''}`) : null));
      }))));
  }
  if ((total.outcomes || []).length) {
    section.append(el('ul', {}, total.outcomes.map((o) => el('li', {}, `${words(o.name)} = ${o.value}: ${o.before} → ${o.after} schemes`))));
  }
  return section;
}

/** `names` says what each side is ({before, after}): the edited text has the id of the ruleset it
 *  was opened from, which the document gives for both. */
export function renderComparison(container, doc, titles = {}, names = {}) {
  container.replaceChildren();
  const totals = doc.totals || [];
  const all = totals.find((t) => !t.group) || totals[0];
  container.append(el('p', { class: 'summary' },
    `${names.before || doc.before} → ${names.after || doc.after} over ${doc.portfolio || 'the portfolio'}: `,
    el('strong', {}, `${schemes(doc.schemes)}, ${all ? all.differing : 0} differ${all && all.differing === 1 ? 's' : ''}.`)));
  if (all) container.append(groupTotals(all, 'All schemes', titles));
  for (const t of totals) if (t !== all) container.append(groupTotals(t, t.group, titles));
  const differing = doc.differing || [];
  const newly = [];
  const released = [];
  for (const s of differing) {
    const applies = (s.changes || []).find((c) => / applies$/.test(c.name));
    if (applies && applies.before === 'no' && applies.after === 'yes') newly.push(s);
    else if (applies && applies.before === 'yes' && applies.after === 'no') released.push(s);
  }
  const list = (title, schemes) => {
    if (!schemes.length) return null;
    return el('section', {}, el('h3', {}, `${title} (${schemes.length})`),
      el('ul', {}, schemes.slice(0, MAX_SCHEMES).map((s) => el('li', {}, s.scheme))));
  };
  container.append(list('Schemes newly caught', newly) || '', list('Schemes released', released) || '');
  if (differing.length) {
    const section = el('section', { class: 'differing' }, el('h3', {}, `Schemes whose outcome differs (${differing.length})`));
    for (const s of differing.slice(0, MAX_SCHEMES)) {
      section.append(el('details', { class: 'scheme-changes' },
        el('summary', {}, s.scheme, s.group ? el('span', { class: 'doc' }, ` · ${s.group}`) : null),
        el('ul', {}, (s.changes || []).map((c) => el('li', {},
          el('strong', {}, words(c.name)), `: ${c.before} → ${c.after}`,
          (c.because || []).length ? el('div', { class: 'doc' }, `because ${c.because.join('; ')}${c.because_together ? ' (together)' : ''}`) : null)))));
    }
    if (differing.length > MAX_SCHEMES) section.append(el('p', { class: 'quiet' }, `and ${differing.length - MAX_SCHEMES} more`));
    container.append(section);
  } else {
    container.append(el('p', { class: 'quiet' }, 'No scheme\'s outcome differs.'));
  }
}

export function renderDiff(container, doc, names = {}) {
  container.replaceChildren();
  const before = doc.before || {};
  const after = doc.after || {};
  container.append(el('p', { class: 'summary' }, `${names.before || before.id || 'before'} → ${names.after || after.id || 'after'}: `,
    el('strong', {}, `${(doc.changes || []).length} changes`)));
  if (!(doc.changes || []).length) {
    container.append(el('p', { class: 'quiet' }, 'The two rulesets declare the same.'));
    return;
  }
  const side = (s) => s ? [s.value, s.citation ? el('span', { class: 'citation' }, ` [${s.citation}]`) : null] : ['—'];
  container.append(el('table', { class: 'data diff' },
    el('caption', { class: 'visually-hidden' }, 'Changes'),
    el('thead', {}, el('tr', {}, ['Declaration', 'Change', 'Before', 'After'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, doc.changes.map((c) => el('tr', {},
      el('th', { scope: 'row' }, `${c.what} `, el('code', {}, c.name)),
      el('td', {}, c.kind, (c.notes || []).length ? el('div', { class: 'doc' }, c.notes.join('; ')) : null),
      el('td', {}, side(c.before)),
      el('td', {}, side(c.after)))))));
}

export function renderTests(container, doc) {
  container.replaceChildren();
  const s = doc.summary || {};
  container.append(el('p', { class: 'summary' }, el('strong', {},
    `${s.cases ?? 0} cases: ${s.passed ?? 0} passed, ${s.failed ?? 0} failed${s.errors ? `, ${s.errors} errors` : ''}`)));
  for (const file of doc.files || []) {
    if (file.error || file.message) container.append(el('p', { class: 'bad' }, file.error || file.message));
    const ul = el('ul', { class: 'checks' });
    for (const c of file.cases || []) {
      const kind = c.status === 'passed' ? 'good' : 'bad';
      // Each failure in words (what was expected, what came), its working folded away.
      const failures = (c.failures || []).map((f) => el('div', { class: 'failure' },
        el('div', { class: 'message bad' }, f.line ? `line ${f.line}: ` : '', f.message || `${f.path}: expected ${f.expected}, got ${f.actual}`),
        f.derivation ? el('details', {}, el('summary', {}, 'How it was worked out'), el('pre', { class: 'derivation' }, f.derivation)) : null));
      const other = Object.entries(c).filter(([k]) => !['name', 'line', 'status', 'failures'].includes(k))
        .map(([k, v]) => `${words(k)}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
      ul.append(el('li', {}, el('span', { class: `badge ${kind}` }, c.status), ' ', c.name,
        c.line ? el('span', { class: 'citation' }, ` (line ${c.line})`) : null,
        failures, other.length ? el('div', { class: 'doc' }, other.join('; ')) : null));
    }
    container.append(ul);
    const cov = file.coverage;
    if (cov && cov.complete === false) {
      container.append(el('p', { class: 'unknown' }, 'Coverage is incomplete: ',
        [...(cov.rules?.missed || []), ...(cov.checks?.missed || [])].join(', ')));
    }
  }
}

/** The chart (SVG, shown as an image so nothing in it runs) and the cliff edges in words. */
export function renderSweep(container, svgText, doc) {
  container.replaceChildren();
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  const figure = doc ? words(doc.figure || '') : 'the figure';
  const axis = doc && doc.axes && doc.axes[0] ? words(doc.axes[0].input) : 'the input';
  const img = el('img', { src: url, alt: `Chart of ${figure} against ${axis}` });
  img.addEventListener('load', () => URL.revokeObjectURL(url), { once: true });
  container.append(el('figure', { class: 'chart' }, img, el('figcaption', { class: 'visually-hidden' }, `${figure} against ${axis}`)));
  const cliffs = (doc && doc.cliffs) || [];
  container.append(el('h3', {}, `Cliff edges (${cliffs.length})`));
  container.append(cliffs.length
    ? el('ul', {}, cliffs.map((c) => el('li', {}, c.text, c.ruleset ? el('span', { class: 'citation' }, ` (${c.ruleset})`) : null)))
    : el('p', { class: 'quiet' }, 'None: no step of the input moves the figure by more than the step.'));
}
