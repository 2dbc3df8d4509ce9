/**
 * Self-evaluation frameworks as data, and the month-by-month RAG self-evaluation grid.
 *
 * 2016 framework (joint local area SEND inspection, May 2016 – 2022): criteria A1–A18, B1–B6,
 * C1–C19 as worded in the Sunderland scrutiny paper (seed 004, 2018), verbatim including its
 * capitalisation, punctuation and typos. Notes on the source:
 *  - B3 is split across a page break in the paper; the two halves are joined with one space.
 *  - The paper numbers two criteria "C11". The first keeps id C11; the second
 *    ("commissioning of education for students who have high levels of need.") is stored as C11b
 *    with paperLabel "C11". So the 2016 framework has 44 criteria, not 43.
 *  - The paper writes "C 14"; the id is C14 (paperLabel keeps the paper's form).
 *  - The paper's progress narrative quotes C3 and A15 with different wording from its grid
 *    (recorded as `narrativeWording`); the grid wording is the criterion text.
 *  - Every criterion text is in the paper; none had to be sourced elsewhere.
 *
 * 2023 framework (Ofsted/CQC area SEND, from January 2023): domain.md §4.1 says the handbook's
 * evaluation-criteria headings are UNCONFIRMED wording. The criteria below are the "commonly cited
 * themes" listed there, grouped under the two things §4.1 says are evaluated, and are flagged
 * `wordingConfirmed: false`. Replace them with the handbook's headings when confirmed.
 */

export type Rag = 'red' | 'amber' | 'green';
export const RAG_VALUES: readonly Rag[] = ['red', 'amber', 'green'];

export interface FrameworkCriterion {
  id: string;
  /** The criterion's label as printed in the source (e.g. "C 14"). */
  paperLabel: string;
  text: string;
  sectionId: string;
  /** Sub-heading / lead-in text the criterion sits under in the source, verbatim (paragraphs joined by a blank line). */
  group: string | null;
  wordingConfirmed: boolean;
  note?: string;
  narrativeWording?: string;
}

export interface FrameworkSection {
  id: string;
  title: string;
  intro: string | null;
  criteria: FrameworkCriterion[];
}

export interface Framework {
  id: 'send-2016' | 'send-2023';
  name: string;
  source: string;
  /** Self-evaluation RAG key used by the source, where it gives one. */
  ragKey: Partial<Record<Rag, string>>;
  sections: FrameworkSection[];
}

