// Risks, self-evaluation and board papers on both databases: the demo register and self-evaluation,
// area isolation of every new table, append-only assessments, and an issued paper's bytes stored and
// read back unchanged (bytea) and refused any change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { backends } from '../helpers/db.ts';
import { withArea, asSystem } from '../../src/platform/db/database.ts';
import { seedDemo } from '../../src/platform/demo/seed.ts';
import { governancePlansDemo } from '../../src/modules/governance/plans/demo.ts';
import { governanceRisksDemo } from '../../src/modules/governance/risks/demo.ts';
import { registerData } from '../../src/modules/governance/risks/service.ts';
import { selfEvaluationView, listSelfEvaluations } from '../../src/modules/governance/selfeval/service.ts';
import { issuePaper, listPapers, documentFor } from '../../src/modules/governance/papers/service.ts';
import type { Principal } from '../../src/platform/auth/policy.ts';

const TODAY = Temporal.PlainDate.from('2026-11-23');
const TABLES = ['risk_band_setting', 'risk', 'risk_assessment', 'risk_control', 'self_evaluation', 'self_evaluation_rating', 'board_paper', 'board_paper_issue'] as const;

for (const backend of backends()) {
  test(`${backend.name}: risk register, self-evaluation and board papers`, async (t) => {
    const database = await backend.open('governance-papers');
    t.after(() => database.close());
    const db = database.db;
    const { areaId } = await seedDemo(db, TODAY, [governancePlansDemo, governanceRisksDemo]);
    const other = await db.insertInto('area').values({ code: 'E99999993', name: 'Other' }).returning('id').executeTakeFirstOrThrow();

    await t.test('the demo register: 12 risks with a year of assessments, controls and overdue reviews', async () => {
      const reg = await withArea(db, areaId, (trx) => registerData(trx, TODAY));
      assert.equal(reg.risks.length, 12);
      assert.deepEqual(reg.overdueReviews.map((r) => r.reference).sort(), ['R11', 'R2', 'R5']);
      assert.equal(reg.risks[0]!.residual!.score, 16, 'highest residual first');
      assert.equal(reg.heatMaps.residual.total, 12);
      const r2 = reg.risks.find((r) => r.reference === 'R2')!;
      assert.equal(r2.direction, 'improved');
      assert.ok(reg.controls[r2.id]!.some((c) => c.kind === 'action'));
      const history = await withArea(db, areaId, (trx) => trx.selectFrom('risk_assessment').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
      assert.equal(Number(history.n), 12 * 6);
    });

    await t.test('the demo self-evaluation: twelve months of the 2023 framework', async () => {
      const [se] = await withArea(db, areaId, (trx) => listSelfEvaluations(trx));
      assert.equal(se!.months, 12);
      assert.equal(se!.latestMonth, '2026-11');
      const v = await withArea(db, areaId, (trx) => selfEvaluationView(trx, se!.id, '2026-11'));
      assert.deepEqual(v.grid.months.map((m) => m.month), ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
      assert.equal(v.grid.sections.flatMap((s) => s.rows).length, 6);
    });

    await t.test('every new table is isolated by area, for reading and writing', async () => {
      for (const table of TABLES) {
        const seen = await withArea(db, other.id, (trx) => sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(trx));
        assert.equal(seen.rows[0]!.n, 0, `${table} hidden from another area`);
      }
      const mine = await withArea(db, areaId, (trx) => trx.selectFrom('risk').select('id').executeTakeFirstOrThrow());
      await assert.rejects(withArea(db, other.id, (trx) => trx.insertInto('risk_control').values({ area_id: areaId, risk_id: mine.id, kind: 'control', description: 'x' }).execute()), /row-level security/);
    });

    await t.test('assessments are append-only, even for the table owner', async () => {
      await assert.rejects(asSystem(db, (trx) => sql`update risk_assessment set score = 1`.execute(trx)), /append-only/);
      await assert.rejects(asSystem(db, (trx) => sql`delete from risk_assessment`.execute(trx)), /append-only/);
      await assert.rejects(withArea(db, areaId, (trx) => sql`delete from risk_assessment`.execute(trx)), /permission denied|append-only/);
    });

    await t.test('issuing the demo draft stores the documents; they read back byte for byte and cannot change', async () => {
      const [draft] = await withArea(db, areaId, (trx) => listPapers(trx));
      assert.equal(draft!.status, 'draft');
      const user = await asSystem(db, (trx) => trx.selectFrom('app_user').select('id').where('email', '=', 'manager@demo.joinedup.invalid').executeTakeFirstOrThrow());
      const principal = { userId: user.id, name: 'Morgan Manager', email: 'manager@demo.joinedup.invalid', areaId, areaCode: 'E99999999', areaName: 'Demo Borough', roles: new Set(['team-manager']), organisationIds: [], via: 'session' } as Principal;
      await issuePaper(db, { principal }, draft!.id, TODAY);
      const stored = await asSystem(db, (trx) => trx.selectFrom('board_paper_issue').select(['docx_sha256', 'pdf_sha256', 'data']).where('paper_id', '=', draft!.id).executeTakeFirstOrThrow());
      for (const format of ['docx', 'pdf'] as const) {
        const doc = await documentFor(db, areaId, 'Demo Borough', draft!.id, format);
        assert.equal(doc.issued, true);
        assert.equal(createHash('sha256').update(doc.bytes).digest('hex'), stored[`${format}_sha256`]);
      }
      const data = stored.data as { progress: { overall: { actions: number } }; risks: { total: number }; selfEvaluation: { grid: { months: unknown[] } } };
      assert.equal(data.progress.overall.actions, 40);
      assert.equal(data.risks.total, 12);
      assert.equal(data.selfEvaluation.grid.months.length, 6);
      await assert.rejects(asSystem(db, (trx) => sql`delete from board_paper_issue`.execute(trx)), /cannot be changed/);
      await assert.rejects(asSystem(db, (trx) => sql`update board_paper set summary = 'x' where id = ${draft!.id}`.execute(trx)), /cannot be changed/);
    });
  });
}
