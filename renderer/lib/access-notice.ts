import type { MyRoles } from '../../shared/app-api/app-api-contract';

const label = (role: string) => `${role.charAt(0).toUpperCase()}${role.slice(1)}`;

/**
 * What a person is told when their own roles changed while the app ran: one sentence per project
 * gained, lost or re-roled, and for the organization; null when nothing they hold changed.
 * `projectName` names projects from before the change, so a project just lost still has its name.
 */
export function accessNoticeOf(before: MyRoles, after: MyRoles, projectName: (id: string) => string | undefined): string | null {
  const sentences: string[] = [];
  if (before.orgRole !== after.orgRole && after.orgRole !== null) sentences.push(`Your role in the organization is now ${label(after.orgRole)}.`);
  for (const id of new Set([...Object.keys(before.projects), ...Object.keys(after.projects)])) {
    const was = before.projects[id];
    const now = after.projects[id];
    if (was === now) continue;
    const name = projectName(id) ?? 'a project';
    if (now === undefined) sentences.push(`You no longer have access to ${name}.`);
    else if (was === undefined) sentences.push(`You were added to ${name} as ${label(now)}.`);
    else sentences.push(`Your role in ${name} is now ${label(now)}.`);
  }
  return sentences.length === 0 ? null : sentences.join(' ');
}
