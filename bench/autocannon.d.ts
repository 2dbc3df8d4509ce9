// Just enough of autocannon 9's programmatic API for the benchmark (the package ships no types).
declare module 'autocannon' {
  interface Percentiles { mean: number; stddev: number; min: number; max: number; p50: number; p90: number; p99: number; p99_9?: number; [k: string]: number | undefined }
  interface Options {
    url: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    title?: string;
  }
  interface Result {
    title?: string;
    url: string;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    resets: number;
    mismatches: number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Percentiles & { totalCount: number };
    requests: Percentiles & { total: number; sent: number; average: number };
    throughput: Percentiles;
  }
  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
}
