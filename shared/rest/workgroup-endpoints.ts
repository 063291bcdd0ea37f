import { z } from 'zod';
import { ProjectId, WorkgroupId } from '../domain/ids';
import { Project } from '../domain/project';
import { WorkgroupRole } from '../domain/roles';
import { Timestamp } from '../domain/timestamp';
import { User } from '../domain/user';
import { Workgroup, WorkgroupCreate, WorkgroupUpdate } from '../domain/workgroup';
import { WorkgroupMembershipUpsert } from '../domain/workgroup-membership';
import type { Endpoint } from './endpoint';
import { listOf, NoContent } from './list-response';
import { IdParams, IdProjectParams, IdUserParams } from './path-params';

/** A workgroup member as listed: who they are and the role they hold on every contained project. */
export const WorkgroupMember = z.strictObject({
  workgroupId: WorkgroupId,
  user: User,
  role: WorkgroupRole,
  joinedAt: Timestamp,
});
export type WorkgroupMember = z.infer<typeof WorkgroupMember>;

/** PUT /workgroups/{id}/members/{uid}: the member is named by the path. */
export const WorkgroupMemberRoleUpdate = z.strictObject({ role: WorkgroupRole });
export type WorkgroupMemberRoleUpdate = z.infer<typeof WorkgroupMemberRoleUpdate>;

/** POST /workgroups/{id}/projects: the project joins the workgroup, as its primary one if it has none. */
export const WorkgroupProjectAdd = z.strictObject({ projectId: ProjectId });
export type WorkgroupProjectAdd = z.infer<typeof WorkgroupProjectAdd>;

export const workgroupEndpoints = {
  'workgroup.list': {
    method: 'GET',
    path: '/workgroups',
    access: [{ on: 'org', action: 'org.read' }],
    summary: "The workgroups the caller belongs to (every one of the organization for its owners and admins)",
    response: listOf(Workgroup),
  },
  'workgroup.create': {
    method: 'POST',
    path: '/workgroups',
    access: [{ on: 'org', action: 'workgroup.create' }],
    summary: 'Create a workgroup; the creator becomes its owner',
    body: WorkgroupCreate,
    status: 201,
    response: Workgroup,
  },
  'workgroup.read': {
    method: 'GET',
    path: '/workgroups/:id',
    access: [{ on: 'workgroup', action: 'workgroup.read', id: 'params.id' }],
    summary: 'A workgroup and its shared settings',
    params: IdParams,
    response: Workgroup,
  },
  'workgroup.update': {
    method: 'PUT',
    path: '/workgroups/:id',
    access: [{ on: 'workgroup', action: 'workgroup.update', id: 'params.id' }],
    summary: "Replace a workgroup's name, description and shared settings",
    params: IdParams,
    body: WorkgroupUpdate,
    response: Workgroup,
  },
  'workgroup.delete': {
    method: 'DELETE',
    path: '/workgroups/:id',
    access: [{ on: 'workgroup', action: 'workgroup.delete', id: 'params.id' }],
    summary: 'Delete a workgroup; its members lose the access it gave them, its projects stay',
    params: IdParams,
    status: 204,
    response: NoContent,
  },
  'workgroup.project.list': {
    method: 'GET',
    path: '/workgroups/:id/projects',
    access: [{ on: 'workgroup', action: 'workgroup.read', id: 'params.id' }],
    summary: 'The projects in a workgroup, as primary or shared workgroup',
    params: IdParams,
    response: listOf(Project),
  },
  'workgroup.project.add': {
    method: 'POST',
    path: '/workgroups/:id/projects',
    access: [
      { on: 'workgroup', action: 'workgroup.project.add', id: 'params.id' },
      { on: 'project', action: 'project.share', id: 'body.projectId' },
    ],
    summary: 'Put a project of the organization into the workgroup',
    params: IdParams,
    body: WorkgroupProjectAdd,
    status: 201,
    response: Project,
  },
  'workgroup.project.remove': {
    method: 'DELETE',
    path: '/workgroups/:id/projects/:pid',
    access: [{ on: 'workgroup', action: 'workgroup.project.remove', id: 'params.id' }],
    summary: 'Take a project out of the workgroup; a primary workgroup is replaced by the oldest share',
    params: IdProjectParams,
    status: 204,
    response: NoContent,
  },
  'workgroup.member.list': {
    method: 'GET',
    path: '/workgroups/:id/members',
    access: [{ on: 'workgroup', action: 'workgroup.member.read', id: 'params.id' }],
    summary: 'Workgroup members and their roles',
    params: IdParams,
    response: listOf(WorkgroupMember),
  },
  'workgroup.member.upsert': {
    method: 'POST',
    path: '/workgroups/:id/members',
    access: [{ on: 'workgroup', action: 'workgroup.member.manage', id: 'params.id' }],
    summary: 'Add an organization member to the workgroup, or change the role of one already in it',
    params: IdParams,
    body: WorkgroupMembershipUpsert,
    response: WorkgroupMember,
  },
  'workgroup.member.update-role': {
    method: 'PUT',
    path: '/workgroups/:id/members/:uid',
    access: [{ on: 'workgroup', action: 'workgroup.member.manage', id: 'params.id' }],
    summary: "Change a workgroup member's role",
    params: IdUserParams,
    body: WorkgroupMemberRoleUpdate,
    response: WorkgroupMember,
  },
  'workgroup.member.remove': {
    method: 'DELETE',
    path: '/workgroups/:id/members/:uid',
    access: [{ on: 'workgroup', action: 'workgroup.member.manage', id: 'params.id', self: { userId: 'params.uid', action: 'workgroup.leave' } }],
    summary: 'Remove a member from the workgroup (removing yourself is leaving)',
    params: IdUserParams,
    status: 204,
    response: NoContent,
  },
} as const satisfies Record<string, Endpoint>;
