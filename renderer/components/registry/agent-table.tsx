import type { AgentRegistryItem } from '../../../shared/rest/agent-registry-endpoints';
import { useAppStore } from '../../store/store-context';
import { useVisibilityText } from './visibility-fields';
import { TableHead } from '../table-head';

/** Agents in a dense table; forks say where they came from and whether the original moved on. */
export function AgentTable({ agents, label, onOpen }: { readonly agents: readonly AgentRegistryItem[]; readonly label: string; readonly onOpen: (id: string) => void }) {
  const projects = useAppStore((s) => s.projects);
  const visibilityText = useVisibilityText();
  return (
    <table className="dense-table" aria-label={label}>
      <TableHead columns={['Name', 'Lives in', 'Visibility', 'Version', 'Status']} />
      <tbody>
        {agents.map((a) => (
          <tr key={a.id}>
            <td>
              <button className="link" onClick={() => onOpen(a.id)}>
                {a.name}
              </button>
              {a.description !== '' && <div className="muted small-text">{a.description}</div>}
            </td>
            <td>{a.projectId === null ? 'Organization' : `Project ${projects.find((p) => p.id === a.projectId)?.name ?? ''}`}</td>
            <td>{visibilityText(a.visibility)}</td>
            <td>{a.version}</td>
            <td>
              <div className="badges-cell">
              {a.status === 'retired' ? <span className="badge badge-error">Retired</span> : <span className="badge">Active</span>}
              {a.isDefault && <span className="badge">Default</span>}
              {a.forkedFrom !== null && <span className="badge">Fork</span>}
              {a.updateAvailable && <span className="badge badge-live">Update available</span>}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
