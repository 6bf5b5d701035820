// The pages' one door to the server: JSON in and out, errors as values (never thrown), so a
// page can show a 422's diagnostics beside the field they name. No framework, no network
// beyond the server that served the page.

/** @returns {Promise<{ok: boolean, status: number, data: any, text: string}>} */
export async function request(path, { method = 'GET', json, text, accept } = {}) {
  const headers = {};
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (text !== undefined) {
    headers['Content-Type'] = 'text/plain; charset=utf-8';
    body = text;
  }
  if (accept) headers.Accept = accept;
  let response;
  try {
    response = await fetch(path, { method, headers, body });
  } catch (e) {
    return { ok: false, status: 0, data: { error: { status: 0, message: `the server cannot be reached (${e.message})` } }, text: '' };
  }
  const raw = await response.text();
  let data = null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try { data = JSON.parse(raw); } catch { data = null; }
  }
  if (!response.ok && !data) {
    data = { error: { status: response.status, message: raw.trim() || response.statusText } };
  }
  return { ok: response.ok, status: response.status, data, text: raw };
}

export const getJSON = (path) => request(path);
export const postJSON = (path, json, opts = {}) => request(path, { method: 'POST', json, ...opts });

/** The message of a failed answer, in words. */
export function errorMessage(answer) {
  const e = answer.data && answer.data.error;
  if (e && e.message) return e.message;
  return `the server answered ${answer.status}`;
}

/** The diagnostics of a failed answer (a 422 of a scheme or a source with errors). */
export function errorDiagnostics(answer) {
  const e = answer.data && answer.data.error;
  return (e && Array.isArray(e.diagnostics)) ? e.diagnostics : [];
}

/** Offer text as a file to save, the way a browser downloads one. */
export function download(filename, text, type) {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A tiny element builder: el('p', {class: 'x'}, 'text', child). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** Run fn at most once per pause of `ms` milliseconds after the last call. */
export function debounce(fn, ms) {
  let timer = 0;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** Today as YYYY-MM-DD in the officer's own time zone. */
export function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];

/** A date as people read it: 2026-12-03 -> 3 December 2026; 2004-06 -> June 2004. Read from its
 *  digits (not through Date, whose time zone could move it a day); anything else is left as it is. */
export function dateInWords(iso) {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(String(iso));
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return String(iso);
  return m[3] ? `${Number(m[3])} ${MONTHS[m[2] - 1]} ${m[1]}` : `${MONTHS[m[2] - 1]} ${m[1]}`;
}

/** Every YYYY-MM-DD (or YYYY-MM) in a sentence written in words: "adopted 2006-05-04" -> "adopted 4 May 2006". */
export function datesInWords(text) {
  return String(text).replace(/\b\d{4}-\d{2}(?:-\d{2})?\b/g, (iso) => dateInWords(iso));
}

/** Replaces a node's children with `children`, lists flattened and nothing for null or false. */
export function setChildren(node, ...children) {
  node.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}
