import { useState } from 'react';
import type { ModelBadge, ModelEntry } from '../../../shared/domain/model-entry';
import { modelBadges, providerPlace } from '../../../shared/domain/model-entry';
import type { VisibilityLevel } from '../../../shared/domain/visibility';
import { visibilityLevels } from '../../../shared/domain/visibility';
import { asOptions, FilterSelect } from './filter-select';
import { listReplica, useDirectoryQuery } from '../../api/use-directory-query';
import { registryDenial } from '../../lib/registry-permission';
import { callEndpoint } from '../../api/call-endpoint';
import { ModelDetail } from './model-detail';
import { ModelRegisterForm } from './model-register-form';
import { useViewer } from './use-viewer';
import { useVisibilityText } from './visibility-fields';
import { TableHead } from '../table-head';
import { useAppStore } from '../../store/store-context';

/**
 * The model registry: every entry the caller may see, filtered on the server by visibility and
 * badge; read from the local replica when the server cannot be reached.
 */
export function ModelRegistryView() {
  const viewer = useViewer();
  const visibilityText = useVisibilityText();
  const [level, setLevel] = useState<VisibilityLevel | ''>('');
  const [badge, setBadge] = useState<ModelBadge | ''>('');
  const [registering, setRegistering] = useState(false);
  const target = useAppStore((s) => s.registryTarget);
  // The command palette opens an entry's page; the view is mounted afresh for each target.
  const [selected, setSelected] = useState<string | null>(target?.kind === 'model' ? target.id : null);

  const query = { ...(level === '' ? {} : { visibility: level }), ...(badge === '' ? {} : { badge }) };
  const listed = useDirectoryQuery<{ readonly models: ModelEntry[]; readonly notice: string | null }>({
    key: JSON.stringify(query),
    kinds: ['model'],
    load: async (api) => {
      const outcome = await callEndpoint(api, { endpoint: 'model.list', query });
      if (outcome.kind === 'applied') return { kind: 'applied', value: { models: outcome.value.items, notice: null } };
      const local = await listReplica(api, 'model');
      const items = local.kind === 'applied' ? local.value : [];
      return {
        kind: 'applied',
        value: {
          models: items.filter((m) => (level === '' || m.visibility.level === level) && (badge === '' || m.badges.includes(badge))),
          notice: outcome.kind === 'failed' ? `${outcome.message} Showing the copy on this machine.` : null,
        },
      };
    },
  });
  const models = listed.data?.models ?? null;
  const notice = listed.data?.notice ?? null;
  const load = listed.reload;

  if (selected !== null) {
    return (
      <main className="content" aria-label="Model registry">
        <ModelDetail
          modelId={selected}
          onBack={() => {
            setSelected(null);
            void load();
          }}
        />
      </main>
    );
  }

  const registerDenial = registryDenial(viewer, 'model.create', { body: { visibility: { level: 'private' } } });
  return (
    <main className="content" aria-label="Model registry">
      <header className="project-head">
        <div>
          <h1>Model registry</h1>
          <p className="muted">Models the organization runs, with their versions, checksums and benchmarks.</p>
        </div>
        <button className="primary" onClick={() => setRegistering(true)} disabled={registering || registerDenial !== null} title={registerDenial ?? undefined}>
          Register model
        </button>
      </header>
      <div className="panel">
        {registerDenial !== null && <p className="reason">{registerDenial}</p>}
        {registering && (
          <ModelRegisterForm
            onCancel={() => setRegistering(false)}
            onDone={(model) => {
              setRegistering(false);
              void load();
              if (model !== null) setSelected(model.id);
            }}
          />
        )}
        <div className="filters" role="group" aria-label="Filters">
          <FilterSelect label="Visibility" name="visibility" value={level} options={asOptions(visibilityLevels)} onChange={setLevel} />
          <FilterSelect label="Badge" name="badge" value={badge} options={asOptions(modelBadges)} onChange={setBadge} />
          {models !== null && <span className="muted small-text">{models.length === 1 ? '1 model' : `${String(models.length)} models`}</span>}
        </div>
        {notice !== null && <p className="reason">{notice}</p>}
        {models === null ? (
          <p className="muted">Loading…</p>
        ) : models.length === 0 ? (
          <p className="muted">{level === '' && badge === '' ? 'No models are registered yet.' : 'No model matches these filters.'}</p>
        ) : (
          <table className="dense-table" aria-label="Models">
            <TableHead columns={['Name', 'Provider', 'Badges', 'Visibility', 'Updated']} />
            <tbody>
              {models.map((m) => (
                <tr key={m.id}>
                  <td>
                    <button className="link" onClick={() => setSelected(m.id)}>
                      {m.name}
                    </button>
                    {m.description !== '' && <div className="muted small-text">{m.description}</div>}
                  </td>
                  <td className="mono small-text">
                    {m.provider.model}
                    <div className="muted">{providerPlace(m.provider)}</div>
                  </td>
                  <td>
                    {m.badges.map((b) => (
                      <span key={b} className={`badge badge-${b}`}>
                        {b}
                      </span>
                    ))}
                  </td>
                  <td>{visibilityText(m.visibility)}</td>
                  <td className="muted">{new Date(m.updatedAt).toLocaleDateString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </main>
  );
}
