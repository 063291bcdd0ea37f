import { z } from 'zod';

/**
 * The areas of an audit log a person filters by: each is the first part of the actions it holds
 * (`project.member.add` is in `project`), so no one needs to know an action's exact dotted name.
 */
export const auditAreas = [
  { id: 'org', label: 'Organization' },
  { id: 'auth', label: 'Sign-in and sign-up' },
  { id: 'invitation', label: 'Invitations' },
  { id: 'api-key', label: 'API keys' },
  { id: 'workgroup', label: 'Workgroups' },
  { id: 'project', label: 'Projects' },
  { id: 'conversation', label: 'Conversations' },
  { id: 'document', label: 'Shared documents' },
  { id: 'model', label: 'Models' },
  { id: 'agent', label: 'Agents' },
  { id: 'knowledge-base', label: 'Knowledge bases' },
  { id: 'knowledge-document', label: 'Knowledge documents' },
] as const;

export type AuditArea = (typeof auditAreas)[number]['id'];
export const AuditArea = z.enum(auditAreas.map((area) => area.id) as [AuditArea, ...AuditArea[]]);

/** Whether an action belongs to an area. */
export function inAuditArea(action: string, area: AuditArea): boolean {
  return action.startsWith(`${area}.`);
}
