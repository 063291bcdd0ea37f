import { Conversation, ConversationCreate } from '../domain/conversation';
import { Project, ProjectCreate, ProjectPatch, ProjectUpdate } from '../domain/project';
import { ProjectConfigUpdate } from '../domain/project-config';
import { ProjectMembershipUpdate, ProjectMembershipUpsert } from '../domain/project-membership';
import type { Endpoint } from './endpoint';
import { listOf, NoContent } from './list-response';
import { ProjectListQuery } from './project-list-query';
import { IdParams, IdUserParams } from './path-params';
import { ProjectConfigView } from './project-config-view';
import { ProjectExport, ProjectExportQuery } from './project-export';
import { OwnershipTransfer, ProjectMember } from './project-member-view';
import { ProjectSearchHit, ProjectSearchQuery } from './project-search';

export const projectEndpoints = {
  'project.list': {
    method: 'GET',
    path: '/projects',
    access: [{ on: 'org', action: 'org.read' }],
    summary:
      'Projects the caller may see (every project for org owners and admins, the default project and those they hold a role on for others), filtered by workgroupId and metadata.<key>=<value>',
    query: ProjectListQuery,
    response: listOf(Project),
  },
  'project.create': {
    method: 'POST',
    path: '/projects',
    access: [{ on: 'org', action: 'project.create' }],
    summary: 'Create a project; the creator becomes its owner',
    body: ProjectCreate,
    status: 201,
    response: Project,
  },
  'project.read': {
    method: 'GET',
    path: '/projects/:id',
    access: [{ on: 'project', action: 'project.read', id: 'params.id' }],
    summary: 'A project',
    params: IdParams,
    response: Project,
  },
  'project.update': {
    method: 'PUT',
    path: '/projects/:id',
    access: [{ on: 'project', action: 'project.update', id: 'params.id' }],
    summary: "Replace a project's editable fields; moving it between workgroups needs the right to share it",
    params: IdParams,
    body: ProjectUpdate,
    response: Project,
  },
  'project.patch': {
    method: 'PATCH',
    path: '/projects/:id',
    access: [{ on: 'project', action: 'project.update', id: 'params.id' }],
    summary: 'Change only the fields given',
    params: IdParams,
    body: ProjectPatch,
    response: Project,
  },
  'project.delete': {
    method: 'DELETE',
    path: '/projects/:id',
    access: [{ on: 'project', action: 'project.delete', id: 'params.id' }],
    summary: "Delete a project and everyone's access to it; the default project cannot be deleted",
    params: IdParams,
    status: 204,
    response: NoContent,
  },
  'project.member.list': {
    method: 'GET',
    path: '/projects/:id/members',
    access: [{ on: 'project', action: 'project.member.read', id: 'params.id' }],
    summary: 'Direct members and members through workgroups, each with their effective role and its sources',
    params: IdParams,
    response: listOf(ProjectMember),
  },
  'project.member.add': {
    method: 'POST',
    path: '/projects/:id/members',
    access: [{ on: 'project', action: 'project.member.manage', id: 'params.id' }],
    summary: 'Add a member of the organization with a role; adding an existing member changes their role',
    params: IdParams,
    body: ProjectMembershipUpsert,
    response: ProjectMember,
  },
  'project.member.update': {
    method: 'PUT',
    path: '/projects/:id/members/:uid',
    access: [{ on: 'project', action: 'project.member.manage', id: 'params.id' }],
    summary: "Change a direct member's role; the last owner cannot be demoted",
    params: IdUserParams,
    body: ProjectMembershipUpdate,
    response: ProjectMember,
  },
  'project.member.remove': {
    method: 'DELETE',
    path: '/projects/:id/members/:uid',
    access: [{ on: 'project', action: 'project.member.manage', id: 'params.id', self: { userId: 'params.uid', action: 'project.leave' } }],
    summary: 'Remove a direct member, or leave when it is the caller; the last owner cannot',
    params: IdUserParams,
    status: 204,
    response: NoContent,
  },
  'project.ownership.transfer': {
    method: 'POST',
    path: '/projects/:id/transfer-ownership',
    access: [{ on: 'project', action: 'project.ownership.transfer', id: 'params.id' }],
    summary: 'Make someone an owner, optionally giving up the caller\'s own ownership in the same step',
    params: IdParams,
    body: OwnershipTransfer,
    response: listOf(ProjectMember),
  },
  'project.config.read': {
    method: 'GET',
    path: '/projects/:id/config',
    access: [{ on: 'project', action: 'project.config.read', id: 'params.id' }],
    summary: "The project's own settings and the effective ones, with where each comes from",
    params: IdParams,
    response: ProjectConfigView,
  },
  'project.config.update': {
    method: 'PUT',
    path: '/projects/:id/config',
    access: [{ on: 'project', action: 'project.config.update', id: 'params.id' }],
    summary: "Replace the project's own settings",
    params: IdParams,
    body: ProjectConfigUpdate,
    response: ProjectConfigView,
  },
  'conversation.list': {
    method: 'GET',
    path: '/projects/:id/conversations',
    access: [{ on: 'project', action: 'conversation.read', id: 'params.id' }],
    summary: "The project's shared conversations and the caller's personal ones",
    params: IdParams,
    response: listOf(Conversation),
  },
  'conversation.create': {
    method: 'POST',
    path: '/projects/:id/conversations',
    access: [{ on: 'project', action: 'conversation.create', id: 'params.id' }],
    summary: 'Start a shared or personal conversation in the project',
    params: IdParams,
    body: ConversationCreate,
    status: 201,
    response: Conversation,
  },
  'project.search': {
    method: 'GET',
    path: '/projects/:id/search',
    access: [{ on: 'project', action: 'project.search', id: 'params.id' }],
    summary: 'Search what the caller may read inside this project only',
    params: IdParams,
    query: ProjectSearchQuery,
    response: listOf(ProjectSearchHit),
  },
  'project.export': {
    method: 'GET',
    path: '/projects/:id/export',
    access: [{ on: 'project', action: 'project.export', id: 'params.id' }],
    summary: 'The project, its members, settings and the conversations the caller may read with their messages, as one JSON or Markdown document',
    params: IdParams,
    query: ProjectExportQuery,
    textFormats: { markdown: 'text/markdown' },
    response: ProjectExport,
  },
} as const satisfies Record<string, Endpoint>;
