// A synthetic board paper's data, of any size, for renderer tests and the generation benchmark.
import type { PaperData, PaperRisk, PercentRow } from '../../src/modules/governance/papers/model.ts';
import { gridView } from '../../src/modules/governance/selfeval/grid.ts';
import { FRAMEWORK_2016, frameworkCriteria, type Rag } from '../../src/modules/governance/frameworks.ts';
import { percent } from '../../src/modules/governance/rollup.ts';
import JSZip from 'jszip';

function row(reference: string, title: string, complete: number, onTarget: number, delayed: number, notStarted: number): PercentRow {
  const actions = complete + onTarget + delayed + notStarted;
  return {
    reference, title, actions, complete, onTarget, delayed, notStarted,
    percentComplete: percent(complete, actions), percentOnTarget: percent(onTarget, actions), percentDelayed: percent(delayed, actions),
    percentNotStarted: percent(notStarted, actions), percentCompleteOrOnTarget: percent(complete + onTarget, actions),
  };
}

export function paperFixture(opts: { actions?: number; risks?: number } = {}): PaperData {
  const actions = opts.actions ?? 20;
  const perPriority = Math.ceil(actions / 5);
  const priorities: PercentRow[] = [];
  const exceptions: PaperData['exceptions'] = [];
  let n = 0;
  for (let p = 1; p <= 5; p++) {
    const count = Math.min(perPriority, actions - n);
    const c = Math.floor(count * 0.2), o = Math.floor(count * 0.45), d = Math.floor(count * 0.3), ns = count - c - o - d;
    priorities.push(row(String(p), `Priority ${p}: improve the timeliness and quality of EHC plans`, c, o, d, ns));
    for (let i = 0; i < d; i++) {
      exceptions.push({
        reference: `${p}.${i + 1}`, priorityReference: String(p), priorityTitle: `Priority ${p}`,
        description: `Deliver the co-produced improvement action ${p}.${i + 1} across education, health and social care partners`,
        leadOfficer: 'Head of SEND', dueDate: '2026-09-30', delayedSince: '2026-10-01',
        latestUpdate: { date: '2026-11-01', narrative: 'Delayed by the parent carer survey; the survey closes at the end of the month and the action will then move to complete.' },
      });
    }
    n += count;
  }
  const sum = (k: 'complete' | 'onTarget' | 'delayed' | 'notStarted') => priorities.reduce((a, p) => a + p[k], 0);
  const overall = row('All', 'All priorities', sum('complete'), sum('onTarget'), sum('delayed'), sum('notStarted'));
  const risks: PaperRisk[] = Array.from({ length: opts.risks ?? 12 }, (_, i) => ({
    reference: `R${i + 1}`, title: `Risk ${i + 1}: sufficiency of specialist places`, cause: 'Rising demand', consequence: 'Placements out of area', owner: 'Director of Education',
    category: 'Strategic', linkedPriorities: [String((i % 5) + 1)],
    inherent: { score: 20, bandLabel: 'High', colour: 'red', likelihood: 5, impact: 4 },
    residual: i % 2 ? { score: 16, bandLabel: 'High', colour: 'red', likelihood: 4, impact: 4 } : { score: 9, bandLabel: 'Medium', colour: 'yellow', likelihood: 3, impact: 3 },
    target: { score: 4, bandLabel: 'Low', colour: 'green', likelihood: 2, impact: 2 },
    direction: 'Improved', lastReviewedOn: '2026-10-01', nextReviewOn: '2026-11-01', reviewOverdue: true,
    controls: [{ description: 'Monthly sufficiency panel', owner: 'Head of SEND', effectiveness: 'Partly effective' }],
    actions: [{ description: 'Open a new resource base', owner: 'Capital lead', dueOn: '2027-09-01', status: 'open' }],
  }));
  const months = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
  const rags: Rag[] = ['red', 'amber', 'green'];
  const ratings = frameworkCriteria(FRAMEWORK_2016).flatMap((c, i) => months.map((m, j) => ({ criterionId: c.id, month: m, rag: rags[(i + (j >= 4 ? 1 : 0)) % 3]!, narrative: `Narrative for ${c.id}` })));
  return {
    version: 1,
    areaName: 'Demo Borough',
    titleBlock: { reportTo: 'SEND Improvement Board', date: '2026-12-01', reportingOfficer: 'Director of Children\'s Services', subject: 'SEND Improvement Plan Update', asAt: '2026-11-23' },
    narrative: {
      purpose: 'To assure the board of progress against the priority action plan.',
      recommendations: 'That the report be noted.\n\n- That the board agrees the revised risk scores',
      summary: 'Progress continues across all five priorities.', freeText: '',
    },
    plan: { id: '00000000-0000-0000-0000-000000000001', name: 'Priority action plan 2026', kindLabel: 'Priority action plan (2023 framework)', scheme: 'rag' },
    progress: { priorities, overall },
    exceptions,
    risks: {
      total: risks.length, overdueReviews: risks.length,
      bands: [{ label: 'Low', colour: 'green', count: 0 }, { label: 'Medium', colour: 'yellow', count: Math.ceil(risks.length / 2) }, { label: 'High', colour: 'red', count: Math.floor(risks.length / 2) }],
      extract: risks.filter((r) => r.residual?.bandLabel === 'High'), all: risks,
      heatMap: {
        impactHeadings: ['1 Insignificant', '2 Minor', '3 Moderate', '4 Major', '5 Severe'],
        rows: [5, 4, 3, 2, 1].map((l) => ({ label: `${l}`, cells: [1, 2, 3, 4, 5].map((i) => ({ count: l === 4 && i === 4 ? 6 : l === 3 && i === 3 ? 6 : 0, bandLabel: l * i >= 15 ? 'High' : l * i >= 5 ? 'Medium' : 'Low', score: l * i, colour: (l * i >= 15 ? 'red' : l * i >= 5 ? 'yellow' : 'green') as 'red' | 'yellow' | 'green' })) })),
      },
    },
    selfEvaluation: { title: 'Local area self-evaluation', grid: gridView(FRAMEWORK_2016, ratings, months), evidence: { A1: 'SEN2 return' } },
    kpis: { available: false, message: 'No KPI data available', rows: [] },
  };
}

