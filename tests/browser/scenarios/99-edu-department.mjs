// The education department (seed 002, «Сотрудник управления образования»): Astana's
// department sees its region's application in the journal and not Karaganda's, opens the card
// read-only (no decision or signing), reads the report as a table (its «Всего по статусу» row)
// and as a chart with its legend, downloads the report and the journal as .xlsx, finds the
// application on the overdue dashboard once the deadline sweep marked it, and saves a campaign
// period.
import { NOW, signIn } from '../lib/flow.mjs';

const DESKTOP = { viewport: { width: 1280, height: 900 } };
// Demo people (infra/seed/demo.json, infra/seed/population.json).
const DEPARTMENT = { iin: '820411400100', name: 'Серікова Дана' };
const ASTANA = { parent: { iin: '910304400079', name: 'Жанибеков Ерлан' },
  child: { iin: '190510500032', last: 'Жанибекова', first: 'Айша' }, director: { iin: '850315400015', name: 'Ахметова Гульнар' } };
const KARAGANDA = { parent: { iin: '850909300315', name: 'Ким Сергей' },
  child: { iin: '200601600612', last: 'Ким', first: 'Алина' }, director: { iin: '900202400012', name: 'Ким Елена' } };

// A 1st-grade application of `who` to their director's school, left «На проверке».
async function submit({ api, baseUrl, assert }, who) {
  const director = await api.login(who.director.iin, who.director.name);
  const me = await api('GET', '/api/me', { token: director });
  const org = me.body.memberships.find((m) => m.org_id)?.org_id;
  assert.ok(org, JSON.stringify(me.body));
  const parent = await api.login(who.parent.iin, who.parent.name);
  const docs = [];
  for (const kind of ['photo', 'vaccination_card', 'health_passport']) {
    const bytes = Buffer.from('%PDF-1.4 sample');
    const f = await api('POST', '/api/files', { token: parent, body: { kind, content_type: 'application/pdf', size: bytes.length } });
    assert.equal(f.status, 201, JSON.stringify(f.body));
    const url = f.body.upload.url.startsWith('http') ? f.body.upload.url : baseUrl + f.body.upload.url;
    const up = await fetch(url, { method: f.body.upload.method, headers: f.body.upload.headers, body: bytes });
    assert.ok(up.ok, `upload ${kind}: ${up.status}`);
    docs.push({ kind, file_id: f.body.file_id });
  }
  const c = who.child;
  const born = `20${c.iin.slice(0, 2)}-${c.iin.slice(2, 4)}-${c.iin.slice(4, 6)}`;
  const sub = await api('POST', '/api/applications', { token: parent, body: {
    service: 'grade1', org_id: org, academic_year: '2026-2027', language: 'ru',
    child: { iin: c.iin, last_name: c.last, first_name: c.first, middle_name: '', birth_date: born, sex: c.iin[6] === '5' ? 'male' : 'female' },
    applicant: { phone: '+77015551234', email: 'parent@example.kz', relation: c.iin[6] === '5' ? 'father' : 'mother' },
    actual_address: null, transport_requested: false, special_needs: false, documents: docs } });
  assert.equal(sub.status, 201, JSON.stringify(sub.body));
  return sub.body;
}

// The export the link names, fetched with the page's session: an .xlsx (a zip: "PK").
async function assertXlsx(page, assert, testid) {
  const href = await page.getByTestId(testid).getAttribute('href');
  const got = await page.evaluate(async (href) => {
    const token = sessionStorage.getItem('qabyldau.token');
    const r = await fetch(href, { headers: { authorization: `Bearer ${token}` } });
    const bytes = new Uint8Array(await r.arrayBuffer());
    return { status: r.status, type: r.headers.get('content-type'), head: String.fromCharCode(bytes[0], bytes[1]), size: bytes.length };
  }, href);
  assert.equal(got.status, 200, `${href}: ${JSON.stringify(got)}`);
  assert.equal(got.head, 'PK', `${href} is a zip (xlsx)`);
  assert.match(got.type || '', /spreadsheetml/, href);
}

