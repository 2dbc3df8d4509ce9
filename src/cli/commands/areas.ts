// `joinedup areas create|list`: the local areas (one SEND partnership each) this installation serves.
import { sql } from 'kysely';
import { asSystem } from '../../platform/db/database.ts';
import { audit } from '../../platform/audit/audit.ts';
import { CliError, UsageError, registerCommand } from '../registry.ts';
import { formatTable } from '../io.ts';
import { installDefaultTemplates } from '../../modules/casework/documents/repository.ts';

/** ONS area codes: a letter and eight digits, e.g. E09000033 (a local authority) or E12000007 (a region). */
export const AREA_CODE = /^[A-Z][0-9]{8}$/;

registerCommand({
  name: 'areas create',
  usage: 'areas create --code CODE --name NAME [--region-code CODE --region-name NAME] [--icb-name NAME]',
  description: 'Create a local area and print its id',
  details: 'CODE is the local authority\'s ONS code (a letter and eight digits, e.g. E09000033).',
  options: {
    'code': { type: 'string', value: 'CODE', description: 'ONS code of the local authority', required: true },
    'name': { type: 'string', value: 'NAME', description: 'Name of the area, e.g. "Westminster"', required: true },
    'region-code': { type: 'string', value: 'CODE', description: 'ONS code of its region, e.g. E12000007' },
    'region-name': { type: 'string', value: 'NAME', description: 'Name of its region, e.g. "London"' },
    'icb-name': { type: 'string', value: 'NAME', description: 'Name of its integrated care board' },
  },
  async run(args, io) {
    const code = args.string('code')!.trim().toUpperCase();
    const name = args.string('name')!.trim();
    const regionCode = args.string('region-code')?.trim().toUpperCase() || null;
    const regionName = args.string('region-name')?.trim() || null;
    const icbName = args.string('icb-name')?.trim() || null;
    if (!AREA_CODE.test(code)) throw new UsageError(`--code must be an ONS code, a letter and eight digits like E09000033 (got "${code}")`);
    if (!name || name.length > 200) throw new UsageError('--name must be 1 to 200 characters');
    if (regionCode && !AREA_CODE.test(regionCode)) throw new UsageError(`--region-code must be an ONS code like E12000007 (got "${regionCode}")`);
    const id = await io.withDatabase((database) => asSystem(database.db, async (trx) => {
      const existing = await trx.selectFrom('area').select(['id', 'name']).where('code', '=', code).executeTakeFirst();
      if (existing) throw new CliError(`An area with code ${code} already exists ("${existing.name}", id ${existing.id}).`);
      const row = await trx.insertInto('area').values({ code, name, region_code: regionCode, region_name: regionName, icb_name: icbName })
        .returning('id').executeTakeFirstOrThrow();
      // A new area starts with the standard letter wording, which its administrator can then edit.
      const templates = await installDefaultTemplates(trx, row.id);
      await audit(trx, io.auditContext(row.id), { action: 'area.created', entityType: 'area', entityId: row.id, detail: { code, letterTemplates: templates } });
      return row.id;
    }));
    io.out(id);
    io.err(`Created area ${code} "${name}".`);
  },
});

registerCommand({
  name: 'areas list',
  usage: 'areas list',
  description: 'List the areas, with how many people and organisations each has',
  async run(_args, io) {
    const rows = await io.withDatabase((database) => asSystem(database.db, (trx) => trx.selectFrom('area as a')
      .select(['a.id', 'a.code', 'a.name', 'a.region_name'])
      .select([
        sql<number>`(select count(distinct m.user_id) from membership m where m.area_id = a.id)`.as('people'),
        sql<number>`(select count(*) from organisation o where o.area_id = a.id)`.as('organisations'),
      ])
      .orderBy('a.code').execute()));
    if (rows.length === 0) {
      io.err('There are no areas yet. Create one with `joinedup areas create --code CODE --name NAME`.');
      return;
    }
    io.out(formatTable(['code', 'name', 'region', 'people', 'organisations', 'id'],
      rows.map((r) => [r.code, r.name, r.region_name, Number(r.people), Number(r.organisations), r.id])));
  },
});
