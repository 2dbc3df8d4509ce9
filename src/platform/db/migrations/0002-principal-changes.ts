import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script.ts';
import { PRINCIPAL_CHANNEL } from '../../http/session-cache.ts';

// Announces, on commit, every change that can alter who a session belongs to or what it may do: a
// session revoked, a user disabled or their password, name or second factor changed, a membership
// added or removed, an area renamed. The web server keeps recently seen sessions in memory and drops
// them when it hears of a change (see session-cache.ts). NOTIFY is transactional: a rolled-back
// change announces nothing, and a committed one is heard before its COMMIT returns.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create function announce_principal_change() returns trigger language plpgsql as $$
    begin
      if tg_table_name = 'area' then
        perform pg_notify('${PRINCIPAL_CHANNEL}', '*');
      elsif tg_table_name = 'app_user' then
        perform pg_notify('${PRINCIPAL_CHANNEL}', coalesce(new.id, old.id)::text);
      else
        perform pg_notify('${PRINCIPAL_CHANNEL}', coalesce(new.user_id, old.user_id)::text);
      end if;
      return null;
    end $$;
    create trigger user_session_announce after delete on user_session
      for each row execute function announce_principal_change();
    create trigger app_user_announce after update on app_user
      for each row execute function announce_principal_change();
    create trigger membership_announce after insert or update or delete on membership
      for each row execute function announce_principal_change();
    create trigger area_announce after update on area
      for each row execute function announce_principal_change();
  `);
}

