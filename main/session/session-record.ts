import type { SessionState } from '../../shared/app-api/app-api-contract';
import { Organization } from '../../shared/domain/organization';
import { OrgRole } from '../../shared/domain/roles';
import { User } from '../../shared/domain/user';
import type { LocalDatabase } from '../store/local-database';

/** The signed-in session as the local database keeps it; the token itself is in the secret store. */
export interface SessionRecord {
  readonly mode: SessionState['mode'];
  readonly serverUrl: string;
  /** The server and user, as one key: what the outbox and the local data belong to. */
  readonly account: string;
  readonly user: User;
  readonly organization: Organization;
  readonly orgRole: OrgRole;
}

interface SessionRow {
  mode: SessionState['mode'];
  server_url: string;
  account: string;
  user: string;
  organization: string;
  org_role: string;
}

export interface SessionRecords {
  load(): SessionRecord | null;
  save(record: SessionRecord, at: string): void;
  clear(): void;
  getState(key: string): string | null;
  setState(key: string, value: string | null): void;
}

export function sessionRecords(db: LocalDatabase): SessionRecords {
  const select = db.prepare('SELECT mode, server_url, account, user, organization, org_role FROM app_session WHERE id = 1');
  const upsert = db.prepare(
    `INSERT INTO app_session (id, mode, server_url, account, user, organization, org_role, updated_at)
     VALUES (1, @mode, @serverUrl, @account, @user, @organization, @orgRole, @at)
     ON CONFLICT (id) DO UPDATE SET mode = excluded.mode, server_url = excluded.server_url, account = excluded.account,
       user = excluded.user, organization = excluded.organization, org_role = excluded.org_role, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM app_session');
  const getState = db.prepare('SELECT value FROM app_state WHERE key = ?');
  const setState = db.prepare('INSERT INTO app_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const deleteState = db.prepare('DELETE FROM app_state WHERE key = ?');
  return {
    load() {
      const row = select.get() as SessionRow | undefined;
      if (row === undefined) return null;
      // Written by this app, but parsed anyway: a row from an older version must not crash the start.
      const user = User.safeParse(JSON.parse(row.user));
      const organization = Organization.safeParse(JSON.parse(row.organization));
      const orgRole = OrgRole.safeParse(row.org_role);
      if (!user.success || !organization.success || !orgRole.success) return null;
      return { mode: row.mode, serverUrl: row.server_url, account: row.account, user: user.data, organization: organization.data, orgRole: orgRole.data };
    },
    save(record, at) {
      upsert.run({
        mode: record.mode,
        serverUrl: record.serverUrl,
        account: record.account,
        user: JSON.stringify(record.user),
        organization: JSON.stringify(record.organization),
        orgRole: record.orgRole,
        at,
      });
    },
    clear() {
      remove.run();
    },
    getState(key) {
      return (getState.get(key) as { value: string } | undefined)?.value ?? null;
    },
    setState(key, value) {
      if (value === null) deleteState.run(key);
      else setState.run(key, value);
    },
  };
}
