// A board paper's content in the shape of the council papers (title block, purpose, recommendations,
// summary, progress by priority, exceptions, risk register extract, self-evaluation grid, KPIs,
// appendices), as data, and then as a list of blocks every renderer (Word, PDF, HTML) draws the same way.
// Pure: no database, no clock.
import type { SelfEvalGridView } from '../selfeval/grid.ts';
import type { TagColour } from '../risks/register.ts';
import { govukDate } from '../../../platform/time/format.ts';

export const PAPER_DATA_VERSION = 1;

export interface PercentRow {
  reference: string;
  title: string;
  actions: number;
  complete: number;
  onTarget: number;
  delayed: number;
  notStarted: number;
  percentComplete: number | null;
  percentOnTarget: number | null;
  percentDelayed: number | null;
  percentNotStarted: number | null;
  percentCompleteOrOnTarget: number | null;
}

export interface ExceptionRow {
  reference: string;
  priorityReference: string;
  priorityTitle: string;
  description: string;
  leadOfficer: string;
  dueDate: string;
  delayedSince: string | null;
  latestUpdate: { date: string; narrative: string } | null;
}

export interface PaperScore { score: number; bandLabel: string; colour: TagColour; likelihood: number; impact: number }

export interface PaperRisk {
  reference: string;
  title: string;
  cause: string;
  consequence: string;
  owner: string;
  category: string;
  linkedPriorities: string[];
  inherent: PaperScore | null;
  residual: PaperScore | null;
  target: PaperScore | null;
  direction: string;
  lastReviewedOn: string | null;
  nextReviewOn: string | null;
  reviewOverdue: boolean;
  controls: Array<{ description: string; owner: string; effectiveness: string | null }>;
  actions: Array<{ description: string; owner: string; dueOn: string | null; status: string }>;
}

export interface PaperKpis {
  available: boolean;
  /** Shown when there is no KPI data. */
  message: string;
  rows: Array<{ measure: string; value: string; target: string; rag: string | null; ragColour?: TagColour | undefined; direction?: string | undefined }>;
  // The fields below came with the performance module; papers issued before it have none of them.
  period?: { from: string; to: string; asAt: string; previousFrom: string; previousTo: string } | undefined;
  /** KPIs rated "Below target", with the responsible officer's commentary. */
  exceptions?: Array<{ measure: string; value: string; target: string; officer: string; commentary: string }> | undefined;
  /** How many KPIs had neither a figure nor a target and are not in the table. */
  omitted?: number | undefined;
}

export interface PaperData {
  version: number;
  areaName: string;
  titleBlock: { reportTo: string; date: string; reportingOfficer: string; subject: string; asAt: string };
  narrative: { purpose: string; recommendations: string; summary: string; freeText: string };
  plan: { id: string; name: string; kindLabel: string; scheme: string } | null;
  progress: { priorities: PercentRow[]; overall: PercentRow } | null;
  exceptions: ExceptionRow[];
  risks: {
    total: number;
    overdueReviews: number;
    bands: Array<{ label: string; colour: TagColour; count: number }>;
    extract: PaperRisk[];
    all: PaperRisk[];
    heatMap: { impactHeadings: string[]; rows: Array<{ label: string; cells: Array<{ count: number; bandLabel: string; score: number; colour: TagColour }> }> };
  };
  selfEvaluation: { title: string; grid: SelfEvalGridView; evidence: Record<string, string | null> } | null;
  kpis: PaperKpis;
}

// --- Blocks --------------------------------------------------------------------------------------

export interface Cell { text: string; colour?: TagColour | undefined; bold?: boolean | undefined }
export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'titleBlock'; rows: Array<[string, string]> }
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; style?: 'bold' | 'small' | 'placeholder' }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; caption: string; header: string[]; rows: Cell[][]; widths: number[]; rowHeaders?: boolean }
  | { kind: 'pageBreak' };

