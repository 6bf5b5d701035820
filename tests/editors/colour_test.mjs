#!/usr/bin/env node
// Colours every shipped ruleset with editors/spdl.tmLanguage.json (vscode-textmate running on
// vscode-oniguruma, as VS Code does) and checks the scopes of the tokens that matter: keywords,
// numbers and their units, citations, strings and their {holes}, comments, declared names.
//
// Two kinds of checks:
//  - named ones: a token in a named file and line must carry a named scope;
//  - generic ones: a small lexer written from lang/grammar.hpp (not from the TextMate grammar)
//    walks every .spd file under rulesets/, stdlib/ and spec/examples/ and says what each token
//    is; the scopes the TextMate grammar gave it must agree.
//
// Run from the project root: node tests/editors/colour_test.mjs. Needs `npm ci --prefix tests`.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = process.cwd();
const grammarPath = path.join(root, 'editors', 'spdl.tmLanguage.json');

let textmate, oniguruma;
try {
  textmate = require('vscode-textmate');
  oniguruma = require('vscode-oniguruma');
} catch (e) {
  console.error(`colour_test: ${e.message}\nrun: npm ci --prefix tests (./run-tests does it)`);
  process.exit(2);
}

// ---- the words of the language (lang/grammar.hpp, lang/units.cpp, lang/checker/resolve.cpp) ----

const RESERVED = new Set(`ruleset module use input parameter rule check exception table enum record
  shares policy override remove if then else when and or not in true false where for over require
  optional default list of per condition extend apportion`.split(/\s+/));
const UNITS = new Set(`dwelling dwellings habitable_room habitable_rooms bedroom bedrooms person
  persons people ha hectare hectares m2 sqm pound pounds GBP year years`.split(/\s+/));
const BUILTINS = new Set(`round_half_up round_half_even round_up round_down min max abs known sum
  count any all`.split(/\s+/));
const TYPE_WORDS = new Set(['boolean', 'number', 'percent', 'date', 'text']);
const HEADER_WORDS = new Set(`title authority source status published adopted approved superseded
  withdrawn consultation material amends to`.split(/\s+/));
const STATUS_WORDS = new Set(['draft', 'consultation', 'adopted', 'superseded', 'withdrawn']);
// Words that start a declaration (and so end the header): grammar.hpp declaration_keyword.
const DECLARATION_START = new Set(`use input parameter rule check exception table enum record
  shares policy override remove condition extend`.split(/\s+/));
const NAMING = new Set(['rule', 'check', 'parameter', 'input', 'table', 'enum', 'record', 'shares',
  'policy', 'exception', 'condition']);
const VALUE_WORDS = new Set(['true', 'false', 'optional']);  // a citation may follow these

const UNIT_RE = `(?:${[...UNITS].sort((a, b) => b.length - a.length).join('|')})`;
const NUMBER_RE = /^(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?/;

// ---- what each kind of token must carry --------------------------------------------------------

const has = (name) => ({ what: name, ok: (s) => s.includes(name) });
const prefix = (p) => ({ what: `${p}*`, ok: (s) => s.some((x) => x.startsWith(p)) });
const EXPECT = {
  comment: has('comment.line.number-sign.spdl'),
  doc: has('comment.line.documentation.spdl'),
  string: has('string.quoted.double.spdl'),
  placeholder: has('constant.other.placeholder.spdl'),
  citation: has('meta.citation.spdl'),
  citationText: has('string.other.citation.spdl'),
  keyword: { what: 'keyword.* or storage.*', ok: (s) => s.some((x) => /^(keyword|storage)\./.test(x)) },
  boolean: has('constant.language.boolean.spdl'),
  header: has('keyword.other.header.spdl'),
  status: has('constant.language.status.spdl'),
  number: prefix('constant.numeric.'),
  date: has('constant.numeric.date.spdl'),
  unit: has('keyword.other.unit.spdl'),
  per: has('keyword.other.unit.per.spdl'),
  percent: has('keyword.other.unit.percent.spdl'),
  builtin: has('support.function.builtin.spdl'),
  declared: prefix('entity.name.'),
  namespace: has('entity.name.namespace.spdl'),
  type: prefix('storage.type.'),
  // A plain name: a variable, never a keyword (`policy_applies` is not `policy`).
  name: {
    what: 'variable.other.* and no keyword.*/storage.*/constant.language.*',
    ok: (s) => s.some((x) => x.startsWith('variable.other.')) &&
      !s.some((x) => /^(keyword|storage|constant\.language)\./.test(x)),
  },
};

// ---- the tokenizer -----------------------------------------------------------------------------

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => scope === 'source.spdl'
      ? textmate.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath)
      : null,
  });
  return registry.loadGrammar('source.spdl');
}

