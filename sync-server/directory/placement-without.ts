import type { Placement } from './project-placement';

/**
 * The placement once the project leaves one workgroup. A project that loses its primary workgroup
 * takes the oldest of its shares as the new primary (shares are listed oldest first), so its
 * inherited settings keep coming from the workgroup it has been in longest; with no share left it
 * has no primary.
 */
export function placementWithout(placement: Placement, workgroupId: string): Placement {
  const shares = placement.sharedWorkgroupIds.filter((id) => id !== workgroupId);
  if (placement.primaryWorkgroupId !== workgroupId) return { primaryWorkgroupId: placement.primaryWorkgroupId, sharedWorkgroupIds: shares };
  const [promoted = null, ...rest] = shares;
  return { primaryWorkgroupId: promoted, sharedWorkgroupIds: rest };
}
