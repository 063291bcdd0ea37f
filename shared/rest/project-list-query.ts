import { z } from 'zod';
import { WorkgroupId } from '../domain/ids';
import type { Project } from '../domain/project';

/** `metadata.<key>`, with the key as project metadata spells it. */
const metadataFilter = /^metadata\.([a-z0-9][a-z0-9_-]{0,63})$/;

/**
 * GET /projects filters: `workgroupId` (the primary workgroup or one the project is shared into)
 * and any number of `metadata.<key>=<value>` (the value as text: `metadata.tier=2` matches the
 * number 2). Every filter given must match. Any other key is refused, naming it.
 */
export const ProjectListQuery = z
  .object({ workgroupId: WorkgroupId.optional() })
  .catchall(z.string().max(1000))
  .superRefine((query, ctx) => {
    for (const key of Object.keys(query)) {
      if (key !== 'workgroupId' && !metadataFilter.test(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'is not a filter: use workgroupId or metadata.<key>' });
      }
    }
  });
export type ProjectListQuery = z.infer<typeof ProjectListQuery>;

export function matchesProjectFilters(project: Project, query: ProjectListQuery): boolean {
  const { workgroupId, ...rest } = query;
  if (workgroupId !== undefined && project.primaryWorkgroupId !== workgroupId && !project.sharedWorkgroupIds.includes(workgroupId)) return false;
  return Object.entries(rest).every(([key, wanted]) => {
    const metadataKey = metadataFilter.exec(key)?.[1];
    const value = metadataKey === undefined ? undefined : project.metadata[metadataKey];
    return value !== undefined && String(value) === wanted;
  });
}
