import * as Y from 'yjs';
import type { MessageAuthor } from '../../../../shared/domain/message';
import type { ThreadPlace } from '../../../../shared/sync/message-thread';
import type { ProjectRole } from '../../../../shared/domain/roles';
import type { ProjectAction, WorkgroupAction } from '../../../../shared/policy/actions';
import { decide } from '../../../../shared/policy/decide';
import type { DocumentKind } from '../../../../shared/sync/document-name';
import type { GuardContext } from '../../../../shared/sync/update-guard';
import { guardUpdate } from '../../../../shared/sync/update-guard';
import { appendMessage } from '../../../../shared/sync/conversation-document';

export const ids = {
  ann: 'usr_annaaaaaaaaaaaaaaaa',
  bob: 'usr_bobbbbbbbbbbbbbbbbb',
  cat: 'usr_catcccccccccccccccc',
  modelOk: 'mdl_okokokokokokokokok',
  modelLocked: 'mdl_lockedlockedlocked',
  agent: 'agt_agentagentagentage',
  conversation: 'cnv_conversationconver',
};

export interface Member {
  readonly userId: string;
  readonly role: ProjectRole | undefined;
  /** Replaced when a refused edit forces the replica to be rebuilt from the server. */
  doc: Y.Doc;
}

/**
 * A server-side document and members with their own replicas. Each edit a member makes is offered
 * to the guard with that member's role; accepted updates are applied to the server and to everyone.
 */
export class GuardFixture {
  readonly server = new Y.Doc();
  readonly owners = new Map<number, string>();
  readonly members = new Map<string, Member>();
  mayEnforce = true;
  personalTo: string | undefined;
  /** Registry entries nobody here can see, though their ids are well formed. */
  readonly hidden = new Set<string>();
  /** Conversation ids some project, here or elsewhere, already used. */
  readonly usedConversationIds = new Set<string>();

  constructor(readonly kind: DocumentKind) {}

  join(userId: string, role: ProjectRole | undefined, clientId?: number): Member {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.server));
    // Set after loading: Yjs itself moves a replica off a client id it sees others use.
    if (clientId !== undefined) doc.clientID = clientId;
    const member: Member = { userId, role, doc };
    this.members.set(userId, member);
    return member;
  }

  context(member: Member): GuardContext {
    return {
      userId: member.userId,
      decide: (action) => {
        const subject = { userId: member.userId, orgId: 'org_x', orgRole: 'member' as const };
        // Workgroups have the same four roles as projects.
        if (this.kind === 'workgroup') return decide(subject, action as WorkgroupAction, { scope: 'workgroup', orgId: 'org_x', workgroupRole: member.role });
        return decide(subject, action as ProjectAction, { scope: 'project', orgId: 'org_x', projectRole: member.role });
      },
      mayEnforceModelsAndTools: this.mayEnforce,
      clientOwner: (client) => this.owners.get(client),
      modelAllowed: (modelId) => modelId === ids.modelOk,
      agentUsable: (agentId) => agentId === ids.agent,
      referenceVisible: (_kind, id) => !this.hidden.has(id),
      mayWrite: this.personalTo === undefined || this.personalTo === member.userId,
      conversationIdUnused: (id) => !this.usedConversationIds.has(id),
    };
  }

  /** The update `edit` produces in the member's replica. */
  capture(member: Member, edit: (doc: Y.Doc) => void): Uint8Array {
    const before = Y.encodeStateVector(member.doc);
    edit(member.doc);
    return Y.encodeStateAsUpdate(member.doc, before);
  }

  /** Offers an update; applies it everywhere when the guard accepts. */
  offer(member: Member, update: Uint8Array): { ok: boolean; reason?: string } {
    const verdict = guardUpdate(this.kind, this.server, update, this.context(member));
    if (!verdict.ok) return { ok: false, reason: verdict.reason };
    for (const client of verdict.inspection.clients) if (!this.owners.has(client)) this.owners.set(client, member.userId);
    Y.applyUpdate(this.server, update);
    for (const other of this.members.values()) Y.applyUpdate(other.doc, update);
    return { ok: true };
  }

  /**
   * Edits made in the member's replica while offline, one transaction each, then offered as the
   * replica answers the server's state when it reconnects: everything it has that the server lacks,
   * as Yjs encodes it then (an overwritten value as deleted content).
   */
  offline(member: Member, ...edits: ((doc: Y.Doc) => void)[]): { ok: boolean; reason?: string } {
    for (const edit of edits) member.doc.transact(() => edit(member.doc));
    return this.offer(member, Y.encodeStateAsUpdate(member.doc, Y.encodeStateVector(this.server)));
  }

  /** Edits in the member's replica and offers the result; a refused edit is rolled back by rebuilding the replica. */
  edit(member: Member, edit: (doc: Y.Doc) => void): { ok: boolean; reason?: string } {
    const update = this.capture(member, edit);
    const result = this.offer(member, update);
    if (!result.ok) {
      const fresh = new Y.Doc();
      Y.applyUpdate(fresh, Y.encodeStateAsUpdate(this.server));
      member.doc = fresh;
    }
    return result;
  }

  doc(userId: string): Y.Doc {
    const member = this.members.get(userId);
    if (!member) throw new Error(`no member ${userId}`);
    return member.doc;
  }
}

let messageCounter = 0;

/** Appends a message through the shared writer, under the next id of a counter (at `place` in the thread when given); its id. */
export function writeMessage(doc: Y.Doc, author: MessageAuthor, text: string, place?: ThreadPlace): string {
  messageCounter += 1;
  const id = `msg_${String(messageCounter).padStart(20, '0')}`;
  appendMessage(doc, { id, author, createdAt: '2026-01-01T00:00:00.000Z', text, ...(place === undefined ? {} : { place }) });
  return id;
}

export function messageAt(doc: Y.Doc, index: number): Y.Map<unknown> {
  return doc.getArray<Y.Map<unknown>>('messages').get(index);
}
