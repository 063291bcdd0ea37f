import type { KnowledgeAccess } from '../../shared/policy/knowledge-access';
import { decideKnowledgeBase } from '../../shared/policy/knowledge-access';
import type { ViewerContext } from '../../shared/policy/visibility';
import { enforce } from '../access/enforce';
import { loadViewerContext } from '../access/viewer-context';
import { notFound } from '../http/api-error';
import type { Principal } from '../http/principal';
import type { Services } from '../http/services';
import type { KnowledgeBaseRow } from './knowledge-rows';
import { getKnowledgeBaseRow, knowledgeBaseRef } from './knowledge-rows';

export interface KnowledgeBaseAccess {
  readonly row: KnowledgeBaseRow;
  readonly viewer: ViewerContext;
}

/**
 * The caller's access to a knowledge base, checked for `access`. One of another organization, or
 * one the caller may not read, is not found: exactly what a missing one answers.
 */
export function requireKnowledgeBase(services: Services, principal: Principal, id: string, access: KnowledgeAccess): KnowledgeBaseAccess {
  const row = getKnowledgeBaseRow(services.db, principal.orgId, id);
  if (!row) throw notFound('Knowledge base');
  const viewer = loadViewerContext(services.db, principal);
  const decision = decideKnowledgeBase(viewer, knowledgeBaseRef(row), access);
  // Word for word what a missing base answers.
  if (!decision.allowed && decision.code === 'not_found') throw notFound('Knowledge base');
  enforce(decision);
  return { row, viewer };
}
