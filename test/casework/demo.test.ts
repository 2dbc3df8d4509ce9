// The demo caseload: deterministic, shaped like a real area's, every event valid, and quick to seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { generateCaseload, isoOf } from '../../src/modules/casework/demo.ts';
import { fold, OPEN_STAGES, STAGES } from '../../src/modules/casework/fold.ts';
import { parseEventData } from '../../src/modules/casework/events.ts';
import { buildTestApp } from '../helpers/app.ts';

const today = Temporal.PlainDate.from('2026-11-23');
const users = { caseworker: 'cw', manager: 'mgr', others: ['o1', 'o2'] };

test('the generated caseload is deterministic, valid, and shaped like an area\'s', () => {
  const first = generateCaseload(today, users);
  const again = generateCaseload(today, users);
  assert.deepEqual(again.cases.slice(0, 50), first.cases.slice(0, 50), 'same seed, same caseload');
  const stages = new Map<string, number>();
  let inForce = 0, overdue = 0, atRisk = 0, issued = 0, within = 0, appeals = 0, mine = 0;
  const requestsByYear = new Map<number, number>();
  for (const c of first.cases) {
    for (const e of c.events) {
      const parsed = parseEventData(e.type, e.data);
      assert.ok(parsed.ok, `${e.type}: ${JSON.stringify(parsed)}`);
    }
    const s = fold(c.events.map((e, i) => ({ id: e.id, seq: i + 1, type: e.type, effectiveDate: isoOf(e.date), data: e.data })), today);
    assert.deepEqual(s.rejected, []);
    stages.set(s.stage, (stages.get(s.stage) ?? 0) + 1);
    if (s.planInForce) inForce++;
    if (s.overdue.length) overdue++;
    else if (s.nextDue && s.nextDue.due <= today.add({ days: 14 }).toString()) atRisk++;
    if (c.events.some((e) => e.type === 'appeal-registered')) appeals++;
    if (c.assignedTo === 'cw') mine++;
    const req = c.events.find((e) => e.type === 'request-received');
    if (req) { const y = Number(isoOf(req.date).slice(0, 4)); requestsByYear.set(y, (requestsByYear.get(y) ?? 0) + 1); }
    const f = s.deadlines.find((d) => d.key === 'final-plan');
    if (f?.met && f.met.startsWith('2025')) { issued++; if (f.met <= f.due) within++; }
  }
  for (const stage of Object.keys(STAGES)) assert.ok((stages.get(stage) ?? 0) > 0, `some cases at stage ${stage}`);
  assert.ok(inForce >= 1400 && inForce <= 1650, `about 1,500 plans in force (${inForce})`);
  assert.ok(Math.abs((requestsByYear.get(2025) ?? 0) - 400) <= 20, `about 400 requests in 2025 (${requestsByYear.get(2025)})`);
  assert.ok(within / issued > 0.4 && within / issued < 0.6, `about half of 2025's new plans within 20 weeks (${within}/${issued})`);
  assert.ok(overdue >= 20 && atRisk >= 20, `some overdue (${overdue}) and at-risk (${atRisk}) cases`);
  assert.ok(appeals >= 5, `a few appeals (${appeals})`);
  assert.ok(mine / first.cases.length > 0.6, 'most cases are the demo caseworker\'s');
  assert.ok(OPEN_STAGES.every((st) => stages.has(st)));
});

test('the demo seeds on PGlite and the caseworker\'s tray shows the real caseload', async () => {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const t = await buildTestApp({ demoData: true });
  const used = process.cpuUsage(cpu);
  console.log(`# demo seed (all modules) on PGlite: ${Math.round(performance.now() - started)} ms wall, ${Math.round((used.user + used.system) / 1000)} ms CPU`);
  try {
    const b = await t.signIn('caseworker@demo.joinedup.invalid');
    const tray = await b.get('/casework?filter=overdue');
    assert.equal(tray.statusCode, 200);
    const $ = cheerio.load(tray.body);
    assert.ok($('#tray tbody tr').length > 5, 'overdue cases in the tray');
    assert.ok($('#tray tbody tr td:nth-child(5)').map((_, td) => $(td).text().trim()).get().every((s) => s === 'Overdue'));
    const first = $('#tray tbody tr th a').first().attr('href')!;
    const page = await b.get(first);
    assert.equal(page.statusCode, 200);
    assert.ok(cheerio.load(page.body)('#overdue-list li').length >= 1);
    const mgr = await t.signIn('manager@demo.joinedup.invalid');
    const team = await mgr.get('/casework/team');
    assert.equal(team.statusCode, 200);
    assert.match(cheerio.load(team.body)('#by-worker').text(), /Robin Reyes/);
  } finally {
    await t.close();
  }
});
