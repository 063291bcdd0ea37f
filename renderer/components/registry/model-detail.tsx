import { useState } from 'react';
import type { ModelEntry } from '../../../shared/domain/model-entry';
import { providerPlace } from '../../../shared/domain/model-entry';
import { describeParameters } from '../../../shared/domain/model-parameters';
import type { ModelVersion } from '../../../shared/domain/model-version';
import type { ModelLineage } from '../../../shared/rest/model-registry-endpoints';
import { DetailPlaceholder } from './detail-placeholder';
import { useApi } from '../../api/api-context';
import { useDirectoryQuery } from '../../api/use-directory-query';
import { registryDenial } from '../../lib/registry-permission';
import { callEndpoint, queuedNotice } from '../../api/call-endpoint';
import { useAppStore } from '../../store/store-context';
import { BarChart } from './bar-chart';
import { DeleteEntry } from './delete-entry';
import { ModelEditForm } from './model-edit-form';
import { ModelVersionForm } from './model-version-form';
import { useViewer } from './use-viewer';
import { VersionCompare } from './version-compare';
import { VisibilityEditor } from './visibility-editor';
import { useVisibilityText } from './visibility-fields';
import { DetailHeader } from './detail-header';
import { TableHead } from '../table-head';

interface Loaded {
  readonly model: ModelEntry;
  readonly versions: ModelVersion[];
  readonly lineage: ModelLineage | null;
}

const shortSum = (checksum: string) => `${checksum.slice(0, 12)}…${checksum.slice(-6)}`;