/** [id, paperLabel, text] exactly as in the Sunderland paper's grid. */
const SUNDERLAND_2016: ReadonlyArray<readonly [string, string, string]> = [
  ["A1", "A1", "When potential needs were raised with the local area by the young person, parents and carers or teachers or other staff working with the young person, and the efficiency and appropriateness of the response"],
  ["A2", "A2", "appropriate monitoring arrangements to ensure assessment information remains up to date"],
  ["A3", "A3", "the effectiveness of routine assessment of educational attainment and progress, including the application of national assessment arrangements"],
  ["A4", "A4", "how social care needs of children and young people are identified and assessed"],
  ["A5", "A5", "the effectiveness of the use of information from early health checks and health screening programmes"],
  ["A6", "A6", "performance towards meeting expected timescales for EHC needs assessments, including for conversion of existing statements of special educational needs to EHC plans"],
  ["A7", "A7", "the timing of assessments in preparation for a child or young person's move from one provider to another, or into adult services"],
  ["A8", "A8", "how school census data is used to identify possible inconsistencies in Identification of needs."],
  ["A9", "A9", "establishing a baseline for setting targets for progress and improvement towards meeting education, health and social care support or therapy needs"],
  ["A10", "A10", "informing joint commissioning, predicting the need for services and putting in place provision that meets the needs of children and young people"],
  ["A11", "A11", "informing planning for effective teaching and other education, health and social care support or therapy"],
  ["A12", "A12", "evaluating the effectiveness of the teaching and other education, health and social care support or therapy provided"],
  ["A13", "A13", "children and young people being considered or assessed for, or having, EHC plans"],
  ["A14", "A14", "children and young people being considered or assessed for, or in receipt of, special educational needs and disability support"],
  ["A15", "A15", "the thoroughness of the area's understanding of the views of children and young people who have special educational needs and/or disabilities, and their parents and carers"],
  ["A16", "A16", "the thoroughness of the area's understanding of the views of parents, carers and young people as part of the identification process"],
  ["A17", "A17", "the extent to which the needs of children and young people who have special educational needs and/or disabilities in the whole local area are identified, irrespective of individuals' characteristics and circumstances, and that this identification is rigorously and routinely reviewed."],
  ["A18", "A18", "This evaluation will also report on the quality and sufficiency of the information on which the local area has evaluated its own effectiveness in identifying children and young people who have special educational needs and/or disabilities."],
  ["B1", "B1", "engagement and co-production with children and young people, and their parents and carers"],
  ["B2", "B2", "effectiveness of coordination of assessment between agencies in joint commissioning – clear roles, responsibilities and accountability of partners in assessing and meeting needs"],
  ["B3", "B3", "the suitability of EHC plan, (including where relevant alignment with child in need and child protection plans)"],
  ["B4", "B4", "satisfaction of parents and carers/satisfaction of children and young people"],
  ["B5", "B5", "the local offer, including its development, accessibility and currency"],
  ["B6", "B6", "that planning is appropriate to meet the needs of children and young people receiving special educational needs and/or disability support."],
  ["C1", "C1", "the rigour of the assessment of individual starting points"],
  ["C2", "C2", "the thoroughness of understanding of the young person's special educational need and/or disability"],
  ["C3", "C3", "the impact of teaching and other education, health and social care support or therapy"],
  ["C4", "C4", "the use of national assessment comparative data, where available, to set targets and evaluate outcomes, and that the data shows progress at or above expected levels for the young person's age and starting point"],
  ["C5", "C5", "the rigour of moderation in the evaluation of progress made"],
  ["C6", "C6", "the regularity and effectiveness of reviews of progress"],
  ["C7", "C7", "whether the young person, and their parent/carers, as appropriate, is involved in the co-production of targets and reviews of progress"],
  ["C8", "C8", "whether destinations match aspirations and achievements"],
  ["C9", "C9", "the extent to which the range of outcomes matches the diversity of children and young people who have special educational needs and/or disabilities"],
  ["C10", "C10", "the application of thresholds and eligibility criteria and their clarity and consistency to ensure equity and transparency of service delivery"],
  ["C11", "C11", "availability of services at universal, targeted and specialist levels as identified in the early help and local offer"],
  ["C11b", "C11", "commissioning of education for students who have high levels of need."],
  ["C12", "C12", "early intervention"],
  ["C13", "C13", "personal budgets"],
  ["C14", "C 14", "short-break care"],
  ["C15", "C15", "out-of-area placements"],
  ["C16", "C16", "transition arrangements between services and providers"],
  ["C17", "C17", "jointly commissioned specialist educational, medical and therapeutic services"],
  ["C18", "C18", "the use of advisory and advocacy services to support children and young people who have special educational needs and/or disabilities, and their parents and carers"],
  ["C19", "C19", "the thoroughness of the local area's understanding of the views of children and young people who have special educational needs and/or disabilities, and their parents and carers."],
]

const SECTIONS_2016 = [
  {
    id: 'A',
    title:
      'Q1. How effectively does the local area identify children and young people who have special educational needs and or disabilities?',
    intro: null,
  },
  {
    id: 'B',
    title:
      'Q 2. How does the local area assess and meet the needs of children and young people who have special educational needs or disability?',
    intro:
      'In order to evaluate how effectively the local area assesses and meets needs, inspectors should take account of the following aspects:',
  },
  {
    id: 'C',
    title:
      'Q 3. How does the local area improves outcomes for children and young people who have special educational needs or disability?',
    intro: null,
  },
] as const;

const GROUPS_2016: ReadonlyArray<{ from: string; to: string; group: string }> = [
  {
    from: 'A9',
    to: 'A12',
    group:
      'Quality of identification - In order to assess the quality of identification and assessment information, inspectors should take into account evidence that the information has been used for:',
  },
  {
    from: 'A13',
    to: 'A18',
    group:
      'Reporting on the effectiveness of identification of need\n\nIn arriving at the judgement about how effectively the local area identifies children and young people who have special educational needs and/or disabilities, inspectors will report on key aspects of effective identification as they relate to:',
  },
  {
    from: 'C12',
    to: 'C19',
    group:
      "Inspectors should review information about the effectiveness of the local area's approaches to improving outcomes. Inspectors should review evidence about:",
  },
];

const NOTES_2016: Record<string, Pick<FrameworkCriterion, 'note' | 'narrativeWording'>> = {
  B3: { note: 'Split across a page break in the paper; joined with one space.' },
  C11b: { note: 'The paper numbers this criterion C11 as well as the one before it; stored as C11b.' },
  C14: { note: 'Printed as "C 14" in the paper.' },
  C3: {
    narrativeWording: 'The effectiveness of the teaching and other education, health and social care support or therapy provided',
  },
  A15: {
    narrativeWording:
      'The thoroughness of the understanding of the views of children and young people who have special educational needs and/or disabilities, and their parents and carers',
  },
};

