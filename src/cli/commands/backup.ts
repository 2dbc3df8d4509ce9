// `joinedup backup FILE` and `joinedup restore FILE`: a whole-database copy of the embedded database,
// as the gzip tarball PGlite writes of its data folder. PostgreSQL has its own tools (pg_dump, pg_restore).
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_PARSERS, asSystem, openDatabase } from '../../platform/db/database.ts';
import { acquireDataDirLock } from '../../platform/db/lock.ts';
import { audit } from '../../platform/audit/audit.ts';
import { CliError, registerCommand } from '../registry.ts';
import type { Config } from '../../config.ts';

function pgDataDir(config: Config): string {
  return path.join(config.dataDir, 'pgdata');
}

function holdsDatabase(dir: string): boolean {
  try {
    return fs.readdirSync(dir).length > 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

function pgDumpHint(config: Config): string {
  const schemas = config.databaseSchema === 'public' ? '' : ` --schema=${config.databaseSchema} --schema=${config.databaseSchema}_boss`;
  return `pg_dump --format=custom${schemas} --file=joinedup.dump "$DATABASE_URL"`;
}

registerCommand({
  name: 'backup',
  usage: 'backup FILE',
  description: 'Write a copy of the embedded database to FILE (a .tar.gz)',
  details: 'Embedded database only (no DATABASE_URL): for PostgreSQL use pg_dump. Stop the web server first:\n'
    + 'only one process may open the data folder. Only the database is copied; other files in DATA_DIR\n'
    + '(the mail outbox, uploads) are not.',
  positionals: [{ name: 'file', description: 'Where to write the backup, e.g. joinedup-2025-01-31.tar.gz', required: true }],
  async run(args, io) {
    const config = io.config();
    if (config.databaseUrl) throw new CliError(`backup copies the embedded database only; this installation uses PostgreSQL (DATABASE_URL). Use pg_dump instead, e.g. ${pgDumpHint(config)}`);
    if (!holdsDatabase(pgDataDir(config))) throw new CliError(`There is no database in ${config.dataDir} to back up (check DATA_DIR).`);
    const file = path.resolve(args.positionals[0]!);
    if (file.startsWith(config.dataDir + path.sep)) throw new CliError(`Write the backup outside the data folder ${config.dataDir}.`);
    if (!fs.existsSync(path.dirname(file))) throw new CliError(`The folder ${path.dirname(file)} does not exist.`);
    const partial = `${file}.partial-${process.pid}`;
    const size = await io.withDatabase(async (database) => {
      // The backup holds its own record, so a restored database shows when and by whom it was taken.
      await asSystem(database.db, (trx) => audit(trx, io.auditContext(null), { action: 'database.backed-up', detail: { file: path.basename(file) } }));
      await database.pglite!.exec('CHECKPOINT');
      const blob = await database.pglite!.dumpDataDir('gzip');
      const bytes = Buffer.from(await blob.arrayBuffer());
      try {
        fs.writeFileSync(partial, bytes, { mode: 0o600 });
        fs.renameSync(partial, file);
      } catch (err) {
        fs.rmSync(partial, { force: true });
        throw err;
      }
      return bytes.length;
    });
    io.err(`Backed up the database in ${config.dataDir} to ${file} (${(size / 1024 / 1024).toFixed(1)} MB).`);
  },
});

registerCommand({
  name: 'restore',
  usage: 'restore FILE',
  description: 'Restore a backup into DATA_DIR, which must not hold a database yet',
  details: 'Embedded database only. Restore into a new, empty folder (set DATA_DIR), check it, then point\n'
    + 'Joined Up at it. An existing database is never overwritten: move it away first if you mean to replace it.',
  positionals: [{ name: 'file', description: 'A file written by `joinedup backup`', required: true }],
  async run(args, io) {
    const config = io.config();
    if (config.databaseUrl) throw new CliError('restore loads the embedded database only; this installation uses PostgreSQL (DATABASE_URL). Use pg_restore for a pg_dump backup.');
    const file = path.resolve(args.positionals[0]!);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (err) {
      throw new CliError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`);
    }
    if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new CliError(`${file} is not a backup written by \`joinedup backup\` (not a gzip file).`);
    const pgDir = pgDataDir(config);
    const refuse = () => new CliError(`${config.dataDir} already holds a database (${pgDir} is not empty). Nothing was changed. `
      + 'Restore into an empty folder by setting DATA_DIR to a new folder, or move the existing pgdata folder away first.');
    if (holdsDatabase(pgDir)) throw refuse();
    fs.mkdirSync(config.dataDir, { recursive: true });
    const lock = acquireDataDirLock(config.dataDir);
    let pglite: PGlite | undefined;
    let ok = false;
    let filling = false;
    try {
      if (holdsDatabase(pgDir)) throw refuse(); // another process may have got there between the check and the lock
      filling = true;
      pglite = await PGlite.create(pgDir, { loadDataDir: new Blob([new Uint8Array(bytes)]), parsers: PGLITE_PARSERS });
      const database = await openDatabase({ pglite });
      const counts = await asSystem(database.db, async (trx) => {
        const areas = await trx.selectFrom('area').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        const users = await trx.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        await audit(trx, io.auditContext(null), { action: 'database.restored', detail: { file: path.basename(file) } });
        return { areas: Number(areas.n), users: Number(users.n) };
      });
      await database.close(); // checkpoints and closes the PGlite
      ok = true;
      io.err(`Restored ${file} into ${config.dataDir}: ${counts.areas} area${counts.areas === 1 ? '' : 's'}, ${counts.users} user${counts.users === 1 ? '' : 's'}.`);
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw new CliError(`Could not restore ${file}: ${(err as Error).message}. Nothing was left in ${config.dataDir}.`);
    } finally {
      if (pglite && !pglite.closed) await pglite.close().catch(() => undefined);
      // A half-restored folder is removed; it was empty before (checked under the lock), so nothing else is lost.
      if (!ok && filling) fs.rmSync(pgDir, { recursive: true, force: true });
      lock.release();
    }
  },
});
