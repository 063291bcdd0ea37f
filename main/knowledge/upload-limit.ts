import { defaultMaxKnowledgeUploadBytes } from '../../shared/domain/knowledge-upload';

/**
 * The knowledge upload size limit from `QUORUM_KNOWLEDGE_MAX_UPLOAD_BYTES`: a positive whole
 * number of bytes, else the default. A value that is not one stops the app with a clear message
 * rather than being ignored.
 */
export function knowledgeUploadLimit(env: NodeJS.ProcessEnv): number {
  const raw = env['QUORUM_KNOWLEDGE_MAX_UPLOAD_BYTES'];
  if (raw === undefined || raw === '') return defaultMaxKnowledgeUploadBytes;
  const bytes = Number(raw);
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw new Error(`QUORUM_KNOWLEDGE_MAX_UPLOAD_BYTES must be a positive whole number of bytes, not ${raw}.`);
  return bytes;
}
