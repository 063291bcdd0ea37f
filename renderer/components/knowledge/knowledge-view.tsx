import { useState } from 'react';
import type { KnowledgeBase, KnowledgeBaseOwner } from '../../../shared/domain/knowledge-base';
import { decideKnowledgeBase } from '../../../shared/policy/knowledge-access';
import { decideOrgAction } from '../../../shared/policy/decide';
import { useApi } from '../../api/api-context';
import { callEndpoint, queuedNotice } from '../../api/call-endpoint';
import { useEndpoint } from '../../api/use-directory-query';
import { useAppStore } from '../../store/store-context';
import { useViewer } from '../registry/use-viewer';
import { TableHead } from '../table-head';

type OwnerChoice = 'organization' | `workgroup:${string}` | `project:${string}`;

function ownerOf(choice: OwnerChoice): KnowledgeBaseOwner {
  if (choice === 'organization') return { kind: 'organization' };
  const [kind, id] = choice.split(':') as ['workgroup' | 'project', string];
  return kind === 'workgroup' ? { kind, workgroupId: id } : { kind, projectId: id };
}

/**
 * Knowledge bases: Markdown and text documents under paths (a team's namespace such as
 * `teams/platform/`, or organization-wide), which agents search and cite. Bases are bound to
 * projects here; workgroups bind theirs in their shared settings.
 */
export function KnowledgeView() {
  const api = useApi();
  const viewer = useViewer();
  const projects = useAppStore((s) => s.projects);
  const workgroups = useAppStore((s) => s.workgroups);
  const listed = useEndpoint({ endpoint: 'knowledge-base.list' }, { kinds: ['knowledge-base'] });
  const bases = listed.data?.items ?? null;
  const [changeNotice, setNotice] = useState<string | null>(null);
  const notice = changeNotice ?? listed.error;
  const [selected, setSelected] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [owner, setOwner] = useState<OwnerChoice>('organization');

  const create = async () => {
    const outcome = await callEndpoint(api, { endpoint: 'knowledge-base.create', body: { name, owner: ownerOf(owner) } });
    if (outcome.kind === 'applied') {
      setName('');
      setSelected(outcome.value.id);
      await listed.reload();
    }
    setNotice(outcome.kind === 'failed' ? outcome.message : outcome.kind === 'queued' ? queuedNotice : null);
  };

  const base = bases?.find((b) => b.id === selected) ?? null;
  /** Why the caller may not change a base, from the same policy the server applies; null when they may. */
  const writeDenial = (b: KnowledgeBase) => {
    const decision = viewer ? decideKnowledgeBase(viewer, b, 'write') : null;
    return decision && !decision.allowed ? decision.reason : null;
  };
  const orgWrite = viewer ? decideOrgAction(viewer, 'org.knowledge.write', { scope: 'org', orgId: viewer.orgId }) : null;
  const ownerText = (o: KnowledgeBaseOwner) =>
    o.kind === 'organization'
      ? 'Organization'
      : o.kind === 'workgroup'
        ? `Workgroup ${workgroups.find((w) => w.id === o.workgroupId)?.name ?? ''}`
        : `Project ${projects.find((p) => p.id === o.projectId)?.name ?? ''}`;

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
          {notice && <p className="error" role="alert">{notice}</p>}
          <ul className="kb-list">
            {(bases ?? []).map((b) => (
              <li key={b.id}>
                <button className={`kb-item${b.id === selected ? ' selected' : ''}`} aria-current={b.id === selected ? 'true' : undefined} onClick={() => setSelected(b.id)}>
                  <span>{b.name}</span>
                  <span className="muted small">{ownerText(b.owner)}</span>
                </button>
              </li>
            ))}
            {bases !== null && bases.length === 0 && <li className="muted">No knowledge bases yet.</li>}
          </ul>
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
        </section>
        {base && <KnowledgeBasePanel key={base.id} base={base} denial={writeDenial(base)} />}
      </div>
    </main>
  );
}

