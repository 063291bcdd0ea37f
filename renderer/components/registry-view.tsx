import { useEffect, useState } from 'react';
import type { AgentEntry } from '../../shared/domain/agent-entry';
import type { ModelEntry } from '../../shared/domain/model-entry';
import { useApi } from '../api/api-context';
import { useAppStore } from '../store/store-context';

type Entry = ModelEntry | AgentEntry;

/** A dense table of the registry entries this user may see, read from the local replica. */
export function RegistryView({ kind }: { readonly kind: 'model' | 'agent' }) {
  const api = useApi();
  const projects = useAppStore((s) => s.projects);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  useEffect(() => {
    let current = true;
    void api['directory.list']({ kind }).then((result) => {
      if (current) setEntries(result.ok ? (result.value.items as Entry[]) : []);
    });
    return () => {
      current = false;
    };
  }, [api, kind]);
  const scope = (entry: Entry) => {
    const v = entry.visibility;
    if (v.level === 'project') return `project ${projects.find((p) => p.id === v.projectId)?.name ?? ''}`;
    return v.level;
  };
  return (
    <main className="content" aria-label={kind === 'model' ? 'Model registry' : 'Agent registry'}>
      <header className="project-head">
        <h1>{kind === 'model' ? 'Model registry' : 'Agent registry'}</h1>
      </header>
      <div className="panel">
        {entries === null ? (
          <p className="muted">Loading…</p>
        ) : entries.length === 0 ? (
          <p className="muted">{kind === 'model' ? 'No models are registered yet.' : 'No agents are registered yet.'}</p>
        ) : (
          <table className="dense-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Description</th>
                <th scope="col">Visibility</th>
                <th scope="col">{kind === 'model' ? 'Badges' : 'Status'}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{e.name}</td>
                  <td className="muted">{e.description}</td>
                  <td>{scope(e)}</td>
                  <td>{'badges' in e ? e.badges.join(', ') : e.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </main>
  );
}