// Tokenizes a whole file; a line that throws or is cut short fails the run.
function colour(grammar, file, lines, failures) {
  let stack = textmate.INITIAL;
  return lines.map((line, i) => {
    try {
      const r = grammar.tokenizeLine(line, stack, 5000);
      if (r.stoppedEarly) failures.push(`${file}:${i + 1}: tokenizing stopped early (a slow pattern?)`);
      stack = r.ruleStack;
      return r.tokens;
    } catch (e) {
      failures.push(`${file}:${i + 1}: tokenizing threw: ${e.message}`);
      return [];
    }
  });
}

function scopesAt(tokens, col) {
  const t = tokens.find((t) => t.startIndex <= col && col < t.endIndex);
  return t ? t.scopes : [];
}

// ---- an independent lexer: what each token of a file is, from lang/grammar.hpp -----------------

// Returns [{line, col, end, kind, text}] for every token the checks care about. `end` is exclusive;
// every column in [col, end) must carry the kind's scope.
function lex(lines) {
  const out = [];
  const add = (line, col, end, kind) => out.push({ line, col, end, kind, text: lines[line].slice(col, end) });
  let header = true;
  let prev = 'op';          // what came last: a 'value' (a citation may follow) or an 'op'
  let lastWord = null;      // {word, line}: a string after `else` on its line is a check message
  let expect = null;        // what the next word is: 'declared', 'namespace', 'type', 'unit', 'status'

  lines.forEach((text, ln) => {
    const first = /^[ \t]*([A-Za-z_]\w*)/.exec(text);
    if (header && first && DECLARATION_START.has(first[1])) header = false;
    let c = 0;
    while (c < text.length) {
      const ch = text[c];
      const rest = text.slice(c);
      let m;
      if (ch === ' ' || ch === '\t' || ch === '\r') { c++; continue; }
      if (ch === '#') {
        add(ln, c, text.length, rest.startsWith('##') ? 'doc' : 'comment');
        break;
      }
      if (ch === '"') {
        let j = c + 1;
        while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
        const end = Math.min(j + 1, text.length);
        add(ln, c, end, 'string');
        if (!header && lastWord && lastWord.word === 'else' && lastWord.line === ln) {
          for (let k = c + 1; k < j; k++) {
            if (text[k] === '\\') { k++; continue; }
            if (text[k] === '{') {
              const close = text.indexOf('}', k);
              if (close > k && close < j) { add(ln, k, close + 1, 'placeholder'); k = close; }
            }
          }
        }
        prev = 'value'; lastWord = null; c = end; continue;
      }
      if (ch === '[') {
        const touching = c > 0 && /[\w)\]]/.test(text[c - 1]);
        const firstOnLine = text.slice(0, c).trim() === '';
        const close = text.indexOf(']', c);
        if (!touching && !firstOnLine && prev === 'value' && close > c) {
          add(ln, c, c + 1, 'citation');
          add(ln, close, close + 1, 'citation');
          if (close > c + 1) add(ln, c + 1, close, 'citationText');
          prev = 'value'; c = close + 1; continue;
        }
        prev = 'op'; c++; continue;  // a list or an index: its contents are lexed as they come
      }
      if (ch === ']' || ch === ')') { prev = 'value'; c++; continue; }
      if (/\d/.test(ch) && (c === 0 || !/[\w.]/.test(text[c - 1]))) {
        const date = (header ? /^\d{4}-\d{2}(?:-\d{2})?(?![\w-])/ : /^\d{4}-\d{2}-\d{2}(?![\w-])/).exec(rest);
        if (date) {
          add(ln, c, c + date[0].length, 'date');
          prev = 'value'; c += date[0].length; continue;
        }
        const num = NUMBER_RE.exec(rest);
        add(ln, c, c + num[0].length, 'number');
        c += num[0].length;
        if (text[c] === '%') { add(ln, c, c + 1, 'percent'); c++; } else c = unitAfter(ln, c, true);
        prev = 'value'; continue;
      }
      if (ch === '£') {
        add(ln, c, c + 1, 'unit');
        c++;
        if (expect === 'type') expect = null;
        if ((m = /^[ \t]*/.exec(text.slice(c))) && NUMBER_RE.test(text.slice(c + m[0].length))) {
          const start = c + m[0].length;
          const num = NUMBER_RE.exec(text.slice(start));
          add(ln, start, start + num[0].length, 'number');
          c = start + num[0].length;
        }
        c = unitAfter(ln, c, false);
        prev = 'value'; continue;
      }
      if ((m = /^[A-Za-z_]\w*/.exec(rest))) {
        c = word(ln, c, m[0]);
        continue;
      }
      if (ch === ':') expect = 'type';
      prev = 'op'; lastWord = null; c++;
    }
  });
  return out;

  // After a number (or £ NUMBER): ` UNIT`, ` UNIT per UNIT`, ` per UNIT` on the same line.
  function unitAfter(ln, c, numerator) {
    const text = lines[ln];
    let m;
    if (numerator && (m = new RegExp(`^[ \\t]+(${UNIT_RE})\\b`).exec(text.slice(c)))) {
      add(ln, c + m[0].length - m[1].length, c + m[0].length, 'unit');
      c += m[0].length;
    }
    if ((m = new RegExp(`^([ \\t]+)per[ \\t]+(${UNIT_RE})\\b`).exec(text.slice(c)))) {
      const per = c + m[1].length;
      add(ln, per, per + 3, 'per');
      add(ln, c + m[0].length - m[2].length, c + m[0].length, 'unit');
      c += m[0].length;
    }
    return c;
  }

  function word(ln, c, w) {
    const text = lines[ln];
    const after = text.slice(c + w.length);
    let end = c + w.length;
    let kind;
    if (header) {
      if (expect === 'namespace') {
        end = c + /^[\w.]+/.exec(text.slice(c))[0].length;
        kind = 'namespace';
        expect = null;
      } else if (expect === 'status' && STATUS_WORDS.has(w)) {
        kind = 'status';
        expect = null;
      } else if (w === 'ruleset' || w === 'module') {
        kind = 'keyword'; expect = 'namespace';
      } else if (HEADER_WORDS.has(w)) {
        kind = 'header';
        expect = w === 'status' ? 'status' : w === 'amends' ? 'namespace' : null;
      }
      if (kind) add(ln, c, end, kind);
      prev = 'op';
      return end;
    }
    if (expect === 'type') {
      expect = null;
      if (w === 'list' || w === 'set' || w === 'of') { expect = 'type'; kind = 'keyword'; }
      else kind = UNITS.has(w) ? 'unit' : 'type';
    } else if (expect === 'unit' && UNITS.has(w)) {
      kind = 'unit'; expect = null;
    } else if (expect === 'declared' && !RESERVED.has(w)) {
      kind = 'declared'; expect = null;
    } else if (expect === 'namespace') {
      end = c + /^[\w.]+/.exec(text.slice(c))[0].length;
      kind = 'namespace'; expect = null;
    } else if (RESERVED.has(w)) {
      expect = null;
      kind = w === 'true' || w === 'false' ? 'boolean' : w === 'per' ? 'per' : 'keyword';
      if (w === 'per') expect = 'unit';
      if (NAMING.has(w)) expect = 'declared';
      if (w === 'use') expect = 'namespace';
    } else if ((w === 'at' && /^[ \t]+(least|most)\b/.test(after)) ||
               ((w === 'least' || w === 'most') && /\bat[ \t]+$/.test(text.slice(0, c))) ||
               (w === 'applies' && /^[ \t]+when\b/.test(after)) ||
               // Words reserved only in their place: a share's `remainder`, `apportion`'s `by`.
               (w === 'remainder' && /=[ \t]*$/.test(text.slice(0, c))) ||
               (w === 'by' && /\bapportion\b/.test(text.slice(0, c)))) {
      kind = 'keyword';
    } else if (BUILTINS.has(w) && /^[ \t]*\(/.test(after)) {
      kind = 'builtin';
    } else {
      kind = 'name';
    }
    add(ln, c, end, kind);
    prev = RESERVED.has(w) && !VALUE_WORDS.has(w) ? 'op' : 'value';
    lastWord = { word: w, line: ln };
    return end;
  }
}

