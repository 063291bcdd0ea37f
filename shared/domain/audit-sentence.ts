import type { AuditEvent } from './audit-event';

/** How a reader names what an event refers to: null when they cannot see it. */
export interface AuditNames {
  person(id: string | null): string;
  /** The name of a project, workgroup, model, agent, user… by id; undefined when unknown to the reader. */
  thing(id: string): string | undefined;
}

/** Verbs for the actions people read most, completing "<actor> …". */
const verbs: Readonly<Record<string, string>> = {
  'org.create': 'created the organization',
  'org.update': 'changed the organization’s name or settings',
  'org.plan.update': 'changed the plan',
  'org.member.add': 'added',
  'org.member.update-role': 'changed the organization role of',
  'org.member.remove': 'removed from the organization',
  'auth.signup': 'signed up',
  'auth.login': 'signed in',
  'auth.logout': 'signed out',
  'invitation.create': 'created an invitation',
  'invitation.accept': 'accepted an invitation',
  'invitation.revoke': 'revoked an invitation',
  'api-key.create': 'created an API key',
  'api-key.revoke': 'revoked an API key',
  'workgroup.create': 'created workgroup',
  'workgroup.update': 'renamed or described workgroup',
  'workgroup.settings.update': 'changed the shared settings of workgroup',
  'workgroup.delete': 'deleted workgroup',
  'workgroup.member.add': 'added a member to workgroup',
  'workgroup.member.update-role': 'changed a member’s role in workgroup',
  'workgroup.leave': 'left workgroup',
  'org.leave': 'left the organization',
  'project.leave': 'left project',
  'workgroup.member.remove': 'removed a member from workgroup',
  'project.create': 'created project',
  'project.update': 'changed project',
  'project.delete': 'deleted project',
  'project.export': 'exported project',
  'project.config.update': 'changed the settings of project',
  'project.member.add': 'gave a role on project',
  'project.member.update': 'changed a role on project',
  'project.member.remove': 'removed a member from project',
  'project.ownership.transfer': 'transferred ownership of project',
  'conversation.create': 'started a conversation in',
  'document.write': 'wrote in a shared document of',
  'model.create': 'registered model',
  'agent.create': 'registered agent',
  'knowledge-base.create': 'created knowledge base',
  'knowledge-base.update': 'changed knowledge base',
  'knowledge-base.delete': 'deleted knowledge base',
  'knowledge-document.create': 'added a document to',
  'knowledge-document.update': 'changed a document of',
  'knowledge-document.delete': 'deleted a document of',
};

/** "workgroup.settings.update" as words, for an action without a sentence of its own. */
function actionWords(action: string): string {
  return action.replace(/[.-]/g, ' ');
}

const idLike = /^[a-z]{2,4}_[A-Za-z0-9_-]{6,}$/;

/** A detail value in words: ids become the names the reader knows, lists are joined, never an id shown. */
function valueText(value: unknown, names: AuditNames): string {
  if (typeof value === 'string') return idLike.test(value) ? (names.thing(value) ?? 'an entry you cannot see') : value;
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((v) => valueText(v, names)).join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (value === null) return 'none';
  if (typeof value === 'object' && 'label' in value && typeof value.label === 'string') return value.label;
  return JSON.stringify(value);
}

/** A detail key as words: `workgroupsAdded` reads "workgroups added". */
function keyText(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().replace(/ ids?$/, '');
}

/**
 * One audit event as a sentence a person reads: who did what to which thing, by name, with its
 * outcome ("admin was refused: …"); and its detail as short clauses with names, never ids.
 */
export function auditSentence(event: AuditEvent, names: AuditNames): { readonly sentence: string; readonly details: readonly string[] } {
  const actor = names.person(event.actorId);
  const verb = verbs[event.action] ?? actionWords(event.action);
  // Signing in or up acts on the actor's own account: naming them twice says nothing.
  const self = event.resourceId !== null && event.resourceId === event.actorId;
  const target = event.resourceId === null || self ? undefined : names.thing(event.resourceId);
  const object = target ?? (event.resourceId === null || self || verb.endsWith('an API key') || verb.endsWith('an invitation') ? '' : `a ${event.resourceKind.replace(/-/g, ' ')} you cannot see`);
  const where = event.projectId !== null && event.projectId !== event.resourceId ? names.thing(event.projectId) : undefined;
  const what = [verb, object].filter((part) => part !== '').join(' ') + (where === undefined ? '' : ` in ${where}`);
  const sentence = event.outcome === 'allowed' ? `${actor} ${what}` : event.outcome === 'denied' ? `${actor} was refused: ${what}` : `${actor} tried and failed: ${what}`;
  const details = Object.entries(event.detail ?? {}).map(([key, value]) => `${keyText(key)}: ${valueText(value, names)}`);
  return { sentence, details };
}
