import { useState } from 'react';
import { decideOrgAction } from '../../../shared/policy/decide';
import { useApi } from '../../api/api-context';
import { callEndpoint, queuedNotice } from '../../api/call-endpoint';
import { useAppStore } from '../../store/store-context';
import { useViewer } from '../registry/use-viewer';
import type { OwnerChoice } from './knowledge-owner';
import { ownerFromChoice } from './knowledge-owner';

/** Creates a knowledge base maintained by the organization, a workgroup or a project. */
export function KnowledgeBaseForm({ onCreated, onNotice }: { readonly onCreated: (id: string) => Promise<void>; readonly onNotice: (notice: string | null) => void }) {
  const api = useApi();
  const viewer = useViewer();
  const projects = useAppStore((s) => s.projects);
  const workgroups = useAppStore((s) => s.workgroups);
  const [name, setName] = useState('');
  const [owner, setOwner] = useState<OwnerChoice>('organization');
  const orgWrite = viewer ? decideOrgAction(viewer, 'org.knowledge.write', { scope: 'org', orgId: viewer.orgId }) : null;

  const create = async () => {
    const outcome = await callEndpoint(api, { endpoint: 'knowledge-base.create', body: { name, owner: ownerFromChoice(owner) } });
    if (outcome.kind === 'applied') {
      setName('');
      await onCreated(outcome.value.id);
    }
    onNotice(outcome.kind === 'failed' ? outcome.message : outcome.kind === 'queued' ? queuedNotice : null);
  };

  return (
    <form
      className="form-card"
      aria-label="New knowledge base"
      onSubmit={(event) => {
        event.preventDefault();
        void create();
      }}
    >
      <h3>New knowledge base</h3>
      <label className="field">
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label className="field">
        Maintained by
        <select value={owner} onChange={(e) => setOwner(e.target.value as OwnerChoice)}>
          <option value="organization" disabled={orgWrite !== null && !orgWrite.allowed}>
            The organization
          </option>
          {workgroups.map((w) => (
            <option key={w.id} value={`workgroup:${w.id}`}>
              Workgroup {w.name}
            </option>
          ))}
          {projects.map((p) => (
            <option key={p.id} value={`project:${p.id}`}>
              Project {p.name}
            </option>
          ))}
        </select>
      </label>
      <button className="primary" type="submit" disabled={name.trim() === ''}>
        Create knowledge base
      </button>
    </form>
  );
}