function KnowledgeBasePanel({ base, denial }: { base: KnowledgeBase; denial: string | null }) {
  const api = useApi();
  const projects = useAppStore((s) => s.projects);
  // Documents are not replicated: the list is read when the base opens and after each save here.
  const listed = useEndpoint({ endpoint: 'knowledge-document.list', params: { id: base.id } }, { kinds: [] });
  const documents = listed.data?.items ?? [];
  const [editing, setEditing] = useState<{ id: string | null; path: string; content: string } | null>(null);
  const [changeNotice, setNotice] = useState<string | null>(null);
  const notice = changeNotice ?? listed.error;
  const [bindTo, setBindTo] = useState('');

  const open = async (id: string) => {
    const outcome = await callEndpoint(api, { endpoint: 'knowledge-document.read', params: { id: base.id, docId: id } });
    if (outcome.kind === 'applied') setEditing({ id, path: outcome.value.path, content: outcome.value.content });
    else setNotice(outcome.kind === 'failed' ? outcome.message : queuedNotice);
  };

  const save = async () => {
    if (!editing) return;
    const body = { path: editing.path, content: editing.content };
    const outcome =
      editing.id === null
        ? await callEndpoint(api, { endpoint: 'knowledge-document.create', params: { id: base.id }, body })
        : await callEndpoint(api, { endpoint: 'knowledge-document.update', params: { id: base.id, docId: editing.id }, body });
    if (outcome.kind === 'applied') {
      setEditing({ id: outcome.value.id, path: outcome.value.path, content: outcome.value.content });
      setNotice('Saved.');
      await listed.reload();
    } else {
      setNotice(outcome.kind === 'failed' ? outcome.message : queuedNotice);
    }
  };

  const bind = async () => {
    const current = await callEndpoint(api, { endpoint: 'project.config.read', params: { id: bindTo } });
    if (current.kind !== 'applied') return setNotice(current.kind === 'failed' ? current.message : queuedNotice);
    const config = current.value.config;
    if (config.knowledgeBaseIds.includes(base.id)) return setNotice('Already bound to that project.');
    const outcome = await callEndpoint(api, {
      endpoint: 'project.config.update',
      params: { id: bindTo },
      body: { ...config, knowledgeBaseIds: [...config.knowledgeBaseIds, base.id] },
    });
    setNotice(outcome.kind === 'applied' ? `Bound to ${projects.find((p) => p.id === bindTo)?.name ?? 'the project'}.` : outcome.kind === 'failed' ? outcome.message : queuedNotice);
  };

  return (
    <section aria-label={`Knowledge base ${base.name}`} className="knowledge-base">
      <h2>{base.name}</h2>
      {base.description && <p className="muted">{base.description}</p>}
      {denial && <p className="reason">{denial}</p>}
      {notice && (
        <p className="muted" role="status">
          {notice}
        </p>
      )}
      <table className="dense-table">
        <TableHead columns={['Path', 'Size']} />
        <tbody>
          {documents.map((d) => (
            <tr key={d.id}>
              <td>
                <button className="link" onClick={() => void open(d.id)}>
                  {d.path}
                </button>
              </td>
              <td>{d.length.toLocaleString()} characters</td>
            </tr>
          ))}
          {documents.length === 0 && (
            <tr>
              <td colSpan={2} className="muted">
                No documents yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {denial === null && !editing && (
        <button onClick={() => setEditing({ id: null, path: 'guide.md', content: '' })}>New document</button>
      )}
      {editing && (
        <form
          className="form-card"
          aria-label="Document"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <label className="field">
            Path
            <input value={editing.path} onChange={(e) => setEditing({ ...editing, path: e.target.value })} readOnly={denial !== null} />
          </label>
          <label className="field">
            Content (Markdown or text)
            <textarea rows={14} value={editing.content} onChange={(e) => setEditing({ ...editing, content: e.target.value })} readOnly={denial !== null} />
          </label>
          {denial === null && (
            <div className="form-actions">
              <button className="primary" type="submit">
                Save document
              </button>
              <button type="button" onClick={() => setEditing(null)}>
                Close
              </button>
            </div>
          )}
        </form>
      )}
      <form
        className="form-row"
        aria-label="Bind to a project"
        onSubmit={(event) => {
          event.preventDefault();
          void bind();
        }}
      >
        <label className="field">
          Bind to project
          <select value={bindTo} onChange={(e) => setBindTo(e.target.value)}>
            <option value="">Choose a project</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={bindTo === ''}>
          Bind
        </button>
      </form>
    </section>
  );
}
