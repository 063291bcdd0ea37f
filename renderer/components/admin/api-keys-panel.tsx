import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ApiKey } from '../../../shared/domain/api-key';
import { useApi } from '../../api/api-context';
import { apiKeyMintDenial, denialInOrg } from '../../lib/org-permission';
import { useAppStore } from '../../store/store-context';
import { callEndpoint, queuedNotice } from '../../api/call-endpoint';
import { formatDate, formatDateTime, userName } from './admin-format';
import { SecretDialog } from './secret-dialog';
import { useEndpoint } from '../../api/use-directory-query';
import { TableHead } from '../table-head';

function status(key: ApiKey, now: number): { label: string; className: string } {
  if (key.revokedAt !== null) return { label: 'Revoked', className: 'status-off' };
  if (key.expiresAt !== null && Date.parse(key.expiresAt) <= now) return { label: 'Expired', className: 'status-off' };
  return { label: 'Active', className: 'status-on' };
}

/** API keys: the caller's own, or the whole organization's for admins; minting shows the secret once. */
export function ApiKeysPanel() {
  const api = useApi();
  const me = useAppStore((s) => s.session?.user?.id ?? '');
  const orgId = useAppStore((s) => s.session?.organization?.id ?? '');
  const users = useAppStore((s) => s.users);
  const createDenial = useAppStore((s) => denialInOrg(s.session, s.roles, 'api-key.create-own'));
  const allDenial = useAppStore((s) => denialInOrg(s.session, s.roles, 'api-key.read-all'));
  const revokeAnyDenial = useAppStore((s) => denialInOrg(s.session, s.roles, 'api-key.revoke-any'));
  const scope = allDenial === null ? 'organization' : 'own';
  const keys = useEndpoint({ endpoint: 'api-key.list', query: { scope } }, { kinds: ['api-key'] });
  // Service accounts an admin may mint keys for, from the member list: none above the admin's own role.
  const members = useEndpoint({ endpoint: 'org.member.list', params: { id: orgId } }, { kinds: ['user', 'organization'], enabled: allDenial === null });
  const session = useAppStore((s) => s.session);
  const roles = useAppStore((s) => s.roles);
  const services = (members.data?.items ?? []).filter(
    (m) => m.user.kind === 'service' && apiKeyMintDenial(session, roles, { userId: m.user.id, kind: m.user.kind, orgRole: m.role }) === null,
  );

  const [name, setName] = useState('');
  const [owner, setOwner] = useState('');
  const [expires, setExpires] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [minted, setMinted] = useState<{ name: string; secret: string } | null>(null);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [showRevoked, setShowRevoked] = useState(false);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: name.trim(),
      expiresAt: expires === '' ? null : new Date(`${expires}T23:59:59`).toISOString(),
      ...(owner === '' ? {} : { userId: owner }),
    };
    const outcome = await callEndpoint(api, { endpoint: 'api-key.create', body });
    if (outcome.kind === 'failed') return setFormError(outcome.message);
    if (outcome.kind === 'queued') return setFormError('Creating an API key needs the server; try again when you are online.');
    setFormError(null);
    setName('');
    setExpires('');
    setMinted({ name: outcome.value.name, secret: outcome.value.secret });
    await keys.reload();
  };
  const revoke = async (id: string) => {
    const outcome = await callEndpoint(api, { endpoint: 'api-key.revoke', params: { id } });
    setRowError(outcome.kind === 'failed' ? { id, message: outcome.message } : outcome.kind === 'queued' ? { id, message: queuedNotice } : null);
    setConfirming(null);
    await keys.reload();
  };

  const now = Date.now();
  const all = keys.data?.items ?? [];
  const shown = all.filter((k) => showRevoked || k.revokedAt === null).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const hiddenCount = all.length - all.filter((k) => k.revokedAt === null).length;

  return (
    <section className="panel admin-panel" aria-label="API keys">
      {createDenial !== null ? (
        <p className="reason">{createDenial}.</p>
      ) : (
        <form className="admin-form" onSubmit={(e) => void create(e)} aria-label="New API key">
          <h2>Create an API key</h2>
          <p className="muted form-help">A key acts as its owner in this organization, for the REST API and scripts. Its secret is shown once.</p>
          <div className="form-row">
            <label className="grow">
              Key name
              <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="Deploy script" />
            </label>
            {allDenial === null && (
              <label>
                Key owner
                <select value={owner} onChange={(e) => setOwner(e.target.value)}>
                  <option value="">Me</option>
                  {services.map((m) => (
                    <option key={m.user.id} value={m.user.id}>
                      {m.user.displayName} (service account)
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              <span>
                Expires <span className="hint">(optional)</span>
              </span>
              <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
            </label>
            <button type="submit" className="primary" disabled={name.trim() === ''}>
              Create key
            </button>
          </div>
          {formError !== null && (
            <p className="error" role="alert">
              {formError}
            </p>
          )}
        </form>
      )}

      <div className="panel-toolbar">
        <h2>
          {scope === 'organization' ? 'All keys in the organization' : 'Your keys'} <span className="count">{shown.length}</span>
        </h2>
        {hiddenCount > 0 && (
          <label className="checkbox">
            <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} />
            Show revoked ({hiddenCount})
          </label>
        )}
      </div>
      {allDenial !== null && <p className="reason">Only your own keys are listed: {allDenial.charAt(0).toLowerCase() + allDenial.slice(1)}.</p>}
      {keys.error !== null && (
        <p className="error" role="alert">
          {keys.error}
        </p>
      )}
      {keys.data === null ? (
        <p className="muted">{keys.loading ? 'Loading keys…' : ''}</p>
      ) : shown.length === 0 ? (
        <p className="empty-state">No active API keys.</p>
      ) : (
        <table className="dense-table" aria-label="API keys">
          <TableHead
            columns={['Name', ...(scope === 'organization' ? ['Owner'] : []), 'Key', 'Created', 'Last used', 'Expires', 'Status', { hidden: 'Actions' }]}
          />
          <tbody>
            {shown.map((k) => {
              const st = status(k, now);
              const denial = k.userId === me ? null : revokeAnyDenial;
              return (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  {scope === 'organization' && <td className="muted">{k.userId === me ? 'You' : userName(users, k.userId)}</td>}
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td className="muted nowrap">{formatDate(k.createdAt)}</td>
                  <td className="muted nowrap">{k.lastUsedAt === null ? 'Never' : formatDateTime(k.lastUsedAt)}</td>
                  <td className="muted nowrap">{k.expiresAt === null ? 'Never' : formatDate(k.expiresAt)}</td>
                  <td>
                    <span className={`status ${st.className}`}>{st.label}</span>
                  </td>
                  <td className="row-actions">
                    {k.revokedAt !== null ? null : confirming === k.id ? (
                      <>
                        <button className="small danger" onClick={() => void revoke(k.id)}>
                          Confirm revoke
                        </button>
                        <button className="small" onClick={() => setConfirming(null)}>
                          Cancel
                        </button>
                      </>
                    ) : (
                      <button className="small" aria-label={`Revoke ${k.name}`} disabled={denial !== null} title={denial ?? undefined} onClick={() => setConfirming(k.id)}>
                        Revoke
                      </button>
                    )}
                    {rowError?.id === k.id && (
                      <span className="error" role="alert">
                        {rowError.message}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {minted !== null && (
        <SecretDialog
          title={`API key “${minted.name}” created`}
          instructions="Copy this secret now and store it somewhere safe. If you lose it, revoke the key and create a new one."
          label="Secret"
          secret={minted.secret}
          onClose={() => setMinted(null)}
        />
      )}
    </section>
  );
}
