import type { EndpointKey } from '../rest/api-contract';
import type { EntryAction, OrgAction, ProjectAction, WorkgroupAction } from './actions';
import type { EntryKind } from './visibility';

/**
 * Where a check finds a value in a REST request: a dotted path into its path parameters or its
 * body (`params.id`, `body.target.projectId`).
 */
export type RequestPath = `params.${string}` | `body.${string}` | 'body';

/** Applies the check only when the value at `path` equals `equals` (an invitation's target kind). */
export interface CheckCondition {
  readonly path: RequestPath;
  readonly equals: string;
}

/**
 * Removing yourself is leaving: when the user id at `userId` is the caller's own, `action` is
 * decided instead of the check's own.
 */
export interface SelfRule<A> {
  readonly userId: RequestPath;
  readonly action: A;
}

interface Conditional {
  readonly when?: CheckCondition;
}

/** One policy question a request raises, and where its scope id comes from. */
export type EndpointCheck =
  | (Conditional & { readonly on: 'org'; readonly action: OrgAction; readonly self?: SelfRule<OrgAction> })
  | (Conditional & {
      readonly on: 'project';
      readonly action: ProjectAction;
      readonly id: RequestPath;
      readonly self?: SelfRule<ProjectAction>;
    })
  | (Conditional & {
      readonly on: 'workgroup';
      readonly action: WorkgroupAction;
      readonly id: RequestPath;
      readonly self?: SelfRule<WorkgroupAction>;
    })
  | (Conditional & {
      readonly on: 'entry';
      readonly kind: EntryKind;
      readonly action: EntryAction;
      readonly id: RequestPath;
      /** The visibility an entry is moved to, for `registry.entry.change-visibility`. */
      readonly target?: RequestPath;
    })
  /** Making an entry of `kind` visible at the visibility found at `visibility` (registering it). */
  | (Conditional & { readonly on: 'publish'; readonly kind: EntryKind; readonly visibility: RequestPath });

/**
 * What the client checks before a REST change leaves the machine, by endpoint: the same actions
 * the server decides for that endpoint, with the scope id taken from the request. Only the role
 * and visibility questions are here; rules that need data the client may not hold (the last owner,
 * who invited whom, an organization's current plan) are left to the server, which re-checks
 * everything anyway. An endpoint missing from the table goes to the server unchecked.
 */