export default async function eduDepartment(ctx) {
  const { newPage, api, shot, assert } = ctx;
  await api('PUT', '/api/dev/clock', { body: { now: NOW } });
  const mine = await submit(ctx, ASTANA);
  const theirs = await submit(ctx, KARAGANDA);

  // The journal: Astana's application, not Karaganda's.
  const page = await newPage(DESKTOP);
  await signIn(page, DEPARTMENT, '/edu');
  await page.waitForURL('**/edu', { waitUntil: 'commit' });
  const row = page.locator(`tr[data-id="${mine.id}"]`);
  await row.waitFor();
  assert.equal(await page.locator(`tr[data-id="${theirs.id}"]`).count(), 0, 'no other region\'s application');
  // Numbers are per organisation (both are № 1 here): the other region's child's IIN.
  await page.locator('#edu-q').fill(KARAGANDA.child.iin);
  await page.locator('form[role="search"] button[type="submit"]').click();
  await page.locator('p.empty').waitFor();
  assert.equal(await page.locator(`tr[data-id="${theirs.id}"]`).count(), 0, 'not found by its IIN either');
  await page.locator('#edu-q').fill('');
  await page.locator('form[role="search"] button[type="submit"]').click();
  await row.waitFor();
  await shot(page, 'edu-journal');
  await assertXlsx(page, assert, 'journal-export');

  // The card, read-only.
  await row.locator('a.row-link').click();
  await page.waitForURL(`**/edu/applications/${mine.id}`);
  await page.locator('#sec-history').waitFor();
  for (const name of ['Принять', 'Отказать', 'Подписать', 'Назначить']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 0, `no «${name}» for the department`);
  }
  await shot(page, 'edu-card');

  // The report: the table with its total row, then the chart with its legend.
  await page.goto('/edu/report');
  const table = page.getByTestId('report-table');
  await table.waitFor();
  const total = page.getByTestId('report-total');
  assert.ok(Number(await total.locator('[data-column="total"]').textContent()) >= 1, 'the total row counts the application');
  assert.ok(Number(await total.locator('[data-column="received"]').textContent()) >= 1, 'received, not yet taken up');
  await shot(page, 'edu-report-table');
  await assertXlsx(page, assert, 'report-export');
  await page.getByRole('tab', { name: /ДИАГРАММА/ }).click();
  const chart = page.getByTestId('report-chart');
  await chart.waitFor();
  assert.ok(await chart.locator('g.chart-bar').count() >= 1, 'a bar per territory');
  assert.match(await chart.locator('g.chart-bar').first().getAttribute('aria-label'), /Поступило \d+/);
  assert.equal(await page.getByTestId('chart-legend').locator('li').count(), 6, 'a legend entry per status column');
  assert.equal(await chart.locator('rect[data-column="received"]').first().getAttribute('fill'), '#2f6fdf');
  await shot(page, 'edu-report-chart');

  // The overdue dashboard, once the sweep marked the application overdue.
  await api('PUT', '/api/dev/clock', { body: { now: '2026-07-15T10:00:00+05:00' } });
  const sweep = await api('POST', '/api/dev/jobs/deadline-sweep');
  assert.ok(sweep.status < 300, JSON.stringify(sweep.body));
  await page.goto('/edu/overdue');
  const item = page.locator(`[data-testid="overdue-group"] li[data-id="${mine.id}"]`);
  await item.waitFor();
  assert.match(await item.getByTestId('overdue-for').textContent(), /\d+ д/);
  assert.equal(await page.locator(`li[data-id="${theirs.id}"]`).count(), 0, 'not another region\'s');
  await shot(page, 'edu-overdue');

  // Campaign settings: Astana's 1st-grade period saved.
  await page.goto('/edu/campaigns');
  const grade1 = page.locator('.campaign-card[data-service="grade1"]');
  await grade1.waitFor();
  await grade1.locator('#c-grade1-closes').fill('2026-08-25');
  await grade1.locator('button[type="submit"]').click();
  await grade1.getByTestId('campaign-saved').waitFor();
  await grade1.getByTestId('campaign-period').filter({ hasText: '25.08.2026' }).waitFor();
  assert.match(await grade1.getByTestId('campaign-source').textContent(), /установлен/);
  await shot(page, 'edu-campaigns');
  await api('PUT', '/api/dev/clock', { body: { now: NOW } });
}