/** Fills for the documents: light tints, so black text stays readable; the word is always there too. */
export const FILL: Record<TagColour, string> = { green: 'CCE2D8', yellow: 'FFF7BF', orange: 'FCD6C3', red: 'F4CDC6', grey: 'E5E6E7' };

/** '2026-03-01' → '1 March 2026'; '' for nothing. */
export function longDate(iso: string | null | undefined): string {
  return govukDate(iso);
}

export function pct(n: number | null): string {
  return n === null ? '–' : `${n}%`;
}

/** Narrative text → paragraphs and bulleted lists (lines starting "- " or "* "). */
export function narrativeBlocks(text: string, empty: string): Block[] {
  const t = text.trim();
  if (!t) return [{ kind: 'paragraph', text: empty, style: 'placeholder' }];
  const out: Block[] = [];
  for (const para of t.split(/\n\s*\n/)) {
    const lines = para.split('\n').map((l) => l.trim()).filter(Boolean);
    if (lines.length && lines.every((l) => /^[-*•]\s+/.test(l))) out.push({ kind: 'list', items: lines.map((l) => l.replace(/^[-*•]\s+/, '')) });
    else out.push({ kind: 'paragraph', text: lines.join(' ') });
  }
  return out;
}

const scoreCell = (s: PaperScore | null): Cell => (s ? { text: `${s.score} ${s.bandLabel}`, colour: s.colour } : { text: 'Not assessed' });

export function progressRows(progress: NonNullable<PaperData['progress']>): Cell[][] {
  const row = (p: PercentRow, bold: boolean): Cell[] => [
    { text: p.reference, bold }, { text: p.title, bold }, { text: String(p.actions), bold },
    { text: pct(p.percentComplete), bold }, { text: pct(p.percentOnTarget), bold }, { text: pct(p.percentDelayed), bold },
    { text: pct(p.percentNotStarted), bold }, { text: pct(p.percentCompleteOrOnTarget), bold },
  ];
  return [...progress.priorities.map((p) => row(p, false)), row(progress.overall, true)];
}

export function riskRows(risks: readonly PaperRisk[]): Cell[][] {
  return risks.map((r) => [
    { text: r.reference }, { text: r.title }, { text: r.owner }, scoreCell(r.inherent), scoreCell(r.residual), scoreCell(r.target),
    { text: r.direction }, { text: r.nextReviewOn ? `${longDate(r.nextReviewOn)}${r.reviewOverdue ? ' (overdue)' : ''}` : 'Not set', colour: r.reviewOverdue ? 'red' : undefined },
  ]);
}

/** Section 8: the scorecard as at the paper's date, then the exception report. */
export function kpiBlocks(k: PaperKpis): Block[] {
  if (!k.available || k.rows.length === 0) return [{ kind: 'paragraph', text: k.message, style: 'placeholder' }];
  const b: Block[] = [];
  const p = k.period;
  if (p) {
    b.push({ kind: 'paragraph', text: `Figures from casework records for ${longDate(p.from)} to ${longDate(p.to)}, as at ${longDate(p.asAt)}, against the area's targets. Direction of travel compares with ${longDate(p.previousFrom)} to ${longDate(p.previousTo)}.${k.omitted ? ` ${k.omitted} ${k.omitted === 1 ? 'KPI has' : 'KPIs have'} no data and no target and ${k.omitted === 1 ? 'is' : 'are'} not shown.` : ''}` });
  }
  const withDirection = k.rows.some((r) => r.direction !== undefined);
  b.push({
    kind: 'table', caption: p ? `Key performance indicators as at ${longDate(p.asAt)}` : 'Key performance indicators',
    header: ['Measure', 'Value', 'Target', 'Rating', ...(withDirection ? ['Direction of travel'] : [])],
    rows: k.rows.map((r) => [{ text: r.measure }, { text: r.value }, { text: r.target }, { text: r.rag ?? '', colour: r.ragColour }, ...(withDirection ? [{ text: r.direction ?? '' }] : [])]),
    widths: withDirection ? [34, 13, 13, 14, 26] : [46, 18, 18, 18],
  });
  if (k.exceptions) {
    b.push({ kind: 'heading', level: 2, text: 'KPI exception report' });
    if (k.exceptions.length === 0) b.push({ kind: 'paragraph', text: 'No KPI is below target.' });
    else {
      b.push({ kind: 'paragraph', text: `${k.exceptions.length} ${k.exceptions.length === 1 ? 'KPI is' : 'KPIs are'} rated below target.` });
      b.push({
        kind: 'table', caption: 'KPIs below target, with commentary', header: ['Measure', 'Value', 'Target', 'Responsible officer', 'Commentary'],
        rows: k.exceptions.map((e) => [{ text: e.measure }, { text: e.value, colour: 'red' as const }, { text: e.target }, { text: e.officer }, { text: e.commentary }]),
        widths: [26, 11, 11, 16, 36],
      });
    }
  }
  return b;
}