/** A KPI section as the performance module fills it: two rated KPIs (one below target), one without a target. */
export const KPI_SECTION_FIXTURE: PaperData['kpis'] = {
  available: true, message: '',
  period: { from: '2025-12-02', to: '2026-12-01', asAt: '2026-12-01', previousFrom: '2024-12-02', previousTo: '2025-12-01' },
  rows: [
    { measure: 'EHC plans issued within 20 weeks (excluding exceptions)', value: '41.2%', target: '60.0%', rag: 'Below target', ragColour: 'red', direction: 'Worsening: down 3.1 percentage points' },
    { measure: 'Requests decided within 6 weeks', value: '88.0%', target: '85.0%', rag: 'On target', ragColour: 'green', direction: 'Improving: up 2.0 percentage points' },
    { measure: 'New EHC plans', value: '312', target: 'None set', rag: 'No target', direction: 'No change' },
  ],
  exceptions: [{ measure: 'EHC plans issued within 20 weeks (excluding exceptions)', value: '41.2%', target: '60.0%', officer: 'Head of SEND', commentary: 'Locum educational psychologists commissioned.' }],
  omitted: 4,
};

/** An imported plan of `actions` actions over five priorities: 20% complete, 45% on target, 30% delayed (each with an update), 5% not started. */
export function importedPlanFixture(actions: number): import('../../src/modules/governance/plan-import.ts').ImportedPlan {
  const cycle = ['complete', 'on-target', 'on-target', 'delayed', 'on-target', 'complete', 'delayed', 'on-target', 'delayed', 'on-target',
    'complete', 'on-target', 'delayed', 'on-target', 'complete', 'delayed', 'on-target', 'on-target', 'delayed', 'not-started'] as const;
  const priorities = [1, 2, 3, 4, 5].map((p) => ({ reference: String(p), title: `Priority ${p}: improve the timeliness of EHC plans`, actions: [] as import('../../src/modules/governance/plan-import.ts').ImportedAction[] }));
  for (let i = 0; i < actions; i++) {
    const p = priorities[i % 5]!;
    const status = cycle[i % cycle.length]!;
    p.actions.push({
      row: i + 2, reference: `${p.reference}.${p.actions.length + 1}`, priorityRef: p.reference,
      action: `Deliver improvement action ${p.reference}.${p.actions.length + 1} with education, health and social care partners`,
      lead: 'Head of SEND', sro: 'Director of Education', startDate: '2026-01-05', dueDate: '2026-09-30', status,
      successMeasure: 'Measured by the monthly dashboard',
      update: status === 'delayed' ? `Delayed: waiting for the parent carer survey (action ${p.reference}.${p.actions.length + 1}); expected to complete next month.` : null,
    });
  }
  return { scheme: 'rag', priorities };
}

/** The text runs of a .docx's main document, paragraph by paragraph. */
export async function docxParagraphs(bytes: Uint8Array): Promise<{ xml: string; paragraphs: string[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
    .map((s) => s.replace(/&amp;/g, '&').replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
  return { xml, paragraphs };
}

/**
 * The shown text of an uncompressed pdfkit PDF, one line per TJ operator. The fonts are embedded
 * (Identity-H: each shown character is a 2-byte glyph code), so each code is read back through its
 * font's ToUnicode map, as a screen reader or a copy and paste would.
 */
export function pdfLines(pdf: Buffer): string[] {
  const s = pdf.toString('latin1');
  const objects = new Map([...s.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)].map((m) => [m[1]!, m[2]!]));
  const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  const toUnicode = (fontObj: string): Map<number, string> => {
    const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontObj) ?? '')?.[1];
    const map = new Map<number, string>();
    for (const r of (ref && objects.get(ref)?.matchAll(/<([0-9a-fA-F]+)> <([0-9a-fA-F]+)> \[([^\]]*)\]/g)) || []) {
      const start = parseInt(r[1]!, 16);
      // A character outside the BMP is written as a surrogate pair with a space inside: <d83d de00>.
      [...r[3]!.matchAll(/<([0-9a-fA-F\s]*)>/g)].forEach((h, i) => map.set(start + i, utf16(h[1]!.replace(/\s/g, ''))));
    }
    return map;
  };
  const fonts = new Map<string, Map<number, string>>();
  for (const dict of s.matchAll(/\/Font <<([^>]*)>>/g)) for (const f of dict[1]!.matchAll(/\/(\w+) (\d+) 0 R/g)) if (!fonts.has(f[1]!)) fonts.set(f[1]!, toUnicode(f[2]!));
  const lines: string[] = [];
  let font = new Map<number, string>();
  for (const m of s.matchAll(/\/(\w+) [\d.]+ Tf|\[([^\]]*)\]\s*TJ/g)) {
    if (m[1] !== undefined) { font = fonts.get(m[1]) ?? new Map(); continue; }
    const text = [...m[2]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => {
      const hex = h[1]!;
      if (!font.size) return Buffer.from(hex, 'hex').toString('latin1');
      let out = '';
      for (let i = 0; i < hex.length; i += 4) out += font.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\ufffd';
      return out;
    }).join('');
    lines.push(text.trim());
  }
  return lines;
}