// ---- named checks: real tokens of real files ---------------------------------------------------

// [file, a line's text (trimmed, exact), [the token, its occurrence on the line (1 = first; a word
// counts only as a whole word), the scope it must carry]]
const NAMED = [
  ['rulesets/vale/revised_draft_2006.spd', 'override parameter urban_threshold  = 15 dwellings [H16 (i); SPG 4.1]', [
    ['override', 1, 'storage.modifier.override.spdl'],
    ['parameter', 1, 'storage.type.declaration.spdl'],
    ['urban_threshold', 1, 'entity.name.variable.spdl'],
    ['15', 1, 'constant.numeric.spdl'],
    ['dwellings', 1, 'keyword.other.unit.spdl'],
    ['[', 1, 'punctuation.definition.citation.begin.spdl'],
    ['H16 (i); SPG 4.1', 1, 'string.other.citation.spdl'],
    [']', 1, 'meta.citation.spdl'],
  ]],
  ['rulesets/vale/revised_draft_2006.spd', 'title     "Affordable Housing: Revised Draft Supplementary Planning Guidance"', [
    ['title', 1, 'keyword.other.header.spdl'],
    ['"Affordable Housing: Revised Draft Supplementary Planning Guidance"', 1, 'string.quoted.double.spdl'],
  ]],
  ['rulesets/vale/revised_draft_2006.spd', 'status    draft', [['draft', 1, 'constant.language.status.spdl']]],
  ['rulesets/vale/revised_draft_2006.spd', 'material  2006-05-04', [['2006-05-04', 1, 'constant.numeric.date.spdl']]],
  ['rulesets/vale/revised_draft_2006.spd', 'amends    vale.first_draft_2004', [['vale.first_draft_2004', 1, 'entity.name.namespace.spdl']]],
  ['rulesets/vale/revised_draft_2006.spd', '# Comments on this draft were invited by Thursday 4 May 2006 (para 10.1). The document gives no', [
    ['#', 1, 'punctuation.definition.comment.spdl'],
    ['Comments on this draft were invited by Thursday 4 May 2006 (para 10.1). The document gives no', 1, 'comment.line.number-sign.spdl'],
  ]],
  ['rulesets/vale/revised_draft_2006.spd', '## The net gain is not the basis of the requirement: new dwellings are (SPG 4.2).', [['## The net gain is not the basis of the requirement: new dwellings are (SPG 4.2).', 1, 'comment.line.documentation.spdl']]],
  ['rulesets/vale/revised_draft_2006.spd', 'override parameter affordable_share = 40%          [H16; SPG 4.1]', [
    ['40', 1, 'constant.numeric.percentage.spdl'],
    ['%', 1, 'keyword.other.unit.percent.spdl'],
  ]],
  ['rulesets/vale/revised_draft_2006.spd', 'input agreed_affordable  : dwellings optional    [SPG 6.9 (iv)]', [
    ['input', 1, 'storage.type.declaration.spdl'],
    ['agreed_affordable', 1, 'entity.name.variable.spdl'],
    ['dwellings', 1, 'keyword.other.unit.spdl'],
    ['optional', 1, 'storage.modifier.spdl'],
    ['SPG 6.9 (iv)', 1, 'string.other.citation.spdl'],
  ]],
  ['rulesets/vale/revised_draft_2006.spd', 'input viability_accepted : boolean default false [SPG 6.6-6.9]', [
    ['boolean', 1, 'storage.type.primitive.spdl'],
    ['default', 1, 'storage.modifier.spdl'],
    ['false', 1, 'constant.language.boolean.spdl'],
  ]],
  // A multi-line formula: the condition and its branches on their own lines.
  ['rulesets/vale/revised_draft_2006.spd', 'override rule policy_applies [H16] =', [
    ['rule', 1, 'storage.type.declaration.spdl'],
    ['policy_applies', 1, 'entity.name.function.spdl'],
  ]],
  ['rulesets/vale/revised_draft_2006.spd', 'then whole_site_dwellings >= urban_threshold or whole_site_area >= urban_site_area', [
    ['then', 1, 'keyword.control.spdl'],
    ['or', 1, 'keyword.operator.logical.spdl'],
    ['>=', 1, 'keyword.operator.comparison.spdl'],
    ['whole_site_dwellings', 1, 'variable.other.spdl'],
  ]],
  ['rulesets/vale/revised_draft_2006.spd', 'applies when policy_applies', [
    ['applies', 1, 'keyword.other.applies.spdl'],
    ['when', 1, 'keyword.control.spdl'],
    ['policy_applies', 1, 'variable.other.spdl'],  // not the keyword `policy`
  ]],
  ['rulesets/vale/revised_draft_2006.spd', 'then min(dwellings, round_half_up(provision_base * affordable_share))', [
    ['min', 1, 'support.function.builtin.spdl'],
    ['round_half_up', 1, 'support.function.builtin.spdl'],
  ]],
  ['rulesets/vale/revised_draft_2006.spd', 'else "{affordable_required} are expected to be affordable; the schedule has {affordable_proposed}"', [
    ['else', 1, 'keyword.control.spdl'],
    ['{affordable_required}', 1, 'constant.other.placeholder.spdl'],
    ['{affordable_required} are expected to be affordable; the schedule has {affordable_proposed}"', 1, 'string.quoted.double.spdl'],
  ]],
  ['rulesets/vale/revised_draft_2006.spd', 'override parameter affordable_tenures = [social_rent, shared_ownership, intermediate_rent, discounted_market_sale, shared_equity] [SPG 3.2-3.7]', [
    ['[', 1, 'meta.list.spdl'],                 // a list, not a citation
    ['social_rent', 1, 'variable.other.spdl'],
    ['SPG 3.2-3.7', 1, 'string.other.citation.spdl'],
  ]],
  ['rulesets/vale/revised_draft_2006.spd', 'require all(schedule.(bedrooms <= 2 bedrooms) where (type = flat or type = maisonette) and tenure in affordable_tenures)', [
    ['bedrooms', 1, 'variable.other.spdl'],     // a field...
    ['bedrooms', 2, 'keyword.other.unit.spdl'],  // ...and a unit
    ['where', 1, 'keyword.control.spdl'],
    ['in', 1, 'keyword.operator.word.spdl'],
  ]],
  ['rulesets/vale/revised_draft_2006.spd', 'rule intermediate_market_price_sought : £ per dwelling [SPG 3.6] =', [
    ['£', 1, 'keyword.other.unit.spdl'],
    ['per', 1, 'keyword.other.unit.per.spdl'],
    ['dwelling', 1, 'keyword.other.unit.spdl'],
  ]],
  ['rulesets/vale/revised_draft_2006.spd', 'else £0', [['£', 1, 'keyword.other.unit.spdl'], ['0', 1, 'constant.numeric.spdl']]],
  ['rulesets/harrow/draft_spd_2006.spd', 'parameter tci_larger_home      = £189,300          [Appendix 3]', [
    ['189,300', 1, 'constant.numeric.spdl'],
  ]],
  ['rulesets/harrow/draft_spd_2006.spd', 'published 2006-01', [['2006-01', 1, 'constant.numeric.date.spdl']]],
  ['rulesets/harrow/draft_spd_2006.spd', '| 1 bedroom  | 2 persons | social_bedroom_mix.one_bed   | 50 m2          |', [
    ['bedroom', 1, 'keyword.other.unit.spdl'],
    ['persons', 1, 'keyword.other.unit.spdl'],
    ['m2', 1, 'keyword.other.unit.spdl'],
    ['|', 1, 'punctuation.separator.table.spdl'],
  ]],
  ['rulesets/harrow/draft_spd_2006.spd', '| bedrooms   | persons   | share                        | min_floorspace |', [
    ['bedrooms', 1, 'variable.other.spdl'],   // a column, not a unit
  ]],
  ['rulesets/harrow/draft_spd_2006.spd', 'require all(schedule.(floorspace >= social_housing_standards[max(1 bedroom, min(bedrooms, 5 bedrooms))].min_floorspace) where tenure = social_rent)', [
    ['[', 1, 'meta.index.spdl'],             // an index, not a citation
    ['max', 1, 'support.function.builtin.spdl'],
    ['5', 1, 'constant.numeric.spdl'],
  ]],
  ['rulesets/salford/needs_model_2006.spd', 'input new_households              : dwellings per year default 500 dwellings per year   [Row 3.1]', [
    ['year', 1, 'keyword.other.unit.spdl'],
    ['500', 1, 'constant.numeric.spdl'],
    ['per', 2, 'keyword.other.unit.per.spdl'],
    ['year', 2, 'keyword.other.unit.spdl'],
  ]],
  ['rulesets/salford/needs_model_2006.spd', 'input register_with_credits_2006    : dwellings default 3,246 dwellings [Appendix A, Stage 1]', [
    ['3,246', 1, 'constant.numeric.spdl'],
    ['register_with_credits_2006', 1, 'entity.name.variable.spdl'],  // digits in a name are not a number
  ]],
  ['rulesets/salford/housing_guidance_2006.spd', 'consultation 2006-05-19 to 2006-06-29', [
    ['consultation', 1, 'keyword.other.header.spdl'],
    ['to', 1, 'keyword.other.header.spdl'],
    ['2006-06-29', 1, 'constant.numeric.date.spdl'],
  ]],
  ['rulesets/braintree/core_strategy_2009.spd', 'parameter growth_locations   = [panfield_lane_braintree, hatfield_road_witham, forest_road_witham] [Growth Locations]', [
    ['Growth Locations', 1, 'string.other.citation.spdl'],
  ]],
  ['rulesets/braintree/core_strategy_2009.spd', 'enum supply_part [Table of Size of Dwelling Site Supply 2009] =', [
    ['enum', 1, 'storage.type.declaration.spdl'],
    ['supply_part', 1, 'entity.name.type.spdl'],
    ['Table of Size of Dwelling Site Supply 2009', 1, 'string.other.citation.spdl'],  // `of` is not a keyword here
  ]],
  ['rulesets/vale/grove_annexe_a.spd', 'shares grove_annexe_split of grove_affordable_share [Annexe A]', [
    ['shares', 1, 'storage.type.declaration.spdl'],
    ['of', 1, 'keyword.other.spdl'],
  ]],
  ['stdlib/national/affordable.spd', 'use national.scheme', [
    ['use', 1, 'storage.type.declaration.spdl'],
    ['national.scheme', 1, 'entity.name.namespace.spdl'],
  ]],
  ['stdlib/national/scheme.spd', 'input schedule              : list of dwelling_row optional', [
    ['list', 1, 'storage.type.list.spdl'],
    ['dwelling_row', 1, 'storage.type.spdl'],
  ]],
  ['stdlib/national/scheme.spd', 'input dwellings             : dwellings at least 1 dwelling', [
    ['dwellings', 1, 'entity.name.variable.spdl'],
    ['at least', 1, 'keyword.other.bound.spdl'],
    ['dwelling', 1, 'keyword.other.unit.spdl'],
  ]],
];

