import { useState } from 'react';
import { projectExportMarkdown } from '../../shared/rest/project-export-markdown';
import { useApi } from '../api/api-context';
import { denialInProject } from '../lib/project-permission';
import { callEndpoint } from '../api/call-endpoint';
import { useAppStore } from '../store/store-context';

function download(fileName: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * Exports the project within its boundary (its settings, members, and the conversations the caller
 * may read, with their messages) as JSON or Markdown; the Markdown is rendered from the same export
 * by the shared function the server uses.
 */
export function ExportMenu({ projectId, canonicalName }: { projectId: string; canonicalName: string }) {
  const api = useApi();
  const denial = useAppStore((s) => denialInProject(s.session, s.roles, projectId, 'project.export'));
  const [notice, setNotice] = useState<string | null>(null);
  const run = async (format: 'json' | 'markdown') => {
    const outcome = await callEndpoint(api, { endpoint: 'project.export', params: { id: projectId } });
    if (outcome.kind !== 'applied') return setNotice(outcome.kind === 'failed' ? outcome.message : 'You are offline: exporting needs the server.');
    const exported = outcome.value;
    // Asked for no text format, the server answers the export itself.
    if (typeof exported === 'string') return setNotice('The server answered with text where the export was expected.');
    setNotice(null);
    if (format === 'json') download(`${canonicalName}.json`, 'application/json', JSON.stringify(exported, null, 2));
    else download(`${canonicalName}.md`, 'text/markdown', projectExportMarkdown(exported));
  };
  if (denial !== null) return null;
  return (
    <div className="export-menu" role="group" aria-label="Export">
      <button onClick={() => void run('markdown')}>Export Markdown</button>
      <button onClick={() => void run('json')}>Export JSON</button>
      {notice && (
        <span className="error small" role="alert">
          {notice}
        </span>
      )}
    </div>
  );
}
