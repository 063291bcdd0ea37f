import { z } from 'zod';

/** Registry visibility levels, narrowest first. */
export const visibilityLevels = ['private', 'project', 'workgroup', 'public'] as const;
export const VisibilityLevel = z.enum(visibilityLevels);
export type VisibilityLevel = z.infer<typeof VisibilityLevel>;

/** Where a registry entry can be seen: the level and, for project and workgroup, its scope. */
export const Visibility = z.discriminatedUnion('level', [
  z.strictObject({ level: z.literal('private') }),
  z.strictObject({ level: z.literal('project'), projectId: z.string().min(1) }),
  z.strictObject({ level: z.literal('workgroup'), workgroupId: z.string().min(1) }),
  z.strictObject({ level: z.literal('public') }),
]);
export type Visibility = z.infer<typeof Visibility>;
