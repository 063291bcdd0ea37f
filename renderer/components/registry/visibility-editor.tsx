import { useState } from 'react';
import type { AgentEntry } from '../../../shared/domain/agent-entry';
import type { ModelEntry } from '../../../shared/domain/model-entry';
import { useApi } from '../../api/api-context';
import { registryDenial } from '../../lib/registry-permission';
import { callEndpoint, queuedNotice } from '../../api/call-endpoint';
import { useViewer } from './use-viewer';
import { draftOf, VisibilityFields, visibilityFromDraft } from './visibility-fields';

type Props =
  | { readonly kind: 'model'; readonly entry: ModelEntry; readonly onChanged: () => void }
  | { readonly kind: 'agent'; readonly entry: AgentEntry; readonly onChanged: () => void };

/** Changes who can see an entry; refused with the policy's reason where the caller may not move it there. */
export function VisibilityEditor(props: Props) {
  const api = useApi();
  const viewer = useViewer();
  const [draft, setDraft] = useState(() => draftOf(props.entry.visibility));
  const [message, setMessage] = useState<string | null>(null);
  const target = visibilityFromDraft(draft);
  const endpoint = props.kind === 'model' ? 'model.visibility.update' : 'agent.visibility.update';
  const known = props.kind === 'model' ? { models: [props.entry] } : { agents: [props.entry] };
  const manageDenial = registryDenial(viewer, endpoint, { params: { id: props.entry.id }, body: props.entry.visibility }, known);
  const denial = manageDenial ?? (target === null ? null : registryDenial(viewer, endpoint, { params: { id: props.entry.id }, body: target }, known));
  const unchanged = JSON.stringify(target) === JSON.stringify(props.entry.visibility);

  const save = async () => {
    if (target === null) return;
    const outcome = await callEndpoint(api, { endpoint: endpoint, params: { id: props.entry.id }, body: target });
    if (outcome.kind === 'failed') return setMessage(outcome.message);
    setMessage(outcome.kind === 'queued' ? queuedNotice : null);
    props.onChanged();
  };

  return (
    <section className="detail-section" aria-label="Visibility">
      <h2>Visibility</h2>
      <div className="inline-form">
        <VisibilityFields idPrefix={`visibility-${props.entry.id}`} value={draft} onChange={setDraft} />
        <button onClick={() => void save()} disabled={target === null || unchanged || denial !== null} title={denial ?? undefined}>
          Change visibility
        </button>
      </div>
      {denial !== null && <p className="reason">{denial}</p>}
      {message !== null && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
    </section>
  );
}