function criterionNumber(id: string): number {
  return Number(/\d+/.exec(id)?.[0] ?? '0');
}

function groupFor(id: string): string | null {
  const letter = id.charAt(0);
  const n = criterionNumber(id);
  for (const g of GROUPS_2016) {
    if (g.from.charAt(0) === letter && n >= criterionNumber(g.from) && n <= criterionNumber(g.to)) return g.group;
  }
  return null;
}

export const FRAMEWORK_2016: Framework = {
  id: 'send-2016',
  name: 'Joint local area SEND inspection framework (2016)',
  source: 'Sunderland Children, Education and Skills Scrutiny Committee, SEND update (2018), section 3',
  ragKey: {
    red: 'Substantial work to be carried out across all service areas',
    amber: 'Work started but not embedded',
    green: 'Work started strengths identified in the area',
  },
  sections: SECTIONS_2016.map((section) => ({
    id: section.id,
    title: section.title,
    intro: section.intro,
    criteria: SUNDERLAND_2016.filter(([id]) => id.startsWith(section.id)).map(([id, paperLabel, text]) => ({
      id,
      paperLabel,
      text,
      sectionId: section.id,
      group: groupFor(id),
      wordingConfirmed: true,
      ...NOTES_2016[id],
    })),
  })),
};

const UNCONFIRMED_2023 = 'Theme as listed in domain.md §4.1; the handbook heading wording is UNCONFIRMED.';

function criterion2023(id: string, sectionId: string, text: string): FrameworkCriterion {
  return { id, paperLabel: id, text, sectionId, group: null, wordingConfirmed: false, note: UNCONFIRMED_2023 };
}

export const FRAMEWORK_2023: Framework = {
  id: 'send-2023',
  name: 'Area SEND inspection framework (from January 2023, updated June 2025)',
  source: 'domain.md §4.1 (commonly cited themes; handbook headings UNCONFIRMED)',
  ragKey: {},
  sections: [
    {
      id: 'EO',
      title:
        "The impact of the local area partnership's arrangements on the experiences and outcomes of children and young people with SEND and their families",
      intro: null,
      criteria: [
        criterion2023('EO1', 'EO', 'Timely and accurate identification and assessment of need'),
        criterion2023('EO2', 'EO', 'Children and families taking part in decisions'),
        criterion2023('EO3', 'EO', 'The right help at the right time'),
        criterion2023('EO4', 'EO', 'Preparation for next steps and adulthood'),
        criterion2023('EO5', 'EO', 'Inclusion in the community'),
      ],
    },
    {
      id: 'PW',
      title: 'Partnership working, joint arrangements and clear accountabilities',
      intro: null,
      criteria: [criterion2023('PW1', 'PW', 'Leadership, commissioning and joint working')],
    },
  ],
};

/** The three 2023-framework inspection outcomes, worded exactly as published (domain.md §4.1). */
export const INSPECTION_OUTCOMES_2023: Readonly<Record<1 | 2 | 3, string>> = {
  1: "The local area partnership's SEND arrangements typically lead to positive experiences and outcomes for children and young people with SEND. The local area partnership is taking action where improvements are needed.",
  2: "The local area partnership's arrangements lead to inconsistent experiences and outcomes for children and young people with SEND. The local area partnership must work jointly to make improvements.",
  3: 'There are widespread and/or systemic failings leading to significant concerns about the experiences and outcomes of children and young people with SEND, which the local area partnership must address urgently.',
};

export const FRAMEWORKS: readonly Framework[] = [FRAMEWORK_2016, FRAMEWORK_2023];

export function frameworkCriteria(framework: Framework): FrameworkCriterion[] {
  return framework.sections.flatMap((s) => s.criteria);
}

export function findCriterion(framework: Framework, id: string): FrameworkCriterion | undefined {
  return frameworkCriteria(framework).find((c) => c.id === id);
}

// Self-evaluation grid -------------------------------------------------------------------------

export interface SelfEvaluationRating {
  criterionId: string;
  /** 'YYYY-MM' */
  month: string;
  rag: Rag;
  narrative?: string | null;
}

export interface GridCell {
  month: string;
  rag: Rag | null;
  narrative: string | null;
}

export interface GridRow {
  criterionId: string;
  cells: GridCell[];
}

export interface RatingChange {
  criterionId: string;
  from: Rag;
  to: Rag;
  direction: 'improved' | 'worsened';
  narrative: string | null;
}

