// Steps of the workbench tests, as a user takes them: choose from the Open list, select text in
// the editor and type over it, switch tabs, and wait for a view to say it is up to date.
import { expect } from './harness.mjs';

export async function openInWorkbench(page, id) {
  await page.waitForSelector('body[data-ready="true"]');
  const option = page.locator('#open option', { hasText: `${id}:` });
  const value = await option.getAttribute('value');
  const select = page.getByLabel('Open', { exact: true });
  if ((await select.inputValue()) !== value) await select.selectOption(value);
  await page.waitForFunction((want) => window.spdlEditor && window.spdlEditor.getValue().includes(`ruleset ${want}`), id);
}

/** Selects `old` inside the first line holding `context` and types `replacement` over it. */
export async function replaceInEditor(page, context, old, replacement) {
  const found = await page.evaluate(([context, old]) => {
    const cm = window.spdlEditor;
    const lines = cm.getValue().split('\n');
    const line = lines.findIndex((l) => l.includes(context));
    if (line < 0) return null;
    const ch = lines[line].indexOf(old, lines[line].indexOf(context));
    return { line, ch };
  }, [context, old]);
  expect(found, `the editor has no line with "${context}"`);
  await page.evaluate(({ line, ch, length }) => {
    const cm = window.spdlEditor;
    cm.focus();
    cm.setSelection({ line, ch }, { line, ch: ch + length });
  }, { ...found, length: old.length });
  await page.keyboard.type(replacement, { delay: 20 });
  return found.line + 1; // as an editor numbers lines
}

export async function selectTab(page, label) {
  await page.getByRole('tab', { name: label }).click();
}

/** Waits until `view` is drawn anew (after drawing `after`) for the text now in the editor;
 *  returns the number of that drawing, to wait for the next one. */
export async function waitForView(page, view, after = -1) {
  const handle = await page.waitForFunction(([view, after]) => {
    const body = document.getElementById(`body-${view}`);
    const status = document.getElementById(`status-${view}`);
    const draw = Number(body.dataset.draw || -1);
    const current = Number(body.dataset.generation || -1) === window.spdlWorkbench.generation;
    if (draw > after && current && /^Up to date/.test(status.textContent)) return draw;
    if (status.classList.contains('stale-note') && !document.querySelector('#check-status.stale-note')) return `error: ${status.textContent}`;
    return false;
  }, [view, after], { polling: 20 });
  const result = await handle.jsonValue();
  expect(typeof result === 'number', `the ${view} view did not update: ${result}`);
  return result;
}

/** A row of the comparison's totals (all schemes), as displayed. */
export async function totalsRow(page, figure) {
  const row = page.locator('#body-compare section.totals').first().locator('tr', { has: page.locator('th', { hasText: figure }) }).first();
  const cells = await row.locator('td').allTextContents();
  expect(cells.length >= 3, `the totals have no row for ${figure}`);
  return { before: cells[0].trim(), after: cells[1].trim(), change: cells[2].trim() };
}
