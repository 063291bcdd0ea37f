import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ModelVersion } from '../../../shared/domain/model-version';
import { useApi } from '../../api/api-context';
import { callEndpoint, queuedNotice } from '../../api/call-endpoint';
import { FormFooter } from '../form-footer';

const numberOf = (text: string): number | undefined => {
  const number = Number(text);
  return text !== '' && Number.isFinite(number) ? number : undefined;
};

/** A metadata value keeps its type: a number, a boolean, or the text. */
const metadataValueOf = (text: string): string | number | boolean => numberOf(text) ?? (text === 'true' || text === 'false' ? text === 'true' : text);

/** `key = value` lines into a record, each value read by `valueOf` (undefined: not a valid value). */
function parsePairs<V>(text: string, valueOf: (text: string) => V | undefined): { value: Record<string, V> } | { error: string } {
  const value: Record<string, V> = {};
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const at = line.indexOf('=');
    if (at <= 0) return { error: `Line ${String(i + 1)} needs the form name = value.` };
    const rest = line.slice(at + 1).trim();
    const read = valueOf(rest);
    if (read === undefined) return { error: `Line ${String(i + 1)}: "${rest}" is not a number.` };
    value[line.slice(0, at).trim()] = read;
  }
  return { value };
}

/** Adds a version: label, the artifact's SHA-256, training metadata, parent (lineage) and benchmark scores. */
export function ModelVersionForm({
  modelId,
  versions,
  denial,
  onAdded,
}: {
  readonly modelId: string;
  readonly versions: readonly ModelVersion[];
  readonly denial: string | null;
  readonly onAdded: () => void;
}) {
  const api = useApi();
  const [label, setLabel] = useState('');
  const [checksum, setChecksum] = useState('');
  const [parentId, setParentId] = useState('');
  const [metadata, setMetadata] = useState('');
  const [benchmarks, setBenchmarks] = useState('');
  const [error, setError] = useState<string | null>(null);
  const checksumOk = /^[0-9a-f]{64}$/.test(checksum.trim().toLowerCase());

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const meta = parsePairs(metadata, metadataValueOf);
    if ('error' in meta) return setError(`Training metadata: ${meta.error}`);
    const scores = parsePairs(benchmarks, numberOf);
    if ('error' in scores) return setError(`Benchmarks: ${scores.error}`);
    const outcome = await callEndpoint(api, {
      endpoint: 'model.version.create',
      params: { id: modelId },
      body: {
        version: label.trim(),
        checksum: checksum.trim().toLowerCase(),
        trainingMetadata: meta.value,
        parent: parentId === '' ? null : { modelId, versionId: parentId },
        benchmarks: scores.value,
      },
    });
    if (outcome.kind === 'failed') return setError(outcome.message);
    setError(outcome.kind === 'queued' ? queuedNotice : null);
    setLabel('');
    setChecksum('');
    setMetadata('');
    setBenchmarks('');
    setParentId('');
    onAdded();
  };

  return (
    <form className="form-card" aria-label="Add a version" onSubmit={(e) => void submit(e)}>
      <h3>Add a version</h3>
      <div className="field-row">
        <label className="field">
          <span>Version</span>
          <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="1.1.0" required />
        </label>
        <label className="field grow">
          <span>SHA-256 of the artifact</span>
          <input className="mono" value={checksum} onChange={(e) => setChecksum(e.target.value)} placeholder="64 hexadecimal characters" required />
        </label>
        <label className="field">
          <span>Parent version</span>
          <select value={parentId} onChange={(e) => setParentId(e.target.value)}>
            <option value="">None</option>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.version}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="field-row">
        <label className="field grow">
          <span>Training metadata (one name = value a line)</span>
          <textarea rows={3} value={metadata} onChange={(e) => setMetadata(e.target.value)} placeholder={'dataset = support-tickets-2025\nepochs = 3'} />
        </label>
        <label className="field grow">
          <span>Benchmark scores (one name = score a line)</span>
          <textarea rows={3} value={benchmarks} onChange={(e) => setBenchmarks(e.target.value)} placeholder={'mmlu = 68.2\ngsm8k = 71.5'} />
        </label>
      </div>
      {checksum !== '' && !checksumOk && <p className="reason">A SHA-256 checksum is 64 hexadecimal characters.</p>}
      <FormFooter denial={denial} error={error} submitLabel="Add version" disabled={label.trim() === '' || !checksumOk} />
    </form>
  );
}
