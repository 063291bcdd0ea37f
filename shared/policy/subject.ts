import type { OrgRole, ProjectRole, WorkgroupRole } from '../domain/roles';
import type { Subject } from './decide';
import type { ViewerContext } from './visibility';

/** The caller's roles as the server last reported them (`/auth/access`, kept in the desktop's replica). */
export interface ReportedRoles {
  readonly orgRole: OrgRole | null;
  readonly projects: Readonly<Record<string, ProjectRole>>;
  readonly workgroups: Readonly<Record<string, WorkgroupRole>>;
}

/** A subject who holds a role in the organization. */
export type MemberSubject = Subject & { readonly orgRole: OrgRole };

/** Whether the subject holds a role in the organization (someone removed from it does not). */
export function isMember(subject: Subject): subject is MemberSubject {
  return subject.orgRole !== undefined;
}

/** Where a caller's identity and org role come from, on any side. */
export interface SubjectSources {
  readonly userId: string | null | undefined;
  readonly orgId: string | null | undefined;
  /**
   * The org role that came with the credential: a session's as of sign-in in the app, the
   * membership row read with the credential on the server.
   */
  readonly credentialOrgRole: OrgRole | null | undefined;
  /** The roles the server reported since, when there are any: newer than the credential's, so they win. */
  readonly reported?: Pick<ReportedRoles, 'orgRole'> | null | undefined;
}

/**
 * The one way any side builds the subject the policy decides for: who acts, in which organization,
 * with the newest org role known (reported roles over the credential's). Null when nobody is
 * signed in.
 */
export function subjectOf(sources: SubjectSources & { readonly userId: string; readonly orgId: string; readonly credentialOrgRole: OrgRole }): MemberSubject;
export function subjectOf(sources: SubjectSources & { readonly userId: string; readonly orgId: string }): Subject;
export function subjectOf(sources: SubjectSources): Subject | null;
export function subjectOf(sources: SubjectSources): Subject | null {
  const { userId, orgId } = sources;
  if (userId === null || userId === undefined || orgId === null || orgId === undefined) return null;
  return { userId, orgId, orgRole: sources.reported?.orgRole ?? sources.credentialOrgRole ?? undefined };
}

/** What a project says about where it lives, for the workgroups a viewer reaches it through. */
export interface ProjectPlacement {
  readonly id: string;
  readonly primaryWorkgroupId: string | null;
  readonly sharedWorkgroupIds: readonly string[];
}

/** The member with their project and workgroup roles, for decisions over registry entries and endpoints on the client. */
export function viewerContextOf(subject: MemberSubject, roles: ReportedRoles | null | undefined, projects: readonly ProjectPlacement[]): ViewerContext {
  return {
    userId: subject.userId,
    orgId: subject.orgId,
    orgRole: subject.orgRole,
    projectRoles: new Map(Object.entries(roles?.projects ?? {})),
    workgroupRoles: new Map(Object.entries(roles?.workgroups ?? {})),
    projectWorkgroups: new Map(projects.map((p) => [p.id, [...(p.primaryWorkgroupId === null ? [] : [p.primaryWorkgroupId]), ...p.sharedWorkgroupIds]])),
  };
}
