import { useState } from 'react';
import type { KnowledgeBase } from '../../../shared/domain/knowledge-base';
import { decideKnowledgeBase } from '../../../shared/policy/knowledge-access';
import { useEndpoint } from '../../api/use-directory-query';
import { useAppStore } from '../../store/store-context';
import { useViewer } from '../registry/use-viewer';
import { KnowledgeBaseForm } from './knowledge-base-form';
import { KnowledgeBasePanel } from './knowledge-base-panel';
import { ownerText } from './knowledge-owner';

/**
 * Knowledge bases: documents under paths (a team's namespace such as `teams/platform/`, or
 * organization-wide), written here or uploaded as Markdown, text, PDF or Word files, which agents
 * search and cite. Bases are bound to projects here; workgroups bind theirs in their settings.
 */
export function KnowledgeView() {
  const viewer = useViewer();
  const projects = useAppStore((s) => s.projects);
  const workgroups = useAppStore((s) => s.workgroups);
  const target = useAppStore((s) => s.knowledgeTarget);
  const listed = useEndpoint({ endpoint: 'knowledge-base.list' }, { kinds: ['knowledge-base'] });
  const bases = listed.data?.items ?? null;
  const [notice, setNotice] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  // A followed citation opens its base until another base is chosen here.
  const selected = chosen ?? target?.knowledgeBaseId ?? null;
  const base = bases?.find((b) => b.id === selected) ?? null;
  const shown = notice ?? listed.error;

  /** Why the caller may not change a base, from the same policy the server applies; null when they may. */
  const writeDenial = (b: KnowledgeBase) => {
    const decision = viewer ? decideKnowledgeBase(viewer, b, 'write') : null;
    return decision && !decision.allowed ? decision.reason : null;
  };

  return (
    <main className="content" aria-label="Knowledge bases">
      <header className="project-head">
        <div>
          <h1>Knowledge</h1>
          <p className="muted">Documents agents search and cite by path. Bind a base to a project to let its agents use it.</p>
        </div>
      </header>
      <div className="panel knowledge-layout">
        <section aria-label="Knowledge bases" className="knowledge-bases">
          {shown && (
            <p className="error" role="alert">
              {shown}
            </p>
          )}
          <ul className="kb-list">
            {(bases ?? []).map((b) => (
              <li key={b.id}>
                <button className={`kb-item${b.id === selected ? ' selected' : ''}`} aria-current={b.id === selected ? 'true' : undefined} onClick={() => setChosen(b.id)}>
                  <span>{b.name}</span>
                  <span className="muted small">{ownerText(b.owner, workgroups, projects)}</span>
                </button>
              </li>
            ))}
            {bases !== null && bases.length === 0 && <li className="muted">No knowledge bases yet.</li>}
          </ul>
          <KnowledgeBaseForm
            onNotice={setNotice}
            onCreated={async (id) => {
              setChosen(id);
              await listed.reload();
            }}
          />
        </section>
        {base && (
          <KnowledgeBasePanel
            key={base.id}
            base={base}
            denial={writeDenial(base)}
            openDocumentId={target !== null && target.knowledgeBaseId === base.id && chosen === null ? target.documentId : null}
          />
        )}
      </div>
    </main>
  );
}
