// Syntax colouring of spdl for CodeMirror 5's simple mode. The words are those of
// editors/spdl.tmLanguage.json and spec/language.md (lang/grammar.hpp is the authority):
// declarations and keywords, the header's fields, units, built-in functions, numbers with their
// units, dates, strings, citations in brackets, and comments (`##` documentation apart).
const words = (s) => new RegExp(`(?:${s.trim().split(/\s+/).join('|')})\\b`);

export const DECLARATIONS = 'ruleset module use input parameter rule check condition exception table enum extend record shares policy override remove apportion';
export const KEYWORDS = 'if then else when and or not in where for over require optional default list of per at least most applies by';
export const HEADER = 'title authority status source published adopted approved superseded withdrawn consultation material amends to';
export const UNITS = 'dwelling dwellings habitable_room habitable_rooms bedroom bedrooms person persons people ha hectare hectares m2 sqm pound pounds GBP year years';
export const BUILTINS = 'round_half_up round_half_even round_up round_down min max abs known sum count any all';
export const TYPES = 'boolean number percent date text';

export function defineSpdlMode(CodeMirror) {
  CodeMirror.defineSimpleMode('spdl', {
    start: [
      { regex: /##.*/, token: 'comment spdl-doc' },
      { regex: /#.*/, token: 'comment' },
      { regex: /"(?:[^\\"]|\\.)*?(?:"|$)/, token: 'string' },
      // A citation: brackets holding a paragraph number ([H16; SPG 4.1], [para 1.2]); a list of
      // members ([social_rent, shared_ownership]) holds none and is coloured word by word.
      { regex: /\[[^\]\n]*\d[^\]\n]*\]/, token: 'spdl-citation' },
      { regex: /\d{4}-\d{2}(?:-\d{2})?\b/, token: 'number' },
      { regex: /£?\d[\d,]*(?:\.\d+)?%?/, token: 'number' },
      { regex: /\b(?:true|false|yes|no)\b/, token: 'atom' },
      { regex: new RegExp(`\\b${words(DECLARATIONS).source}`), token: 'keyword' },
      { regex: new RegExp(`\\b${words(KEYWORDS).source}`), token: 'keyword' },
      { regex: new RegExp(`\\b${words(HEADER).source}`), token: 'def' },
      { regex: new RegExp(`\\b${words(UNITS).source}`), token: 'spdl-unit' },
      { regex: new RegExp(`\\b${words(BUILTINS).source}(?=\\s*\\()`), token: 'builtin' },
      { regex: new RegExp(`\\b${words(TYPES).source}`), token: 'type' },
      { regex: /[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*/, token: 'variable' },
      { regex: /(?:>=|<=|==|!=|[-+*/=<>×])/, token: 'operator' },
      { regex: /[{}()[\],:;]/, token: 'bracket' },
    ],
    meta: { lineComment: '#' },
  });
}
