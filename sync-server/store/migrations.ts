import type { Migration } from './migration';
import { createDirectory } from './migrations/0001-create-directory';
import { createDocuments } from './migrations/0006-create-documents';
import { createKnowledgeAndMessageSearch } from './migrations/0007-create-knowledge-and-message-search';
import { revealHiddenCharacters } from './migrations/0008-reveal-hidden-characters';
import { numberChangesPerOrganization } from './migrations/0009-number-changes-per-organization';
import { dropSelfGivenVerifiedBadges } from './migrations/0010-drop-self-given-verified-badges';
import { addInvitationSecrets } from './migrations/0011-invitation-secrets';
import { bindConversationIds } from './migrations/0012-bind-conversation-ids';
import { createMessageIndexBacklog } from './migrations/0013-create-message-index-backlog';
import { chunkKnowledgeDocuments } from './migrations/0014-chunk-knowledge-documents';
import { addModelParameters } from './migrations/0015-model-parameters';
import { createModelConnections } from './migrations/0016-create-model-connections';
import { createRunQueue } from './migrations/0017-create-run-queue';
import { addKeyScopesAndSignInTimes } from './migrations/0018-key-scopes-and-sign-in-times';
import { addModelConnectionColumn } from './migrations/0019-models-use-connections';

/** Every schema migration, in the order they were written. A new one is appended, never edited. */
export const migrations: readonly Migration[] = [
  createDirectory,
  createDocuments,
  createKnowledgeAndMessageSearch,
  revealHiddenCharacters,
  numberChangesPerOrganization,
  dropSelfGivenVerifiedBadges,
  addInvitationSecrets,
  bindConversationIds,
  createMessageIndexBacklog,
  chunkKnowledgeDocuments,
  addModelParameters,
  createModelConnections,
  createRunQueue,
  addKeyScopesAndSignInTimes,
  addModelConnectionColumn,
];
