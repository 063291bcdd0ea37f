import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { OrganizationMembership } from '../../shared/rest/account-endpoints';
import { useApi } from '../api/api-context';
import { callEndpoint, queuedNotice } from '../api/call-endpoint';
import { useAppStore } from '../store/store-context';
import { TextField } from './text-field';

/**
 * The organization in the sidebar's head, and the way to another: the person's organizations with
 * their role in each, switching without signing out, and founding a new one (which they then own).
 */
export function OrganizationSwitcher() {
  const api = useApi();
  const current = useAppStore((s) => s.organization ?? s.session?.organization ?? null);
  const switchOrganization = useAppStore((s) => s.switchOrganization);
  const [open, setOpen] = useState(false);
  const [memberships, setMemberships] = useState<OrganizationMembership[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    let live = true;
    void callEndpoint(api, { endpoint: 'auth.organizations' }).then((outcome) => {
      if (!live) return;
      if (outcome.kind === 'applied') setMemberships(outcome.value.items);
      else setError(outcome.kind === 'failed' ? outcome.message : queuedNotice);
    });
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      live = false;
      window.removeEventListener('keydown', onKey);
    };
  }, [api, open]);

  const close = () => {
    setOpen(false);
    setError(null);
    setName('');
  };

  const switchTo = async (orgId: string) => {
    setBusy(true);
    const refusal = await switchOrganization(orgId);
    setBusy(false);
    if (refusal === null) close();
    else setError(refusal);
  };

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const outcome = await callEndpoint(api, { endpoint: 'org.create', body: { name } });
    if (outcome.kind === 'applied') {
      await switchTo(outcome.value.id);
      return;
    }
    setBusy(false);
    setError(outcome.kind === 'failed' ? outcome.message : 'You are offline: a new organization needs the server.');
  };

  return (
    <div className="org-switcher">
      <button
        type="button"
        className="org-switcher-button"
        aria-expanded={open}
        aria-controls="org-switcher-panel"
        aria-label={`Organization ${current?.name ?? ''}: switch or create one`}
        onClick={() => (open ? close() : setOpen(true))}
      >
        <span className="truncate" title="Organization">
          {current?.name ?? '—'}
        </span>
        <span aria-hidden="true"> ▾</span>
      </button>
      {open && (
        <div id="org-switcher-panel" className="org-switcher-panel" role="region" aria-label="Organizations">
          {memberships === null && error === null && <p className="muted">Loading your organizations…</p>}
          {memberships !== null && (
            <ul className="org-switcher-list" aria-label="Your organizations">
              {memberships.map(({ organization, role }) => {
                const here = organization.id === current?.id;
                return (
                  <li key={organization.id}>
                    <button
                      type="button"
                      className={`org-switcher-item${here ? ' selected' : ''}`}
                      aria-current={here ? 'true' : undefined}
                      disabled={busy || here}
                      title={here ? 'You are working here' : `Switch to ${organization.name}`}
                      onClick={() => void switchTo(organization.id)}
                    >
                      <span className="truncate">{organization.name}</span>
                      <span className="badge">{role}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          <form className="org-switcher-create" onSubmit={(e) => void create(e)}>
            <TextField label="New organization" value={name} onChange={setName} maxLength={100} help="You will own it, on this server's default plan." />
            <button type="submit" className="small" disabled={busy || name.trim() === ''}>
              Create and switch
            </button>
          </form>
          {error !== null && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
