import { useMemo } from 'react';
import type { ViewerContext } from '../../../shared/policy/visibility';
import { viewerOf } from '../../lib/registry-permission';
import { useAppStore } from '../../store/store-context';

/** The caller for the registry's policy questions, rebuilt only when their session, roles or projects change. */
export function useViewer(): ViewerContext | null {
  const session = useAppStore((s) => s.session);
  const roles = useAppStore((s) => s.roles);
  const projects = useAppStore((s) => s.projects);
  return useMemo(() => viewerOf(session, roles, projects), [session, roles, projects]);
}
