import type { ProjectSearchHit } from '../../shared/rest/project-search';
import type { ViewerContext } from '../../shared/policy/visibility';
import type { SqliteDatabase } from '../store/database';
import { readableConversations } from './conversation-rows';
import { searchMessages } from './message-search';
import type { ProjectRow } from './project-rows';
import { foldQuery, matchText } from './text-match';

/** One project and one reader: nothing outside this boundary is ever searched. */
export interface SearchScope {
  readonly db: SqliteDatabase;
  readonly project: ProjectRow;
  readonly viewer: ViewerContext;
}

/** A kind of content in a project; `limit` is how many more hits are wanted. */
export type SearchSource = (scope: SearchScope, foldedQuery: string, limit: number) => ProjectSearchHit[];

const projectFields: SearchSource = ({ project }, query) => {
  const metadata = Object.entries(JSON.parse(project.metadata) as Record<string, unknown>)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([key, value]) => [`metadata.${key}`, value] as const);
  const fields = [
    ['name', project.name],
    ['canonicalName', project.canonical_name],
    ['description', project.description],
    ...metadata,
  ] as const;
  return fields.flatMap(([field, text]) => {
    const match = matchText(text, query);
    return match ? [{ kind: 'project' as const, id: project.id, field, title: project.name, snippet: match.snippet }] : [];
  });
};

// Personal conversations of others stay out: search must not reveal what listing hides.
const conversationTitles: SearchSource = ({ db, project, viewer }, query) =>
  readableConversations(db, viewer, project.id).flatMap((conversation) => {
    const match = matchText(conversation.title, query);
    return match
      ? [{ kind: 'conversation' as const, id: conversation.id, field: 'title', title: conversation.title, snippet: match.snippet }]
      : [];
  });

/**
 * Messages of the conversations the reader may read, so again never someone else's personal one.
 * Found through the server's full-text index, which the sync hub keeps equal to the stored
 * documents as it stores them: a search never has to load every conversation of the project.
 */
const conversationMessages: SearchSource = ({ db, project, viewer }, query, limit) =>
  searchMessages(db, readableConversations(db, viewer, project.id), query, limit);

export const searchSources: readonly SearchSource[] = [projectFields, conversationTitles, conversationMessages];

export function searchProject(scope: SearchScope, query: string, limit: number): ProjectSearchHit[] {
  const folded = foldQuery(query);
  const hits: ProjectSearchHit[] = [];
  for (const source of searchSources) {
    if (hits.length >= limit) break;
    hits.push(...source(scope, folded, limit - hits.length));
  }
  return hits.slice(0, limit);
}
