// One process at a time may open an embedded data folder: two PGlite processes on one folder corrupt it
// (electric-sql/pglite#1106). The lock is a file created exclusively, holding the owner's pid; a lock left
// by a process that no longer exists is taken over.
import fs from 'node:fs';
import path from 'node:path';

export interface DataDirLock { release(): void }

export class DataDirInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(`The data folder ${dir} is already in use by another Joined Up process (pid ${pid}). `
      + 'Stop that process first, or set DATA_DIR to another folder. Two processes on one embedded database would corrupt it.');
    this.name = 'DataDirInUseError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = path.join(dataDir, 'joinedup.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch { /* already gone */ }
      };
      process.once('exit', release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new DataDirInUseError(dataDir, pid);
      if (pid === process.pid) throw new DataDirInUseError(dataDir, pid);
      fs.unlinkSync(file); // stale: its process has gone
    }
  }
  throw new Error(`Could not lock the data folder ${dataDir}`);
}
