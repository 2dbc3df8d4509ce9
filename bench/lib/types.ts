// The benchmark's shapes. A scenario is a file in bench/scenarios/ that default-exports (or exports as
// `scenario`) `{ name, run(ctx) }`; run.ts finds every such file, runs them in `order` (then file name)
// against each backend, and prints the rows they return. Most scenarios are one `ctx.measure(...)` call:
//
//   export default { name: 'work tray', order: 40, run: async (ctx) => ctx.measure({
//     figure: 'GET /casework (caseworker)', path: '/casework', headers: { cookie: await ctx.session() },
//     expect: (r) => r.body.includes('Work tray') || 'not the work tray', p99TargetMs: 50 }) } satisfies Scenario;
export type Backend = 'pglite' | 'postgres';

export interface Target { op: '<=' | '>='; value: number }

export interface Row {
  backend: Backend;
  scenario: string;
  figure: string;
  value: number;
  unit: string;
  target?: Target;
  /** Set when the measurement is not trustworthy (failed requests, wrong answers): the run exits 1. */
  failed?: string;
  note?: string;
}

export interface ProbeResponse { status: number; headers: Headers; body: string }

export interface MeasureOptions {
  /** Label of the figures, e.g. 'GET /account (caseworker)'. */
  figure: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Checked on one probe request before the load: return true, or a message saying what is wrong. */
  expect?: (res: ProbeResponse) => true | string;
  /** Status every response must have (default 200). */
  status?: number;
  p99TargetMs?: number;
  p50TargetMs?: number;
  rpsTarget?: number;
}

export interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  timeouts: number;
  /** Responses with a status other than the expected one. */
  unexpected: number;
  statusCodes: Record<string, number>;
}

export interface BenchContext {
  backend: Backend;
  baseUrl: string;
  /** The server's process id (for /proc). */
  pid: number;
  connections: number;
  durationSec: number;
  /** `jusid=…` cookie header for a demo person (default the caseworker); signs in once per person. */
  session(email?: string): Promise<string>;
  /** A bearer token (`ju_…`) for a demo person (default the caseworker), made once through /account. */
  apiToken(email?: string): Promise<string>;
  /** Probe once, warm up, then drive with autocannon; returns the figures (failures are recorded). */
  load(opts: MeasureOptions): Promise<LoadFigures>;
  /** `load` turned into the standard rows: requests/s, p50 and p99 latency. */
  measure(opts: MeasureOptions): Promise<Row[]>;
  log(message: string): void;
}

export interface Scenario {
  name: string;
  /** Lower runs first; default 100. */
  order?: number;
  /** Backends to run on (default both). */
  backends?: Backend[];
  /**
   * One of issue #3's foundation figures (sign-in page, authenticated page, API call): the server's
   * resident memory is also read right after the last of them, before the heavier scenarios.
   */
  foundation?: boolean;
  run(ctx: BenchContext): Promise<Row[]>;
}
