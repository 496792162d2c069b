// The region's 1st-grade admission period (seed 003) where a parent chooses a locality: on the
// landing page and the wizard's school step, open in the campaign and closed after it, with the
// dates the API gives. Then a staff member's profile (seed 002, 5.7): a wrong e-mail is refused
// at its field, the corrected details are saved and still there after a reload.
import { NOW, children, people, signIn } from '../lib/flow.mjs';

const DESKTOP = { viewport: { width: 1280, height: 900 } };
// After the 2026 campaign closed (30 August).
const AFTER = '2026-09-10T10:00:00+05:00';

// `2026-08-30` → `30.08.2026`, as the page shows a date.
const shown = (d) => d.split('-').reverse().join('.');

// The 1st-grade period of Astana for the site's current year, as the API gives it.
async function grade1Period(api) {
  const year = (await api('GET', '/api/campaign')).body.academic_year;
  const r = await api('GET', `/api/public/campaigns/astana/${year}`);
  const p = r.body.find((c) => c.service === 'grade1');
  if (!p) throw new Error(`no grade1 period: ${JSON.stringify(r.body)}`);
  return p;
}

async function assertNote(page, assert, period, what) {
  const note = page.locator('#campaign-period');
  const text = `с ${shown(period.opens)} по ${shown(period.closes)}`;
  await note.filter({ hasText: text }).waitFor();
  const said = await note.textContent();
  assert.match(said, period.open ? /идёт/ : /закрыт/, `${what}: ${said}`);
}

export default async function campaignAndProfile(ctx) {
  const { newPage, api, shot, assert } = ctx;
  try {
    // In the campaign: open, 1 June – 30 August.
    await api('PUT', '/api/dev/clock', { body: { now: NOW } });
    const open = await grade1Period(api);
    assert.equal(open.open, true, JSON.stringify(open));
    const page = await newPage(DESKTOP);
    await page.goto('/');
    await page.locator('#landing-locality').selectOption('astana');
    await assertNote(page, assert, open, 'landing, in the campaign');
    await shot(page, 'campaign-landing-open');

    // The wizard's school step shows it for the registered locality.
    await signIn(page, people.parent, '/apply');
    await page.waitForURL('**/apply', { waitUntil: 'commit' });
    const child = children.fourth;
    await page.locator('#child-iin').fill(child.iin);
    await page.locator('#child-birth-date').waitFor();
    await page.locator('#child-last-name').fill(child.last);
    await page.locator('#child-first-name').fill(child.first);
    await page.locator('#wizard-next').click();
    await page.locator('#applicant-phone').waitFor();
    await page.locator('#applicant-phone').fill('+7 701 555 12 34');
    await page.locator('#applicant-relation').selectOption('father');
    await page.locator('#wizard-next').click();
    await page.locator('#registered-address-text').waitFor();
    assert.equal(await page.locator('#locality').inputValue(), 'astana');
    await assertNote(page, assert, open, 'wizard, in the campaign');
    await shot(page, 'campaign-wizard-open');

    // After it: closed.
    await api('PUT', '/api/dev/clock', { body: { now: AFTER } });
    const closed = await grade1Period(api);
    assert.equal(closed.open, false, JSON.stringify(closed));
    const later = await newPage(DESKTOP);
    await later.goto('/');
    await later.locator('#landing-locality').selectOption('astana');
    await assertNote(later, assert, closed, 'landing, after the campaign');
    await shot(later, 'campaign-landing-closed');
  } finally {
    await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  }

  // The director's profile: a wrong e-mail refused at its field, then saved and kept.
  const staff = await newPage(DESKTOP);
  await signIn(staff, people.director, '/profile');
  await staff.waitForURL('**/profile', { waitUntil: 'commit' });
  const field = (id) => staff.locator(`#profile-${id}`);
  await field('last-name').waitFor();
  assert.ok((await field('last-name').inputValue()).length > 0, 'the name from the identity');
  const save = staff.locator('form[aria-labelledby="profile-edit"] button[type="submit"]');
  await field('email').fill('not-an-email');
  await save.click();
  await staff.locator('#profile-email-error').filter({ hasText: /\S/ }).waitFor();
  await staff.locator('#error-summary a[href="#profile-email"]').waitFor();
  await shot(staff, 'profile-error');

  const details = {
    email: 'gulnar.akhmetova@example.kz',
    phone: '+7 701 222 33 44',
    'position-ru': 'Директор школы',
    'position-kk': 'Мектеп директоры',
  };
  for (const [id, value] of Object.entries(details)) await field(id).fill(value);
  await save.click();
  await staff.locator('form[aria-labelledby="profile-edit"] [role="status"]').waitFor();
  assert.equal(await staff.locator('#profile-email-error').textContent(), '');
  await shot(staff, 'profile-saved');

  await staff.reload();
  await field('email').waitFor();
  await staff.waitForFunction(() => document.querySelector('#profile-email')?.value !== '');
  for (const [id, value] of Object.entries(details)) {
    const expected = id === 'phone' ? '+77012223344' : value;
    assert.equal(await field(id).inputValue(), expected, `${id} after a reload`);
  }
  const stored = await api('GET', '/api/me/profile', {
    token: await api.login(people.director.iin, people.director.name),
  });
  assert.equal(stored.body.email, details.email, JSON.stringify(stored.body));
  assert.equal(stored.body.position.ru, details['position-ru']);
}
