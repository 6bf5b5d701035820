// The scheme form, generated from GET /v1/rulesets/{id}: one field per input, its unit beside
// it, enumerations as choices with their labels, yes/no as a choice, the accommodation schedule as
// rows to add and remove, required inputs marked and defaults shown. The form collects a scheme as
// the JSON the API takes (the keys of a YAML scheme, each value as the officer wrote it).
import { el } from './api.js';
import { words } from './report.js';

/** A label as a form shows it: "site area" -> "Site area". */
export const capitalised = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);
const isYesNo = (t) => t === 'yes/no' || t === 'boolean';
const isList = (input) => Array.isArray(input.fields) && input.fields.length > 0;

function defaultText(input) {
  const d = input.default;
  if (d === undefined || d === null) return '';
  if (typeof d === 'object') return d.display ?? d.exact ?? '';
  return String(d);
}

function unitText(input) {
  const u = input.unit;
  if (!u || u === 'yes/no' || isYesNo(input.type) || input.type === 'enum' || input.type === 'text' || input.type === 'date') return '';
  return u;
}

/** The control for one input (or one field of a schedule row); `id` ties it to its label. */
function control(input, id, describedBy) {
  const def = defaultText(input);
  let node;
  if (isYesNo(input.type)) {
    node = el('select', { id, name: input.name },
      el('option', { value: '' }, def ? `(default: ${def})` : '(not given)'),
      el('option', { value: 'yes' }, 'yes'), el('option', { value: 'no' }, 'no'));
  } else if (input.type === 'set' && Array.isArray(input.members)) {
    node = el('select', { id, name: input.name, multiple: true, size: Math.min(input.members.length, 5) },
      input.members.map((m) => el('option', { value: m.name }, m.label || words(m.name))));
  } else if (Array.isArray(input.members) && input.members.length) {
    node = el('select', { id, name: input.name },
      el('option', { value: '' }, def ? `(default: ${def})` : '(not given)'),
      input.members.map((m) => el('option', { value: m.name }, m.label || words(m.name))));
  } else if (input.type === 'date') {
    node = el('input', { id, name: input.name, type: 'date' });
  } else {
    const numeric = input.type !== 'text';
    node = el('input', {
      id, name: input.name, type: 'text', inputmode: numeric ? 'decimal' : null, autocomplete: 'off',
      placeholder: def ? `default ${def}` : '',
    });
  }
  if (input.required && !def) { node.required = true; node.setAttribute('aria-required', 'true'); }
  if (describedBy) node.setAttribute('aria-describedby', describedBy);
  node.dataset.type = input.type || '';
  node.dataset.unit = input.unit || '';
  return node;
}

/** A value as the scheme reader takes it: a percentage carries its `%`. */
function valueOf(node) {
  if (node.multiple) {
    const chosen = [...node.selectedOptions].map((o) => o.value);
    return chosen.length ? chosen : undefined;
  }
  const v = node.value.trim();
  if (v === '') return undefined;
  if (node.dataset.type === 'percent' && /^[0-9.,]+$/.test(v)) return `${v}%`;
  return v;
}

/** A scheme's value shown in a field: "2.4 ha" in a field whose unit is ha reads "2.4". */
function displayValue(value, unit) {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  const s = String(value).trim();
  if (unit === '£' && s.startsWith('£')) return s.slice(1);
  if (unit === '%' && s.endsWith('%')) return s.slice(0, -1);
  if (unit && s.endsWith(` ${unit}`)) return s.slice(0, -unit.length - 1);
  return s;
}

export class SchemeForm {
  /** @param {HTMLElement} container  @param {() => void} onChange */
  constructor(container, onChange) {
    this.container = container;
    this.onChange = onChange;
    this.inputs = [];
    this.lists = new Map(); // input name -> {input, tbody}
    this.rowsSent = new Map(); // input name -> the form's row of each row the scheme sent
    container.addEventListener('input', () => this.onChange());
    container.addEventListener('change', () => this.onChange());
  }

