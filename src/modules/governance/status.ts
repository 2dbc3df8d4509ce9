/**
 * Action (delivery) status vocabulary for improvement plans (WSoA / priority action plan).
 *
 * A plan uses one of two schemes:
 *  - 'rag':  complete, on-target, delayed, not-started
 *  - 'brag': the same plus 'embedded' (blue: complete and embedded into business as usual)
 *
 * Label mapping follows domain.md §6.1 (recommended enumeration):
 *   Complete = Blue, On track / on target = Green, Delayed / at risk = Amber,
 *   Significantly delayed / off track = Red, Not started = Grey.
 * The vocabulary here has no separate "significantly delayed" status, so Red, "Off track" and
 * "Significantly delayed" fold into `delayed` (severity is not kept: keep it in the update text).
 * "Blue" means complete under RAG (§6.1) and embedded under BRAG (the scheme's blue).
 * Embedded labels under RAG map to `complete` (an embedded action is complete).
 * "In progress" is rejected: Bracknell-style plans then rate in-progress actions G/A/R, so it does
 * not say whether the action is on target or delayed.
 */

export const ACTION_STATUSES = ['complete', 'on-target', 'delayed', 'not-started', 'embedded'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const STATUS_SCHEMES = ['rag', 'brag'] as const;
export type StatusScheme = (typeof STATUS_SCHEMES)[number];

/** Statuses available in a scheme, in display order (most advanced first). */
export function statusesFor(scheme: StatusScheme): readonly ActionStatus[] {
  return scheme === 'brag'
    ? ['embedded', 'complete', 'on-target', 'delayed', 'not-started']
    : ['complete', 'on-target', 'delayed', 'not-started'];
}

export function isActionStatus(value: unknown): value is ActionStatus {
  return typeof value === 'string' && (ACTION_STATUSES as readonly string[]).includes(value);
}

const DISPLAY_LABELS: Record<ActionStatus, string> = {
  complete: 'Complete',
  'on-target': 'On target',
  delayed: 'Delayed',
  'not-started': 'Not started',
  embedded: 'Complete and embedded',
};

/** Display label, e.g. 'On target'. */
export function statusLabel(status: ActionStatus): string {
  return DISPLAY_LABELS[status];
}

export type StatusColour = 'blue' | 'light-blue' | 'green' | 'amber' | 'grey';

/**
 * Display colour. RAG: complete blue (§6.1), on target green, delayed amber, not started grey.
 * BRAG: embedded takes blue, so complete-but-not-yet-embedded shows light blue.
 */
export function statusColour(status: ActionStatus, scheme: StatusScheme): StatusColour {
  switch (status) {
    case 'embedded':
      return 'blue';
    case 'complete':
      return scheme === 'brag' ? 'light-blue' : 'blue';
    case 'on-target':
      return 'green';
    case 'delayed':
      return 'amber';
    case 'not-started':
      return 'grey';
  }
}

/** Normalised label (lower case, trimmed, runs of space/hyphen/underscore → one space) → status. */
const COMMON_LABELS: ReadonlyArray<readonly [string, ActionStatus]> = [
  ['complete', 'complete'],
  ['completed', 'complete'],
  ['on target', 'on-target'],
  ['on track', 'on-target'],
  ['green', 'on-target'],
  ['delayed', 'delayed'],
  ['at risk', 'delayed'],
  ['off track', 'delayed'],
  ['significantly delayed', 'delayed'],
  ['amber', 'delayed'],
  ['red', 'delayed'],
  ['not started', 'not-started'],
  ['not yet started', 'not-started'],
  ['grey', 'not-started'],
];

const EMBEDDED_LABELS = ['embedded', 'complete and embedded', 'completed and embedded', 'blue'] as const;

function labelTable(scheme: StatusScheme): Map<string, ActionStatus> {
  const table = new Map<string, ActionStatus>(COMMON_LABELS);
  for (const label of EMBEDDED_LABELS) table.set(label, scheme === 'brag' ? 'embedded' : 'complete');
  return table;
}

const TABLES: Record<StatusScheme, Map<string, ActionStatus>> = {
  rag: labelTable('rag'),
  brag: labelTable('brag'),
};

export function normaliseLabel(label: string): string {
  return label.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
}

function titleCase(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** Accepted labels for a scheme, as shown to users in error messages. */
export function acceptedStatusLabels(scheme: StatusScheme): string[] {
  return [...TABLES[scheme].keys()].map(titleCase);
}

export type ParseStatusResult = { ok: true; status: ActionStatus } | { ok: false; error: string };

/**
 * Parse a council-paper status label (case-insensitive, trimmed; '-', '_' and spaces are
 * interchangeable, so the codes 'on-target' / 'not_started' are accepted too).
 */
export function parseStatusLabel(label: string, scheme: StatusScheme): ParseStatusResult {
  const key = normaliseLabel(label);
  const status = TABLES[scheme].get(key);
  if (status !== undefined) return { ok: true, status };
  const shown = label.trim() === '' ? 'An empty status' : `"${label.trim()}"`;
  return {
    ok: false,
    error: `${shown} is not a recognised ${scheme.toUpperCase()} status. Use one of: ${acceptedStatusLabels(scheme).join(', ')}`,
  };
}