/** One model: provider, versions with checksums, lineage, benchmarks across versions, rollback, visibility, compare. */
export function ModelDetail({ modelId, onBack }: { readonly modelId: string; readonly onBack: () => void }) {
  const api = useApi();
  const viewer = useViewer();
  const visibilityText = useVisibilityText();
  const users = useAppStore((s) => s.users);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const read = useDirectoryQuery<Loaded>({
    key: modelId,
    kinds: ['model'],
    load: async (api) => {
      const [model, versions, lineage] = await Promise.all([
        callEndpoint(api, { endpoint: 'model.get', params: { id: modelId } }),
        callEndpoint(api, { endpoint: 'model.version.list', params: { id: modelId } }),
        callEndpoint(api, { endpoint: 'model.lineage', params: { id: modelId } }),
      ]);
      if (model.kind !== 'applied') return model;
      return {
        kind: 'applied',
        value: {
          model: model.value,
          versions: versions.kind === 'applied' ? versions.value.items : [],
          // An entry without versions has no lineage yet; the server says so with an error.
          lineage: lineage.kind === 'applied' ? lineage.value : null,
        },
      };
    },
  });
  const load = read.reload;

  if (read.error !== null || read.data === null) return <DetailPlaceholder back="All models" onBack={onBack} error={read.error} />;

  const { model, versions, lineage } = read.data;
  const known = { models: [model] };
  const addDenial = registryDenial(viewer, 'model.version.create', { params: { id: model.id } }, known);
  const currentDenial = registryDenial(viewer, 'model.version.set-current', { params: { id: model.id } }, known);
  const editDenial = registryDenial(viewer, 'model.update', { params: { id: model.id } }, known);
  const deleteDenial = registryDenial(viewer, 'model.delete', { params: { id: model.id } }, known);
  const owner = users.find((u) => u.id === model.ownerId)?.displayName ?? 'someone else';
  const current = versions.find((v) => v.id === model.currentVersionId);
  const benchmarkNames = [...new Set(versions.flatMap((v) => Object.keys(v.benchmarks)))].sort();
  const labelOf = (id: string) => versions.find((v) => v.id === id)?.version ?? 'another model';

  const remove = async () => {
    const outcome = await callEndpoint(api, { endpoint: 'model.delete', params: { id: model.id } });
    if (outcome.kind === 'failed') return outcome.message;
    onBack();
    return null;
  };

  const setCurrent = async (version: ModelVersion) => {
    const outcome = await callEndpoint(api, { endpoint: 'model.version.set-current', params: { id: model.id }, body: { versionId: version.id } });
    if (outcome.kind === 'failed') return setNotice(outcome.message);
    setNotice(outcome.kind === 'queued' ? queuedNotice : null);
    await load();
  };

  return (
    <>
      <DetailHeader back="All models" onBack={onBack} title={model.name} description={model.description}>
        {model.badges.map((b) => (
          <span key={b} className={`badge badge-${b}`}>
            {b}
          </span>
        ))}
        <button onClick={() => setEditing(true)} disabled={editing || editDenial !== null} title={editDenial ?? undefined}>
          Edit model
        </button>
      </DetailHeader>
      <div className="panel detail">
        {editDenial !== null && <p className="reason">{editDenial}</p>}
        {editing && (
          <ModelEditForm
            model={model}
            denial={editDenial}
            onCancel={() => setEditing(false)}
            onDone={() => {
              setEditing(false);
              void load();
            }}
          />
        )}
        <dl className="facts">
          <div>
            <dt>Provider</dt>
            <dd className="mono">
              {model.provider.model} at {providerPlace(model.provider)}
            </dd>
          </div>
          <div>
            <dt>Default parameters</dt>
            <dd>{describeParameters(model.parameters) ?? 'The endpoint’s own'}</dd>
          </div>
          <div>
            <dt>Current version</dt>
            <dd>{current?.version ?? 'None yet'}</dd>
          </div>
          <div>
            <dt>Visibility</dt>
            <dd>{visibilityText(model.visibility)}</dd>
          </div>
          <div>
            <dt>Owner</dt>
            <dd>{model.ownerId === viewer?.userId ? 'You' : owner}</dd>
          </div>
        </dl>

        <section className="detail-section" aria-label="Versions">
          <h2>Versions</h2>
          {notice !== null && (
            <p className="error" role="alert">
              {notice}
            </p>
          )}
          {currentDenial !== null && <p className="reason">{currentDenial}</p>}
          {versions.length === 0 ? (
            <p className="muted">No versions yet. Add the first one below; it becomes the current version.</p>
          ) : (
            <table className="dense-table" aria-label="Versions">
              <TableHead columns={['Version', 'SHA-256', 'Parent', 'Added', 'Status']} />
              <tbody>
                {[...versions].reverse().map((v) => {
                  const isCurrent = v.id === model.currentVersionId;
                  const older = current !== undefined && v.createdAt < current.createdAt;
                  return (
                    <tr key={v.id} className={isCurrent ? 'current-row' : undefined}>
                      <th scope="row">{v.version}</th>
                      <td className="mono" title={v.checksum}>
                        {shortSum(v.checksum)}
                      </td>
                      <td>{v.parent === null ? '—' : 'label' in v.parent ? v.parent.label : labelOf(v.parent.versionId)}</td>
                      <td className="muted">{new Date(v.createdAt).toLocaleString()}</td>
                      <td>
                        {isCurrent ? (
                          <span className="badge badge-live">Current</span>
                        ) : (
                          <button
                            className="small"
                            aria-label={`${older ? 'Roll back to' : 'Make current'} ${v.version}`}
                            disabled={currentDenial !== null}
                            title={currentDenial ?? undefined}
                            onClick={() => void setCurrent(v)}
                          >
                            {older ? 'Roll back to this' : 'Make current'}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          <ModelVersionForm modelId={model.id} versions={versions} denial={addDenial} onAdded={() => void load()} />
        </section>

        <section className="detail-section" aria-label="Lineage">
          <h2>Lineage of the current version</h2>
          {lineage === null || lineage.items.length === 0 ? (
            <p className="muted">No current version yet.</p>
          ) : (
            <ol className="lineage">
              {lineage.items.map((step) => (
                <li key={step.version.id}>
                  <span className="lineage-name">
                    {step.modelId === model.id ? '' : `${step.modelName} `}
                    {step.version.version}
                  </span>
                  <span className="mono muted" title={step.version.checksum}>
                    {shortSum(step.version.checksum)}
                  </span>
                </li>
              ))}
              {!lineage.complete && <li className="muted">Earlier versions are not visible to you.</li>}
            </ol>
          )}
        </section>

        <section className="detail-section" aria-label="Benchmarks">
          <h2>Benchmarks across versions</h2>
          {benchmarkNames.length === 0 ? (
            <p className="muted">No version has benchmark scores yet.</p>
          ) : (
            <BarChart
              title="Benchmark scores by version"
              categoryLabel="Benchmark"
              valueLabel="Score"
              categories={benchmarkNames}
              series={versions.map((v) => ({ name: v.version, values: benchmarkNames.map((n) => (Object.hasOwn(v.benchmarks, n) ? (v.benchmarks[n] ?? null) : null)) }))}
            />
          )}
        </section>

        <VersionCompare key={versions.length} modelId={model.id} versions={versions} />
        <VisibilityEditor key={JSON.stringify(model.visibility)} kind="model" entry={model} onChanged={() => void load()} />
        <DeleteEntry
          what="model"
          name={model.name}
          consequence="The entry and its versions go, for everyone; the answers it gave stay in their conversations."
          denial={deleteDenial}
          onDelete={remove}
        />
      </div>
    </>
  );
}
