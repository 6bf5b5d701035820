// Steps of the officer's tests, as an officer takes them: each value typed into the field its
// label names (without the unit the page shows beside it), each schedule row added and filled.
import { expect } from './harness.mjs';

const words = (name) => name.replace(/_/g, ' ');
const exactLabel = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`, 'i');

/** What an officer types for a value the scheme file writes with its unit: "2.4 ha" -> "2.4". */
function typed(value) {
  return String(value).replace(/\s*(ha|m2|dwellings?|persons|bedrooms?|habitable_rooms?|%)$/, '');
}

async function setField(page, locator, value) {
  const tag = await locator.evaluate((n) => n.tagName);
  if (tag === 'SELECT') {
    const norm = (s) => String(s).toLowerCase().replace(/[-_ ]/g, '');
    const options = await locator.locator('option').evaluateAll((os) => os.map((o) => ({ value: o.value, label: o.textContent })));
    const match = options.find((o) => o.value && (norm(o.label) === norm(value) || norm(o.value) === norm(value)));
    expect(match, `no choice "${value}" among ${options.map((o) => o.label).join(', ')}`);
    await locator.selectOption(match.value);
  } else {
    await locator.fill(typed(value));
  }
}

export async function fillByHand(page, scheme) {
  for (const [key, value] of Object.entries(scheme)) {
    if (key === 'schedule') continue;
    const label = key === 'name' ? 'Scheme name' : key === 'reference' ? 'Application reference' : words(key);
    await setField(page, page.getByLabel(exactLabel(label)), value);
  }
  const add = page.getByRole('button', { name: /^Add a row to the schedule/ });
  for (const [i, row] of (scheme.schedule || []).entries()) {
    await add.click();
    for (const [field, value] of Object.entries(row)) {
      await setField(page, page.getByLabel(exactLabel(`${words(field)}, row ${i + 1}`)), value);
    }
  }
}

export async function waitForReport(page, pattern) {
  await page.waitForFunction((source) => {
    const body = document.getElementById('report-body');
    return !body.dataset.pending && !body.classList.contains('stale') && new RegExp(source).test(body.textContent) && body.querySelector('section.decision');
  }, pattern.source);
}