export const endpointPolicy: Readonly<Partial<Record<EndpointKey, readonly EndpointCheck[]>>> = {
  'api-key.create': [{ on: 'org', action: 'api-key.create-own' }],
  'invitation.create': [
    { on: 'org', action: 'invitation.create', when: { path: 'body.target.kind', equals: 'organization' } },
    { on: 'project', action: 'project.member.manage', id: 'body.target.projectId', when: { path: 'body.target.kind', equals: 'project' } },
    {
      on: 'workgroup',
      action: 'workgroup.member.manage',
      id: 'body.target.workgroupId',
      when: { path: 'body.target.kind', equals: 'workgroup' },
    },
  ],

  'org.update': [{ on: 'org', action: 'org.update' }],
  'org.member.upsert': [{ on: 'org', action: 'org.member.invite' }],
  'org.member.update-role': [{ on: 'org', action: 'org.member.update-role' }],
  'org.member.remove': [{ on: 'org', action: 'org.member.remove', self: { userId: 'params.uid', action: 'org.leave' } }],

  'workgroup.create': [{ on: 'org', action: 'workgroup.create' }],
  'workgroup.update': [{ on: 'workgroup', action: 'workgroup.update', id: 'params.id' }],
  'workgroup.delete': [{ on: 'workgroup', action: 'workgroup.delete', id: 'params.id' }],
  'workgroup.project.add': [
    { on: 'workgroup', action: 'workgroup.project.add', id: 'params.id' },
    { on: 'project', action: 'project.share', id: 'body.projectId' },
  ],
  'workgroup.project.remove': [{ on: 'workgroup', action: 'workgroup.project.remove', id: 'params.id' }],
  'workgroup.member.upsert': [{ on: 'workgroup', action: 'workgroup.member.manage', id: 'params.id' }],
  'workgroup.member.update-role': [{ on: 'workgroup', action: 'workgroup.member.manage', id: 'params.id' }],
  'workgroup.member.remove': [
    { on: 'workgroup', action: 'workgroup.member.manage', id: 'params.id', self: { userId: 'params.uid', action: 'workgroup.leave' } },
  ],

  'project.create': [{ on: 'org', action: 'project.create' }],
  'project.update': [{ on: 'project', action: 'project.update', id: 'params.id' }],
  'project.patch': [{ on: 'project', action: 'project.update', id: 'params.id' }],
  'project.delete': [{ on: 'project', action: 'project.delete', id: 'params.id' }],
  'project.member.add': [{ on: 'project', action: 'project.member.manage', id: 'params.id' }],
  'project.member.update': [{ on: 'project', action: 'project.member.manage', id: 'params.id' }],
  'project.member.remove': [
    { on: 'project', action: 'project.member.manage', id: 'params.id', self: { userId: 'params.uid', action: 'project.leave' } },
  ],
  'project.ownership.transfer': [{ on: 'project', action: 'project.ownership.transfer', id: 'params.id' }],
  'project.config.update': [{ on: 'project', action: 'project.config.update', id: 'params.id' }],
  'conversation.create': [{ on: 'project', action: 'conversation.create', id: 'params.id' }],

  // Only creation names its owner in the request; changes to a base are decided by the server, which holds its owner.
  'knowledge-base.create': [
    { on: 'org', action: 'org.knowledge.write', when: { path: 'body.owner.kind', equals: 'organization' } },
    { on: 'workgroup', action: 'workgroup.knowledge.write', id: 'body.owner.workgroupId', when: { path: 'body.owner.kind', equals: 'workgroup' } },
    { on: 'project', action: 'knowledge.write', id: 'body.owner.projectId', when: { path: 'body.owner.kind', equals: 'project' } },
  ],

  'model.create': [
    { on: 'org', action: 'registry.model.register' },
    { on: 'publish', kind: 'model', visibility: 'body.visibility' },
  ],
  'model.update': [{ on: 'entry', kind: 'model', action: 'registry.entry.update', id: 'params.id' }],
  'model.delete': [{ on: 'entry', kind: 'model', action: 'registry.entry.delete', id: 'params.id' }],
  'model.visibility.update': [
    { on: 'entry', kind: 'model', action: 'registry.entry.change-visibility', id: 'params.id', target: 'body' },
  ],
  'model.version.create': [{ on: 'entry', kind: 'model', action: 'registry.entry.version.add', id: 'params.id' }],
  'model.version.set-current': [{ on: 'entry', kind: 'model', action: 'registry.entry.version.set-current', id: 'params.id' }],

  'agent.create': [
    { on: 'org', action: 'registry.agent.register' },
    { on: 'project', action: 'registry.agent.manage-in-project', id: 'body.projectId' },
    { on: 'publish', kind: 'agent', visibility: 'body.visibility' },
  ],
  'agent.update': [{ on: 'entry', kind: 'agent', action: 'registry.entry.update', id: 'params.id' }],
  'agent.delete': [{ on: 'entry', kind: 'agent', action: 'registry.entry.delete', id: 'params.id' }],
  'agent.visibility.update': [
    { on: 'entry', kind: 'agent', action: 'registry.entry.change-visibility', id: 'params.id', target: 'body' },
  ],
  'agent.retire': [{ on: 'entry', kind: 'agent', action: 'registry.entry.retire', id: 'params.id' }],
  'agent.fork': [
    { on: 'entry', kind: 'agent', action: 'registry.entry.fork', id: 'params.id' },
    { on: 'project', action: 'agent.fork-into', id: 'body.projectId' },
  ],
};
