#!/usr/bin/env node
// Printing the officer's report: with the print stylesheet the form, the navigation and the
// buttons are hidden, and the report is there headed by the authority, the guidance, its status
// and the date; page.pdf() gives A4 pages. The workbench prints its current view without the editor.
import fs from 'node:fs';
import path from 'node:path';
import { run, expect, log, screenshot, shots } from './harness.mjs';
import { waitForReport } from './officer_steps.mjs';

await run(async ({ server, page }) => {
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.getByLabel('Planning authority').selectOption({ label: 'Vale of White Horse District Council' });
  // The guidance in force today is chosen for the officer; on 1 January 2005 it was the first draft
  // (published June 2004; the revised draft is a material consideration from 4 May 2006).
  const guidance = page.getByLabel('Guidance', { exact: true });
  const chosen = async () => (await guidance.locator('option:checked').textContent()).trim();
  expect(/^Affordable Housing: Revised Draft .*in force\)$/.test(await chosen()), `today's guidance should be the revised draft: ${await chosen()}`);
  await page.getByLabel('In force on').fill('2005-01-01');
  await page.waitForFunction(() => document.getElementById('guidance').value === 'vale.first_draft_2004');
  await expectText(page, '#in-force-reason', /^The guidance in force on 1 January 2005\. vale\.first_draft_2004/);
  const today = await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; });
  await page.getByLabel('In force on').fill(today);
  await page.waitForFunction(() => document.getElementById('guidance').value === 'vale.revised_draft_2006');
  await page.waitForSelector('#in-dwellings');
  const example = page.locator('#example option', { hasText: 'vale/wantage_road' });
  await page.getByLabel('Start from an example').selectOption(await example.getAttribute('value'));
  await waitForReport(page, /Land off Wantage Road/);

  await page.emulateMedia({ media: 'print' });
  for (const [what, selector] of [['the form', '.form-pane'], ['the navigation', '.site-header'], ['the buttons', '.toolbar']]) {
    expect(!(await page.locator(selector).isVisible()), `${what} should not print`);
  }
  const report = page.locator('#report-body');
  expect(await report.isVisible(), 'the report should print');
  const header = await report.locator('.report-header').innerText();
  log(`the printed header: ${header.replace(/\n+/g, ' | ')}`);
  for (const want of ['Vale of White Horse District Council', 'Affordable Housing: Revised Draft Supplementary Planning Guidance', 'draft', 'Report of ']) {
    expect(header.includes(want), `the printed header should carry "${want}"`);
  }
  const inWords = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  expect(header.includes(`Report of ${inWords}`), `the printed header should carry the date in words (${inWords})`);
  expect(header.includes(`The guidance in force on ${inWords}.`), `the printed header should say the guidance was in force today`);
  expect(!/\d{4}-\d{2}/.test(header), `the printed header should give its dates in words: ${header}`);
  expect(/Decision/.test(await report.innerText()), 'the decision should print');
  await screenshot(page, 'officer-print.png', { fullPage: true });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const file = path.join(shots, 'officer-report.pdf');
  fs.writeFileSync(file, pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  log(`PDF ${file}: ${pdf.length} bytes, ${pages} pages, media box ${box ? `${box[1]} x ${box[2]} pt` : 'not found'}`);
  expect(pages >= 1, 'the PDF should have a page');
  expect(box && Math.abs(Number(box[1]) - 595.92) < 2 && Math.abs(Number(box[2]) - 842.88) < 2, 'the pages should be A4 (595 x 842 pt)');

  // The workbench prints the view on show, not the editor.
  await page.emulateMedia({ media: 'screen' });
  await page.goto(`${server.url}workbench#ruleset=vale.revised_draft_2006`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction(() => /^Up to date/.test(document.getElementById('status-compare').textContent));
  await page.emulateMedia({ media: 'print' });
  expect(!(await page.locator('.editor-pane').isVisible()), 'the editor should not print');
  expect(await page.locator('#body-compare').isVisible(), 'the comparison should print');
  await screenshot(page, 'workbench-print.png', { fullPage: true });
});

async function expectText(page, selector, pattern) {
  await page.waitForFunction(([selector, source]) => new RegExp(source).test(document.querySelector(selector).textContent), [selector, pattern.source]);
}
