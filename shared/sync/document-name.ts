import { ConversationId, ProjectId, WorkgroupId } from '../domain/ids';

/**
 * Shared state is split into documents by who may read and write it: a project's settings and
 * conversation index, a workgroup's shared settings, and each conversation's messages.
 */
export const documentKinds = ['project', 'workgroup', 'conversation'] as const;
export type DocumentKind = (typeof documentKinds)[number];

export interface DocumentName {
  readonly kind: DocumentKind;
  readonly id: string;
}

const idSchemas = { project: ProjectId, workgroup: WorkgroupId, conversation: ConversationId } as const;

/** `project:prj_...`, `workgroup:wg_...` or `conversation:cnv_...`; anything else is no document. */
export function parseDocumentName(name: string): DocumentName | undefined {
  const colon = name.indexOf(':');
  if (colon < 0) return undefined;
  const kind = name.slice(0, colon);
  const id = name.slice(colon + 1);
  if (!(documentKinds as readonly string[]).includes(kind)) return undefined;
  const documentKind = kind as DocumentKind;
  return idSchemas[documentKind].safeParse(id).success ? { kind: documentKind, id } : undefined;
}

export function documentName(kind: DocumentKind, id: string): string {
  return `${kind}:${id}`;
}