  build(ruleset) {
    // An input the ruleset declares (or its stdlib does) but never reads is left off the form.
    this.inputs = (ruleset.inputs || []).filter((i) => i.used !== false);
    this.lists.clear();
    const c = this.container;
    c.replaceChildren();
    c.append(el('p', { class: 'legend' }, el('span', { class: 'required-mark', 'aria-hidden': 'true' }, '*'), ' required'));
    const about = el('fieldset', { class: 'about' }, el('legend', {}, 'The application'),
      this.#plainField('name', 'Scheme name', 'text'),
      this.#plainField('reference', 'Application reference', 'text'));
    c.append(about);
    const scalars = this.inputs.filter((i) => !isList(i));
    const lists = this.inputs.filter(isList);
    const main = el('fieldset', { class: 'inputs' }, el('legend', {}, 'What the application proposes'));
    for (const input of scalars) main.append(this.#field(input));
    c.append(main);
    for (const input of lists) c.append(this.#listField(input));
  }

  #plainField(name, label, type) {
    const id = `in-${name}`;
    return el('div', { class: 'field', id: `field-${name}` },
      el('label', { for: id }, label),
      el('div', { class: 'control' }, el('input', { id, name, type: 'text', autocomplete: 'off', 'data-type': type })));
  }

  #field(input) {
    const id = `in-${input.name}`;
    const hintId = `hint-${input.name}`;
    const errId = `err-${input.name}`;
    const def = defaultText(input);
    const required = input.required && !def;
    const hint = [input.doc, def ? `Default: ${def}.` : (required ? '' : 'Optional.')].filter(Boolean).join(' ');
    const unit = unitText(input);
    return el('div', { class: `field${required ? ' required' : ''}`, id: `field-${input.name}` },
      el('label', { for: id }, capitalised(input.label || words(input.name)),
        required ? el('span', { class: 'required-mark', title: 'required' }, ' *') : null),
      el('div', { class: 'control' }, control(input, id, `${hintId} ${errId}`),
        unit ? el('span', { class: 'unit' }, unit) : null),
      hint ? el('p', { class: 'hint', id: hintId }, hint) : null,
      el('p', { class: 'field-error', id: errId, role: 'alert' }));
  }

  #listField(input) {
    const tbody = el('tbody');
    this.lists.set(input.name, { input, tbody });
    const label = capitalised(input.label || words(input.name));
    const errId = `err-${input.name}`;
    const add = el('button', { type: 'button', class: 'add-row', onclick: () => { this.addRow(input.name); this.onChange(); } }, `Add a row to the ${label.toLowerCase()}`);
    return el('fieldset', { class: 'list-field', id: `field-${input.name}` },
      el('legend', {}, label, input.required ? el('span', { class: 'required-mark' }, ' *') : null),
      input.doc ? el('p', { class: 'hint' }, input.doc) : null,
      el('div', { class: 'table-scroll' }, el('table', { class: 'schedule' },
        el('thead', {}, el('tr', {}, input.fields.map((f) => el('th', { scope: 'col', class: Array.isArray(f.members) || isYesNo(f.type) ? 'choice' : 'number' }, capitalised(f.label || words(f.name)),
          unitText(f) && !words(f.name).includes(unitText(f).replace(/s$/, '')) ? el('span', { class: 'unit' }, ` (${unitText(f)})`) : null,
          f.required && !defaultText(f) ? el('span', { class: 'required-mark' }, ' *') : null)),
          el('th', { scope: 'col', class: 'remove' }, el('span', { class: 'visually-hidden' }, 'Remove')))),
        tbody)),
      add,
      el('p', { class: 'field-error', id: errId, role: 'alert' }));
  }

  /** Appends a row to the list input `name`; returns the row's controls by field name. */
  addRow(name) {
    const { input, tbody } = this.lists.get(name);
    const index = tbody.rows.length;
    const serial = (this.serial = (this.serial || 0) + 1); // ids stay unique when rows are removed
    const row = el('tr');
    const controls = {};
    for (const f of input.fields) {
      const id = `in-${name}-${serial}-${f.name}`;
      const node = control(f, id);
      node.setAttribute('aria-label', `${capitalised(f.label || words(f.name))}, row ${index + 1}`);
      node.dataset.field = f.name;
      controls[f.name] = node;
      row.append(el('td', {}, node));
    }
    row.append(el('td', {}, el('button', {
      type: 'button', class: 'remove-row', 'aria-label': `Remove row ${index + 1}`,
      onclick: () => { row.remove(); this.#renumber(name); this.onChange(); },
    }, '×')));
    tbody.append(row);
    return controls;
  }

  #renumber(name) {
    const { tbody } = this.lists.get(name);
    [...tbody.rows].forEach((row, i) => {
      for (const node of row.querySelectorAll('[data-field]')) {
        node.setAttribute('aria-label', node.getAttribute('aria-label').replace(/row \d+$/, `row ${i + 1}`));
      }
      row.querySelector('.remove-row').setAttribute('aria-label', `Remove row ${i + 1}`);
    });
  }

