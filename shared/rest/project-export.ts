import { z } from 'zod';
import { Conversation } from '../domain/conversation';
import { UserId } from '../domain/ids';
import { Project } from '../domain/project';
import { Timestamp } from '../domain/timestamp';
import { ProjectConfigView } from './project-config-view';
import { ProjectMember } from './project-member-view';

/**
 * GET /projects/{id}/export: one project as a self-describing JSON document. Only what the exporter
 * may read is in it: other people's personal conversations stay out.
 */
export const ProjectExport = z.strictObject({
  format: z.literal('quorum.project-export'),
  version: z.literal(1),
  exportedAt: Timestamp,
  exportedBy: UserId,
  project: Project,
  members: z.array(ProjectMember),
  config: ProjectConfigView,
  conversations: z.array(Conversation),
});
export type ProjectExport = z.infer<typeof ProjectExport>;