// ---- the run -----------------------------------------------------------------------------------

function spdFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? spdFiles(p) : e.name.endsWith('.spd') ? [p] : [];
  });
}

function describe(file, line, col, text, want, scopes) {
  return `${file}:${line + 1}:${col + 1}: \`${text}\` should be ${want}; its scopes are ${scopes.join(' ') || '(none)'}`;
}

const grammar = await loadGrammar();
const files = ['rulesets', 'stdlib', 'spec/examples']
  .flatMap((d) => spdFiles(path.join(root, d))).sort()
  .map((p) => path.relative(root, p).split(path.sep).join('/'));
const failures = [];
const coloured = new Map();
let lineCount = 0;
let checked = 0;

for (const file of files) {
  const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  lineCount += lines.length;
  const tokens = colour(grammar, file, lines, failures);
  coloured.set(file, { lines, tokens });
  const found = lex(lines);
  if (found.length === 0) failures.push(`${file}: the lexer found no token to check`);
  for (const t of found) {
    const want = EXPECT[t.kind];
    for (let col = t.col; col < t.end; col++) {
      const scopes = scopesAt(tokens[t.line], col);
      if (!want.ok(scopes)) {
        failures.push(describe(file, t.line, col, t.text, `${t.kind} (${want.what})`, scopes));
        break;
      }
    }
    checked++;
  }
}

