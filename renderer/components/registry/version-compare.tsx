import { useState } from 'react';
import type { ModelVersion } from '../../../shared/domain/model-version';
import type { ModelVersionComparison } from '../../../shared/domain/model-version-comparison';
import { useApi } from '../../api/api-context';
import { callEndpoint } from '../../api/call-endpoint';

const lineageText = {
  'a-parent-of-b': 'The first is the direct parent of the second.',
  'b-parent-of-a': 'The second is the direct parent of the first.',
  none: 'Neither is the direct parent of the other.',
} as const;

const show = (value: string | number | boolean | null) => (value === null ? '—' : String(value));
const signed = (delta: number) => `${delta > 0 ? '+' : ''}${String(Number(delta.toFixed(2)))}`;

/** Two versions side by side: artifact, lineage, benchmarks with deltas, and the metadata that differs. */
export function VersionCompare({ modelId, versions }: { readonly modelId: string; readonly versions: readonly ModelVersion[] }) {
  const api = useApi();
  const [a, setA] = useState(versions.at(-2)?.id ?? '');
  const [b, setB] = useState(versions.at(-1)?.id ?? '');
  const [result, setResult] = useState<ModelVersionComparison | null>(null);
  const [error, setError] = useState<string | null>(null);

  const compare = async () => {
    const outcome = await callEndpoint(api, { endpoint: 'model.version.compare', params: { id: modelId }, query: { a, b } });
    if (outcome.kind === 'applied') {
      setResult(outcome.value);
      setError(null);
    } else setError(outcome.kind === 'failed' ? outcome.message : 'Comparing needs the server.');
  };

  const picker = (label: string, value: string, set: (id: string) => void) => (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => set(e.target.value)}>
        {versions.map((v) => (
          <option key={v.id} value={v.id}>
            {v.version}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="detail-section" aria-label="Compare versions">
      <h2>Compare versions</h2>
      {versions.length < 2 ? (
        <p className="muted">Comparing needs two versions.</p>
      ) : (
        <div className="inline-form">
          {picker('First version', a, setA)}
          {picker('Second version', b, setB)}
          <button onClick={() => void compare()} disabled={a === b || a === '' || b === ''} title={a === b ? 'Choose two different versions' : undefined}>
            Compare
          </button>
        </div>
      )}
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result !== null && (
        <div className="compare-result" aria-label="Comparison">
          <p>
            <strong>
              {result.a.version} → {result.b.version}
            </strong>
            {' · '}
            {result.sameArtifact ? 'Same artifact (equal checksums).' : 'Different artifacts.'} {lineageText[result.directLineage]}
          </p>
          <table className="dense-table" aria-label="Benchmark comparison">
            <thead>
              <tr>
                <th scope="col">Benchmark</th>
                <th scope="col">{result.a.version}</th>
                <th scope="col">{result.b.version}</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {result.benchmarks.length === 0 && (
                <tr>
                  <td colSpan={4} className="muted">
                    Neither version has benchmark scores.
                  </td>
                </tr>
              )}
              {result.benchmarks.map((row) => (
                <tr key={row.name}>
                  <th scope="row">{row.name}</th>
                  <td>{show(row.a)}</td>
                  <td>{show(row.b)}</td>
                  <td className={row.delta === null || row.delta === 0 ? 'muted' : row.delta > 0 ? 'up' : 'down'}>{row.delta === null ? '—' : signed(row.delta)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.metadataDifferences.length > 0 && (
            <table className="dense-table" aria-label="Training metadata differences">
              <thead>
                <tr>
                  <th scope="col">Training metadata</th>
                  <th scope="col">{result.a.version}</th>
                  <th scope="col">{result.b.version}</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {result.metadataDifferences.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{row.key}</th>
                    <td>{show(row.a)}</td>
                    <td>{show(row.b)}</td>
                    <td className="muted">{row.change}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
