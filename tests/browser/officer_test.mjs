#!/usr/bin/env node
// The officer's flow: the Vale's revised draft, the Wantage Road application
// (rulesets/vale/schemes/wantage_road.yaml) typed into the form by hand, field by field and row by
// row; the report beside it says 24 affordable dwellings, as `spdl eval` does for the same file,
// with the same decision. Then a value the scheme reader refuses: the message beside its field.
// Before that, the page as first opened: guidance in force today chosen, nothing to download yet.
// After it, other dates: a version chosen that was not in force on the day never reads as in force.
import fs from 'node:fs';
import { run, expect, log, screenshot, spdl, expectLabelled } from './harness.mjs';
import { fillByHand, waitForReport } from './officer_steps.mjs';

const RULESET = 'rulesets/vale/revised_draft_2006.spd';
const SCHEME = 'rulesets/vale/schemes/wantage_road.yaml';

await run(async ({ server, page }) => {
  const cli = JSON.parse(spdl('eval', RULESET, SCHEME, '--format', 'json'));
  const required = cli.policies.flatMap((p) => p.figures).find((f) => f.name === 'affordable_required');
  expect(required.value.display === '24 dwellings', `spdl eval gives ${required.value.display}, the seed says 24`);

  // The scheme as the server read the shipped file: what the officer has on paper.
  const examples = await (await fetch(`${server.url}v1/examples`)).json();
  const paper = examples.schemes.find((s) => s.id === 'vale/wantage_road').scheme;

  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  const todayInWords = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  const firstHint = await page.locator('#in-force-reason').textContent();
  log(`first opened: ${await page.getByLabel('Planning authority').inputValue()}, "${firstHint}"`);
  expect(firstHint.startsWith(`The guidance in force on ${todayInWords}.`), `first opened, the page should offer guidance in force today: "${firstHint}"`);
  for (const name of ['Print', 'Download JSON', 'Download Markdown']) {
    expect(await page.getByRole('button', { name }).isDisabled(), `${name} should be off before there is a report`);
  }
  expect(/there is none yet/.test(await page.locator('#toolbar-note').textContent()), 'the page should say why the downloads are off');
  await page.getByLabel('Planning authority').selectOption({ label: 'Vale of White Horse District Council' });
  const guidance = page.getByLabel('Guidance', { exact: true });
  const option = page.locator('#guidance option', { hasText: 'Revised Draft' });
  await guidance.selectOption(await option.getAttribute('value'));
  await page.waitForSelector('#in-dwellings');
  await screenshot(page, 'officer-empty-form.png');

  await expectLabelled(page);
  await fillByHand(page, paper);
  await page.getByRole('button', { name: 'Evaluate' }).click();
  await waitForReport(page, /Land off Wantage Road/);
  const report = page.locator('#report-body');
  const row = report.locator('section.policy', { hasText: 'H16' }).locator('tr', { has: page.locator('th', { hasText: /^affordable required/ }) }).first();
  const shown = (await row.locator('td.value').textContent()).trim();
  log(`the page: affordable required = ${shown}; spdl eval: ${required.value.display}`);
  expect(shown === required.value.display, `the page says ${shown}, spdl eval says ${required.value.display}`);
  const decision = (await report.locator('section.decision p').allTextContents()).map((t) => t.trim());
  expect(JSON.stringify(decision) === JSON.stringify(cli.decision),
    `the decision should read as spdl eval's:\n  page: ${decision.join(' ')}\n  cli:  ${cli.decision.join(' ')}`);
  const outcome = await report.locator('section.policy', { hasText: 'H16' }).locator('.outcome').textContent();
  expect(/24 dwellings proposed against 24 dwellings required/.test(outcome), `H16's outcome: "${outcome}"`);
  // Policies headed as the decision names them: "SPG 5.2", never the ruleset's SPG_5_2.
  const headings = (await report.locator('section.policy h3').allTextContents()).map((t) => t.trim());
  expect(headings.some((h) => h.startsWith('SPG 5.2: Tenure mix')), `policy headings: ${headings.join(' | ')}`);
  expect(!headings.some((h) => /SPG_/.test(h)), `policy headings: ${headings.join(' | ')}`);
  await expectVisible(report, 'Missing information');
  await expectVisible(report, 'To secure');
  await expectLabelled(page); // the schedule's rows too
  await screenshot(page, 'officer-wantage-road.png');
  await screenshot(page, 'officer-wantage-road-full.png', { fullPage: true });

  // A decimal comma, which the scheme reader refuses rather than guess at: said beside the field.
  await page.locator('#in-site_area').fill('2,4');
  await page.getByRole('button', { name: 'Evaluate' }).click();
  const error = page.locator('#err-site_area');
  await error.waitFor({ state: 'visible' });
  const message = await error.textContent();
  log(`beside site area: "${message}"`);
  expect(/comma/.test(message), `the site area's error should say what is wrong: "${message}"`);
  expect(await page.locator('#in-site_area[aria-invalid="true"]').count() === 1, 'the field is marked invalid');
  // The report on show is of the application before the comma: it prints marked out of date, but
  // is not offered as a download, which would carry no such mark.
  expect(await page.getByRole('button', { name: 'Download JSON' }).isDisabled(), 'no download of an out-of-date report');
  await screenshot(page, 'officer-field-error.png');

  // A row of the schedule: the message names the row, and the cell is marked.
  await page.locator('#in-site_area').fill('2.4');
  await page.getByLabel(/^Bedrooms, row 2$/i).fill('two');
  await page.getByRole('button', { name: 'Evaluate' }).click();
  const rowError = page.locator('#err-schedule');
  await rowError.waitFor({ state: 'visible' });
  const rowMessage = await rowError.textContent();
  log(`beside the schedule: "${rowMessage}"`);
  expect(/^Row 2: /.test(rowMessage), `the schedule's error should name row 2: "${rowMessage}"`);
  expect(await page.getByLabel(/^Bedrooms, row 2$/i).getAttribute('aria-invalid') === 'true', 'the cell is marked invalid');
  await page.getByLabel(/^Bedrooms, row 2$/i).fill('4');
  await page.getByRole('button', { name: 'Evaluate' }).click();
  await waitForReport(page, /Land off Wantage Road/);
  expect(!(await rowError.isVisible()), 'mended, the message goes');

  // The report to take away: as JSON (the API's document) and as Markdown (spdl eval's).
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
  const saved = JSON.parse(fs.readFileSync(await json.path(), 'utf8'));
  expect(saved.format === 'spdl-report/1' && JSON.stringify(saved.decision) === JSON.stringify(cli.decision), 'the JSON download is the report');
  const [markdown] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Markdown' }).click()]);
  const md = fs.readFileSync(await markdown.path(), 'utf8');
  const cliMarkdown = spdl('eval', RULESET, SCHEME, '--format', 'markdown');
  log(`downloads: ${json.suggestedFilename()}, ${markdown.suggestedFilename()} (${md.length} characters)`);
  expect(md.includes(cli.decision[0]) && /24 dwellings/.test(md), 'the Markdown download is the report');
  expect(md.split('\n')[0] === cliMarkdown.split('\n')[0], `the Markdown opens as spdl eval's: "${md.split('\n')[0]}"`);

  // The header says which guidance the report applies and whether it was the one in force on the
  // day chosen, in words. Today, the revised draft was.
  const header = report.locator('.report-header');
  let said = (await header.innerText()).replace(/\s+/g, ' ');
  expect(said.includes(`Report of ${todayInWords}`) && said.includes(`The guidance in force on ${todayInWords}.`),
    `today's report should say it applies the guidance in force today: "${said}"`);
  expect(!/\d{4}-\d{2}-\d{2}/.test(said), `the header's dates should be in words: "${said}"`);
  // On 1 January 2005 the first draft was in force; the revised draft, chosen by name, was not.
  await page.getByLabel('In force on').fill('2005-01-01');
  await waitForReport(page, /The guidance in force on 1 January 2005\. vale\.first_draft_2004/);
  await guidance.selectOption('vale.revised_draft_2006');
  await waitForReport(page, /Not the guidance in force on 1 January 2005\./);
  said = (await header.innerText()).replace(/\s+/g, ' ');
  log(`the revised draft on 1 January 2005: "${said}"`);
  expect(said.includes('Affordable Housing: Revised Draft Supplementary Planning Guidance') &&
    /vale\.first_draft_2004 \(published June 2004\) was the version in force on 1 January 2005/.test(said),
    `the header should name the guidance applied and the one in force: "${said}"`);
  expect(!/The guidance in force on|guidance in force on 2005/.test(said), `a version not in force must not read as in force: "${said}"`);
  await screenshot(page, 'officer-not-in-force.png');
  // On 1 January 2000 no version was in force: whichever is applied, the header says so.
  await page.getByLabel('In force on').fill('2000-01-01');
  await waitForReport(page, /Not in force on 1 January 2000\./);
  said = (await header.innerText()).replace(/\s+/g, ' ');
  log(`on 1 January 2000: "${said}"`);
  expect(/No version was in force on 1 January 2000/.test(said) && !/The guidance in force on/.test(said),
    `nothing was in force on 1 January 2000, and the header should say so: "${said}"`);
});

async function expectVisible(scope, heading) {
  const h = scope.getByRole('heading', { name: heading });
  expect(await h.isVisible(), `the report should show "${heading}"`);
}
