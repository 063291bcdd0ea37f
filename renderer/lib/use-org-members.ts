import { useMemo } from 'react';
import type { OrgRole } from '../../shared/domain/roles';
import type { OrgMember } from '../../shared/rest/org-endpoints';
import { useEndpoint } from '../api/use-directory-query';
import { useAppStore } from '../store/store-context';
import { denialInOrg } from './org-permission';

/** The organization's members (null while they load or when the reader may not list them), and each one's org role. */
export function useOrgMembers(): { readonly members: readonly OrgMember[] | null; readonly roles: ReadonlyMap<string, OrgRole> } {
  const orgId = useAppStore((s) => s.session?.organization?.id ?? '');
  const readDenial = useAppStore((s) => denialInOrg(s.session, s.roles, 'org.member.read'));
  const listed = useEndpoint({ endpoint: 'org.member.list', params: { id: orgId } }, { kinds: ['user', 'organization'], enabled: readDenial === null && orgId !== '' });
  const members = listed.data?.items ?? null;
  const roles = useMemo(() => new Map((members ?? []).map((m) => [m.user.id, m.role] as const)), [members]);
  return { members, roles };
}
