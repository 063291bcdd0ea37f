import type { Conversation } from '../domain/conversation';
import { decide } from './decide';
import type { ViewerContext } from './visibility';
import { viewerProjectRole } from './visibility';

/**
 * Whether the viewer may read a conversation of a project of their organization. Shared ones go to
 * everyone who may read the project's conversations; a personal one to its creator alone, whatever
 * anyone's role (org owners included), and only while the creator still has the project.
 */
export function canSeeConversation(
  viewer: ViewerContext,
  conversation: Pick<Conversation, 'projectId' | 'kind' | 'createdBy'>,
): boolean {
  const reader = decide(viewer, 'conversation.read', {
    scope: 'project',
    orgId: viewer.orgId,
    projectRole: viewerProjectRole(viewer, conversation.projectId),
  }).allowed;
  return reader && (conversation.kind === 'shared' || conversation.createdBy === viewer.userId);
}