/** The whole paper, in order. Section numbers follow the council papers (1. Purpose, 2. Recommendations, …). */
export function paperBlocks(d: PaperData): Block[] {
  const b: Block[] = [];
  const asAt = longDate(d.titleBlock.asAt);
  b.push({ kind: 'title', text: d.titleBlock.subject });
  b.push({ kind: 'titleBlock', rows: [['Report to', d.titleBlock.reportTo], ['Date', longDate(d.titleBlock.date)], ['Reporting officer', d.titleBlock.reportingOfficer], ['Subject', d.titleBlock.subject], ['Area', d.areaName], ['Data as at', asAt]] });

  b.push({ kind: 'heading', level: 1, text: '1. Purpose of the report' }, ...narrativeBlocks(d.narrative.purpose, 'No purpose has been written.'));
  b.push({ kind: 'heading', level: 1, text: '2. Recommendations' }, ...narrativeBlocks(d.narrative.recommendations, 'That the report be noted.'));
  b.push({ kind: 'heading', level: 1, text: '3. Summary' }, ...narrativeBlocks(d.narrative.summary, 'No summary has been written.'));

  b.push({ kind: 'heading', level: 1, text: '4. Progress against the plan' });
  if (d.plan && d.progress) {
    const o = d.progress.overall;
    b.push({ kind: 'paragraph', text: `${d.plan.name} – ${d.plan.kindLabel}. As at ${asAt}, ${o.actions} actions: ${pct(o.percentComplete)} complete, ${pct(o.percentOnTarget)} on target, ${pct(o.percentDelayed)} delayed and ${pct(o.percentNotStarted)} not started; ${pct(o.percentCompleteOrOnTarget)} are complete or on target.` });
    b.push({
      kind: 'table', caption: `Table 1: Progress by priority as at ${asAt}`,
      header: ['Priority', 'Title', 'Actions', '% complete', '% on target', '% delayed', '% not started', '% complete or on target'],
      rows: progressRows(d.progress), widths: [8, 32, 8, 10, 10, 10, 10, 12],
    });
  } else {
    b.push({ kind: 'paragraph', text: 'No improvement plan was chosen for this paper.', style: 'placeholder' });
  }

  b.push({ kind: 'heading', level: 1, text: '5. Exceptions: delayed actions' });
  if (!d.plan) b.push({ kind: 'paragraph', text: 'No improvement plan was chosen for this paper.', style: 'placeholder' });
  else if (d.exceptions.length === 0) b.push({ kind: 'paragraph', text: `No actions are delayed as at ${asAt}.` });
  else {
    b.push({ kind: 'paragraph', text: `${d.exceptions.length} ${d.exceptions.length === 1 ? 'action is' : 'actions are'} delayed as at ${asAt}.` });
    b.push({
      kind: 'table', caption: `Table 2: Delayed actions as at ${asAt}`,
      header: ['Action', 'Priority', 'Description', 'Lead officer', 'Due', 'Latest update'],
      rows: d.exceptions.map((e) => [
        { text: e.reference }, { text: e.priorityReference }, { text: e.description }, { text: e.leadOfficer }, { text: longDate(e.dueDate) },
        { text: e.latestUpdate ? `${longDate(e.latestUpdate.date)}: ${e.latestUpdate.narrative}` : 'No update recorded' },
      ]),
      widths: [8, 8, 30, 14, 12, 28],
    });
  }

  b.push({ kind: 'heading', level: 1, text: '6. Risk register extract' });
  const bandText = d.risks.bands.map((x) => `${x.count} ${x.label.toLowerCase()}`).join(', ');
  b.push({ kind: 'paragraph', text: `${d.risks.total} open ${d.risks.total === 1 ? 'risk' : 'risks'} by residual score: ${bandText}. ${d.risks.overdueReviews} ${d.risks.overdueReviews === 1 ? 'review is' : 'reviews are'} overdue. The risks below are those in the highest band or linked to the plan's priorities; the full register is at Appendix A.` });
  if (d.risks.extract.length) {
    b.push({ kind: 'table', caption: 'Table 3: Risk register extract (scores are likelihood × impact)', header: ['Ref', 'Risk', 'Owner', 'Inherent', 'Residual', 'Target', 'Direction', 'Next review'], rows: riskRows(d.risks.extract), widths: [7, 27, 14, 11, 11, 11, 9, 10] });
  }
  b.push({
    kind: 'table', caption: 'Table 4: Heat map of open risks by residual likelihood (rows) and impact (columns): number of risks and band',
    header: ['Likelihood', ...d.risks.heatMap.impactHeadings],
    rows: d.risks.heatMap.rows.map((r) => [{ text: r.label, bold: true }, ...r.cells.map((c) => ({ text: `${c.count} (${c.bandLabel} ${c.score})`, colour: c.colour }))]),
    widths: [20, 16, 16, 16, 16, 16], rowHeaders: true,
  });

  b.push({ kind: 'heading', level: 1, text: '7. Self-evaluation' });
  const se = d.selfEvaluation;
  if (!se || se.grid.months.length === 0) b.push({ kind: 'paragraph', text: 'No self-evaluation ratings are available for this paper.', style: 'placeholder' });
  else {
    const g = se.grid;
    b.push({ kind: 'paragraph', text: `${se.title}, against the ${g.frameworkName}. In ${g.latestLabel}: ${g.counts.map((c) => `${c.count} ${c.label.toLowerCase()}`).join(', ')}${g.unrated ? `, ${g.unrated} not rated` : ''}.` });
    const key = g.ragKey.filter((k) => k.meaning).map((k) => `${k.label}: ${k.meaning}`);
    if (key.length) b.push({ kind: 'paragraph', text: `Key: ${key.join('; ')}.`, style: 'small' });
    b.push({ kind: 'heading', level: 2, text: `Red in ${g.latestLabel}` });
    b.push(g.reds.length ? { kind: 'list', items: g.reds.map((r) => `${r.label} ${r.text}${r.narrative ? ` – ${r.narrative}` : ''}`) } : { kind: 'paragraph', text: 'No criteria are rated red.' });
    b.push({ kind: 'heading', level: 2, text: `Changes since ${g.previousLabel ?? 'the previous month'}` });
    b.push(g.changes.length ? { kind: 'list', items: g.changes.map((c) => `${c.label} ${c.direction}: ${c.from} to ${c.to}. ${c.text}${c.narrative ? ` – ${c.narrative}` : ''}`) } : { kind: 'paragraph', text: 'No ratings changed.' });
    g.sections.forEach((s, i) => {
      b.push({
        kind: 'table', caption: `Table ${5 + i}: ${s.title}`, header: ['Criterion', ...g.months.map((m) => m.short)],
        rows: s.rows.map((r) => [{ text: `${r.label} ${r.text}` }, ...r.cells.map((c) => ({ text: c.rag ? c.label : '–', colour: c.rag ? (c.tag as TagColour) : undefined }))]),
        widths: [100 - 9 * g.months.length, ...g.months.map(() => 9)], rowHeaders: true,
      });
    });
  }

  b.push({ kind: 'heading', level: 1, text: '8. Key performance indicators' });
  b.push(...kpiBlocks(d.kpis));

  let n = 9;
  if (d.narrative.freeText.trim()) {
    b.push({ kind: 'heading', level: 1, text: `${n}. Other matters` }, ...narrativeBlocks(d.narrative.freeText, ''));
    n++;
  }
  b.push({ kind: 'heading', level: 1, text: `${n}. Appendices` });
  b.push({ kind: 'list', items: ['Appendix A: Risk register in full', 'Appendix B: Self-evaluation narrative and evidence for the latest month'] });

  b.push({ kind: 'pageBreak' }, { kind: 'heading', level: 1, text: 'Appendix A: Risk register in full' });
  if (d.risks.all.length === 0) b.push({ kind: 'paragraph', text: 'There are no open risks.' });
  for (const r of d.risks.all) {
    b.push({ kind: 'heading', level: 2, text: `${r.reference}: ${r.title}` });
    b.push({ kind: 'titleBlock', rows: [
      ['Cause', r.cause || 'Not recorded'], ['Consequence', r.consequence || 'Not recorded'], ['Owner', r.owner || 'Not recorded'], ['Category', r.category],
      ['Linked priorities', r.linkedPriorities.join(', ') || 'None'],
      ['Scores', `inherent ${scoreCell(r.inherent).text}; residual ${scoreCell(r.residual).text}; target ${scoreCell(r.target).text}; ${r.direction.toLowerCase()}`],
      ['Reviews', `last ${longDate(r.lastReviewedOn) || 'never'}; next ${longDate(r.nextReviewOn) || 'not set'}${r.reviewOverdue ? ' (overdue)' : ''}`],
    ] });
    if (r.controls.length || r.actions.length) {
      b.push({
        kind: 'table', caption: `Controls and further actions for ${r.reference}`, header: ['Type', 'Description', 'Owner', 'Due or effectiveness', 'Status'],
        rows: [
          ...r.controls.map((c) => [{ text: 'Control' }, { text: c.description }, { text: c.owner }, { text: c.effectiveness ?? 'Not assessed' }, { text: '' }]),
          ...r.actions.map((a) => [{ text: 'Further action' }, { text: a.description }, { text: a.owner }, { text: longDate(a.dueOn) }, { text: a.status === 'done' ? 'Done' : 'Open' }]),
        ],
        widths: [14, 44, 16, 14, 12],
      });
    }
  }
  b.push({ kind: 'pageBreak' }, { kind: 'heading', level: 1, text: 'Appendix B: Self-evaluation narrative and evidence' });
  if (!se || !se.grid.latestMonth) b.push({ kind: 'paragraph', text: 'No self-evaluation ratings are available.' });
  else {
    const rows: Cell[][] = [];
    for (const s of se.grid.sections) for (const r of s.rows) {
      const last = r.cells.at(-1);
      if (!last?.rag) continue;
      rows.push([{ text: r.label }, { text: last.label, colour: last.tag as TagColour }, { text: last.narrative ?? '' }, { text: se.evidence[r.criterionId] ?? '' }]);
    }
    b.push({ kind: 'table', caption: `Ratings for ${se.grid.latestLabel} with narrative and evidence`, header: ['Criterion', 'Rating', 'Narrative', 'Evidence'], rows, widths: [10, 12, 48, 30] });
  }
  return b;
}

/** Every piece of text in the blocks, for tests and search. */
export function blocksText(blocks: readonly Block[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'title' || b.kind === 'heading' || b.kind === 'paragraph') out.push(b.text);
    else if (b.kind === 'list') out.push(...b.items);
    else if (b.kind === 'titleBlock') for (const [k, v] of b.rows) out.push(k, v);
    else if (b.kind === 'table') out.push(b.caption, ...b.header, ...b.rows.flat().map((c) => c.text));
  }
  return out;
}