export interface SelfEvaluationGrid {
  months: string[];
  latestMonth: string | null;
  previousMonth: string | null;
  rows: GridRow[];
  /** Criteria rated red in the latest month. */
  reds: Array<{ criterionId: string; narrative: string | null }>;
  /** Criteria rated in both the previous and the latest month, with a different rating. */
  changes: RatingChange[];
  /** Criteria with no rating in the latest month. */
  unratedInLatest: string[];
  /** Criterion/month pairs rated more than once (the later rating in the input is used). */
  duplicates: Array<{ criterionId: string; month: string }>;
}

export interface GridOptions {
  /** Row order, e.g. frameworkCriteria(FRAMEWORK_2016).map(c => c.id). Default: ids in the ratings, naturally sorted. */
  criteria?: readonly string[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const RAG_ORDER: Record<Rag, number> = { red: 0, amber: 1, green: 2 };

/** Natural order for criterion ids: A2 before A10, C11 before C11b before C12. */
export function compareCriterionIds(a: string, b: string): number {
  const pa = /^(\D*)(\d*)(.*)$/.exec(a)!;
  const pb = /^(\D*)(\d*)(.*)$/.exec(b)!;
  return (
    pa[1]!.localeCompare(pb[1]!) ||
    (pa[2] === '' ? 0 : Number(pa[2])) - (pb[2] === '' ? 0 : Number(pb[2])) ||
    pa[3]!.localeCompare(pb[3]!)
  );
}

/**
 * Build the month-by-month grid. `months` are the grid's columns ('YYYY-MM'); they are sorted and
 * de-duplicated. "Previous month" is the previous column, not necessarily the previous calendar
 * month (a quarterly grid compares with the previous quarter). Ratings outside the columns are
 * ignored.
 */
export function selfEvaluationGrid(
  ratings: readonly SelfEvaluationRating[],
  months: readonly string[],
  options: GridOptions = {},
): SelfEvaluationGrid {
  for (const m of months) if (!MONTH.test(m)) throw new RangeError(`month must be YYYY-MM, got "${m}"`);
  const columns = [...new Set(months)].sort();
  const columnSet = new Set(columns);

  const byKey = new Map<string, SelfEvaluationRating>();
  const duplicates: Array<{ criterionId: string; month: string }> = [];
  for (const r of ratings) {
    if (!MONTH.test(r.month)) throw new RangeError(`rating month must be YYYY-MM, got "${r.month}" for ${r.criterionId}`);
    if (!RAG_VALUES.includes(r.rag)) throw new RangeError(`rag must be red, amber or green, got "${String(r.rag)}" for ${r.criterionId}`);
    if (!columnSet.has(r.month)) continue;
    const key = `${r.criterionId}\u0000${r.month}`;
    if (byKey.has(key)) duplicates.push({ criterionId: r.criterionId, month: r.month });
    byKey.set(key, r);
  }

  const ids = options.criteria
    ? [...new Set(options.criteria)]
    : [...new Set(ratings.filter((r) => columnSet.has(r.month)).map((r) => r.criterionId))].sort(compareCriterionIds);

  const rows: GridRow[] = ids.map((criterionId) => ({
    criterionId,
    cells: columns.map((month) => {
      const r = byKey.get(`${criterionId}\u0000${month}`);
      return { month, rag: r?.rag ?? null, narrative: r?.narrative ?? null };
    }),
  }));

  const latestMonth = columns.at(-1) ?? null;
  const previousMonth = columns.length >= 2 ? columns.at(-2)! : null;
  const reds: SelfEvaluationGrid['reds'] = [];
  const changes: RatingChange[] = [];
  const unratedInLatest: string[] = [];
  for (const row of rows) {
    const latest = row.cells.at(-1);
    if (!latest) continue;
    if (latest.rag === null) {
      unratedInLatest.push(row.criterionId);
      continue;
    }
    if (latest.rag === 'red') reds.push({ criterionId: row.criterionId, narrative: latest.narrative });
    const previous = row.cells.length >= 2 ? row.cells.at(-2)! : null;
    if (previous?.rag && previous.rag !== latest.rag) {
      changes.push({
        criterionId: row.criterionId,
        from: previous.rag,
        to: latest.rag,
        direction: RAG_ORDER[latest.rag] > RAG_ORDER[previous.rag] ? 'improved' : 'worsened',
        narrative: latest.narrative,
      });
    }
  }
  return { months: columns, latestMonth, previousMonth, rows, reds, changes, unratedInLatest, duplicates };
}