  /** The scheme as the API takes it. */
  scheme() {
    const scheme = {};
    for (const key of ['name', 'reference']) {
      const v = this.container.querySelector(`#in-${key}`).value.trim();
      if (v) scheme[key] = v;
    }
    for (const input of this.inputs) {
      if (isList(input)) {
        const rows = [];
        const sent = []; // the form's row of each row sent: empty rows are not sent
        this.rowsSent.set(input.name, sent);
        for (const tr of this.lists.get(input.name).tbody.rows) {
          const row = {};
          for (const node of tr.querySelectorAll('[data-field]')) {
            const v = valueOf(node);
            if (v !== undefined) row[node.dataset.field] = v;
          }
          if (Object.keys(row).length) { rows.push(row); sent.push(tr.sectionRowIndex); }
        }
        if (rows.length) scheme[input.name] = rows;
        continue;
      }
      const node = this.container.querySelector(`#in-${CSS.escape(input.name)}`);
      const v = node && valueOf(node);
      if (v !== undefined) scheme[input.name] = v;
    }
    return scheme;
  }

  /** Fills the form from a scheme (an example); keys that are no input are left out. */
  fill(scheme) {
    for (const node of this.container.querySelectorAll('input, select')) {
      if (node.multiple) for (const o of node.options) o.selected = false;
      else node.value = '';
    }
    for (const { tbody } of this.lists.values()) tbody.replaceChildren();
    for (const [key, value] of Object.entries(scheme || {})) {
      const list = this.lists.get(key);
      if (list && Array.isArray(value)) {
        for (const rowValues of value) {
          const controls = this.addRow(key);
          for (const [f, v] of Object.entries(rowValues || {})) {
            if (controls[f]) setControl(controls[f], v);
          }
        }
        continue;
      }
      const node = this.container.querySelector(`#in-${CSS.escape(key)}`);
      if (node) setControl(node, value);
    }
  }

  /** Shows the API's diagnostics beside the fields they name; returns those no field took. */
  showErrors(diagnostics) {
    this.clearErrors();
    const left = [];
    for (const d of diagnostics) {
      const name = this.#fieldOf(d);
      const box = name && this.container.querySelector(`#err-${CSS.escape(name)}`);
      if (!box) { left.push(d); continue; }
      // A schedule's row and field ("schedule[2].bedrooms"): the cell is marked, the row named.
      const cell = typeof d.input === 'string' && /^[\w]+\[(\d+)\]\.(\w+)$/.exec(d.input);
      const row = cell ? (this.rowsSent.get(name) || [])[Number(cell[1])] ?? Number(cell[1]) : null;
      const where = cell ? `Row ${row + 1}: ` : '';
      // The field is named by where the message stands; "site_area: " before it says it twice.
      const message = typeof d.input === 'string' && d.message.startsWith(`${d.input}: `) ? d.message.slice(d.input.length + 2) : d.message;
      box.textContent = [box.textContent, where + message + (d.hint ? ` (${d.hint})` : '')].filter(Boolean).join(' ');
      box.closest('.field, .list-field').classList.add('invalid');
      const tr = cell && this.lists.get(name) ? this.lists.get(name).tbody.rows[row] : null;
      const node = cell
        ? tr && tr.querySelector(`[data-field="${CSS.escape(cell[2])}"]`)
        : this.container.querySelector(`#in-${CSS.escape(name)}`);
      if (node) node.setAttribute('aria-invalid', 'true');
    }
    return left;
  }

  clearErrors() {
    for (const box of this.container.querySelectorAll('.field-error')) box.textContent = '';
    for (const f of this.container.querySelectorAll('.invalid')) f.classList.remove('invalid');
    for (const n of this.container.querySelectorAll('[aria-invalid]')) n.removeAttribute('aria-invalid');
  }

  /** The input a diagnostic is about: named by the API, or the first input its words name. */
  #fieldOf(d) {
    const names = new Set(this.inputs.map((i) => i.name));
    const candidates = [d.input, d.key, d.field, d.path, d.name];
    for (const c of candidates) {
      if (typeof c !== 'string') continue;
      const head = c.split(/[.[]/)[0];
      if (names.has(head)) return head;
    }
    const text = `${d.message || ''} ${d.label || ''}`;
    for (const m of text.matchAll(/`([A-Za-z_][\w]*)/g)) if (names.has(m[1])) return m[1];
    for (const m of text.matchAll(/[A-Za-z_][\w]*/g)) if (names.has(m[0])) return m[0];
    return null;
  }
}

function setControl(node, value) {
  if (node.multiple) {
    const wanted = new Set((Array.isArray(value) ? value : [value]).map(String));
    for (const o of node.options) o.selected = wanted.has(o.value) || wanted.has(o.textContent);
  } else if (node.tagName === 'SELECT') {
    const wanted = String(value === true ? 'yes' : value === false ? 'no' : value);
    const norm = (s) => s.toLowerCase().replace(/[-_ ]/g, '');
    const option = [...node.options].find((o) => o.value && (norm(o.value) === norm(wanted) || norm(o.textContent) === norm(wanted)));
    node.value = option ? option.value : '';
  } else {
    node.value = displayValue(value, node.dataset.unit);
  }
}
