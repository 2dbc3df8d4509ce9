// Resident memory of a process from /proc (Linux only).
import fs from 'node:fs';

export interface Memory { rssMb: number; peakRssMb: number }

/** VmRSS and VmHWM (peak) in MB (10^6 bytes), or undefined where /proc is not available. */
export function readMemory(pid: number): Memory | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  const mb = (k: number) => Math.round((k * 1024) / 1e5) / 10;
  return { rssMb: mb(kb('VmRSS')), peakRssMb: mb(kb('VmHWM')) };
}
