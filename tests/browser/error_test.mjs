#!/usr/bin/env node
// A typo while drafting: the diagnostic shows inline at the line of the typo (a marker in the
// gutter, the misspelt name underlined, the list under the editor naming the line), and the
// comparison keeps its last good results, marked out of date. Mending the typo brings it back.
import { run, expect, log, screenshot } from './harness.mjs';
import { openInWorkbench, replaceInEditor, waitForView, totalsRow } from './workbench_steps.mjs';

await run(async ({ server, page }) => {
  await page.goto(`${server.url}workbench#ruleset=vale.revised_draft_2006`);
  await openInWorkbench(page, 'vale.revised_draft_2006');
  const clean = await waitForView(page, 'compare');
  const good = await totalsRow(page, 'affordable required');

  // `then min(dwellings, round_half_up(provision_base * affordable_share))` with provision_base misspelt.
  const line = await replaceInEditor(page, 'round_half_up(provision_base * affordable_share)', 'provision_base', 'provison_base');
  await page.waitForFunction(() => document.querySelector('#check-status').classList.contains('stale-note'));
  const status = await page.locator('#check-status').textContent();
  log(`after the typo on line ${line}: "${status}"`);
  expect(new RegExp(`first at line ${line}\\b`).test(status), `the error should be placed at line ${line}: "${status}"`);
  const listed = await page.locator('#diagnostics li').allTextContents();
  expect(listed.some((t) => t.startsWith(`line ${line}, column`) && /provison_base/.test(t)),
    `the list should name line ${line} and the misspelt name: ${JSON.stringify(listed)}`);
  // The underline is on the misspelt name, on the right line of the editor.
  const underlined = await page.locator('.CodeMirror-lint-mark-error').allTextContents();
  expect(underlined.includes('provison_base'), `the misspelt name should be underlined, got ${JSON.stringify(underlined)}`);
  const markerLine = await page.evaluate(() => {
    const cm = window.spdlEditor;
    for (let l = 0; l < cm.lineCount(); l++) {
      const info = cm.lineInfo(l);
      if (info.gutterMarkers && info.gutterMarkers['CodeMirror-lint-markers']) return l + 1;
    }
    return null;
  });
  expect(markerLine === line, `the gutter marker should be on line ${line}, it is on ${markerLine}`);
  // The last good results stay, marked out of date.
  const kept = await totalsRow(page, 'affordable required');
  expect(JSON.stringify(kept) === JSON.stringify(good), `the last good totals should stay: ${JSON.stringify(kept)} against ${JSON.stringify(good)}`);
  expect(await page.locator('#body-compare.stale').count() === 1, 'the results should be marked out of date');
  const viewStatus = await page.locator('#status-compare').textContent();
  expect(/^Out of date: the source has \d+ errors?/.test(viewStatus), `the view should say it is out of date: "${viewStatus}"`);
  await page.locator('.CodeMirror-lint-mark-error').first().hover();
  await page.waitForSelector('.CodeMirror-lint-tooltip', { state: 'visible' });
  await screenshot(page, 'workbench-error.png');

  await replaceInEditor(page, 'round_half_up(provison_base * affordable_share)', 'provison_base', 'provision_base');
  await waitForView(page, 'compare', clean);
  expect(await page.locator('#body-compare.stale').count() === 0, 'mended, the results are current again');
  expect(await page.locator('.CodeMirror-lint-mark-error').count() === 0, 'mended, nothing is underlined');
});
