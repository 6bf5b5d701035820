#!/usr/bin/env node
// The officer's flow: the Vale's revised draft, the Wantage Road application
// (rulesets/vale/schemes/wantage_road.yaml) typed into the form by hand, field by field and row by
// row; the report beside it says 24 affordable dwellings, as `spdl eval` does for the same file,
// with the same decision. Then a value the scheme reader refuses: the message beside its field.
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
});

async function expectVisible(scope, heading) {
  const h = scope.getByRole('heading', { name: heading });
  expect(await h.isVisible(), `the report should show "${heading}"`);
}