let named = 0;
for (const [file, lineText, cases] of NAMED) {
  const entry = coloured.get(file);
  const ln = entry ? entry.lines.findIndex((l) => l.trim() === lineText) : -1;
  if (ln < 0) { failures.push(`${file}: no line reads \`${lineText}\` (named check out of date?)`); continue; }
  const text = entry.lines[ln];
  for (const [needle, nth, scope] of cases) {
    // A word is found as a whole word: `dwelling` is not the start of `dwellings`.
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(/^\w/.test(needle) ? `(?<!\\w)${escaped}(?!\\w)` : escaped, 'g');
    const hits = [...text.matchAll(re)];
    const col = hits.length >= nth ? hits[nth - 1].index : -1;
    if (col < 0) { failures.push(`${file}:${ln + 1}: \`${needle}\` (occurrence ${nth}) is not on the line`); continue; }
    for (let c = col; c < col + needle.length; c++) {
      if (needle[c - col] === ' ') continue;
      const scopes = scopesAt(entry.tokens[ln], c);
      if (!scopes.includes(scope)) {
        failures.push(describe(file, ln, c, needle, scope, scopes));
        break;
      }
    }
    named++;
  }
}

// The VS Code extension ships this grammar (copied by its `grammar` script) for `.spd` files.
const grammarJson = JSON.parse(fs.readFileSync(grammarPath, 'utf8'));
const extension = JSON.parse(fs.readFileSync(path.join(root, 'editors/vscode/package.json'), 'utf8'));
const contributed = extension.contributes.grammars.find((g) => g.language === 'spdl');
const manifest = [
  [grammarJson.scopeName === 'source.spdl' && grammarJson.fileTypes.includes('spd'), 'the grammar is source.spdl for .spd'],
  [extension.contributes.languages.some((l) => l.id === 'spdl' && l.extensions.includes('.spd')), 'the extension contributes spdl for .spd'],
  [contributed && contributed.scopeName === grammarJson.scopeName, 'the extension contributes source.spdl'],
  [contributed && extension.scripts.grammar.includes('../spdl.tmLanguage.json') &&
    extension.scripts.grammar.includes(contributed.path.replace(/^\.\//, '')), 'the extension copies editors/spdl.tmLanguage.json to its grammar path'],
];
for (const [ok, what] of manifest) if (!ok) failures.push(`editors/vscode/package.json: expected: ${what}`);

const summary = `${files.length} files, ${lineCount} lines, ${checked + named} tokens checked ` +
  `(${named} named, ${checked} by the lexer)`;
if (failures.length) {
  const shown = failures.slice(0, 40);
  console.error(shown.join('\n'));
  if (failures.length > shown.length) console.error(`... and ${failures.length - shown.length} more`);
  console.error(`colour_test: FAILED: ${failures.length} failures; ${summary}`);
  process.exit(1);
}
console.log(`colour_test: ${summary}: all scopes as expected`);
