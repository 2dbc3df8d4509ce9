// Driving one URL with autocannon: a probe request (status and content checked), a short warm-up,
// then the measured run. Every response must have the expected status; anything else is counted.
import autocannon from 'autocannon';
import type { LoadFigures, MeasureOptions } from './types.ts';

export interface LoadSettings { connections: number; durationSec: number; warmupSec: number }

export class LoadFailure extends Error {
  readonly figures: LoadFigures | undefined;
  constructor(message: string, figures?: LoadFigures) {
    super(message);
    this.name = 'LoadFailure';
    this.figures = figures;
  }
}

export async function probe(baseUrl: string, opts: MeasureOptions): Promise<void> {
  const res = await fetch(baseUrl + opts.path, {
    method: opts.method ?? 'GET', headers: opts.headers ?? {}, redirect: 'manual', ...(opts.body !== undefined ? { body: opts.body } : {}),
  });
  const body = await res.text();
  const want = opts.status ?? 200;
  if (res.status !== want) throw new LoadFailure(`${opts.figure}: the probe request answered ${res.status}, not ${want}${res.headers.get('location') ? ` (→ ${res.headers.get('location')})` : ''}`);
  const verdict = opts.expect?.({ status: res.status, headers: res.headers, body }) ?? true;
  if (verdict !== true) throw new LoadFailure(`${opts.figure}: the probe response is wrong: ${verdict}`);
}

async function cannon(baseUrl: string, opts: MeasureOptions, connections: number, durationSec: number) {
  return autocannon({
    url: baseUrl + opts.path, method: opts.method ?? 'GET', headers: opts.headers ?? {},
    ...(opts.body !== undefined ? { body: opts.body } : {}),
    connections, duration: durationSec, timeout: 10, title: opts.figure,
  });
}

export async function runLoad(baseUrl: string, opts: MeasureOptions, s: LoadSettings): Promise<LoadFigures> {
  await probe(baseUrl, opts);
  if (s.warmupSec > 0) await cannon(baseUrl, opts, s.connections, s.warmupSec);
  const r = await cannon(baseUrl, opts, s.connections, s.durationSec);
  const want = String(opts.status ?? 200);
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count]));
  const unexpected = Object.entries(statusCodes).filter(([k]) => k !== want).reduce((n, [, c]) => n + c, 0);
  const figures: LoadFigures = {
    rps: Math.round(r.requests.average * 10) / 10, p50: r.latency.p50, p99: r.latency.p99,
    requests: r.requests.total, errors: r.errors, timeouts: r.timeouts, unexpected, statusCodes,
  };
  if (figures.requests === 0 || unexpected > 0 || r.errors > 0 || r.timeouts > 0) {
    throw new LoadFailure(`${opts.figure}: ${unexpected} of ${figures.requests} responses were not ${want} (${JSON.stringify(statusCodes)}), ${r.errors} errors, ${r.timeouts} timeouts`, figures);
  }
  return figures;
}
