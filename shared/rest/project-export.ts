import { z } from 'zod';
import { Conversation } from '../domain/conversation';
import { AgentEntryId, ModelEntryId, UserId } from '../domain/ids';
import { Message } from '../domain/message';
import { Project } from '../domain/project';
import { Timestamp } from '../domain/timestamp';
import { ProjectConfigView } from './project-config-view';
import { ProjectMember } from './project-member-view';

export const projectExportFormats = ['json', 'markdown'] as const;

/** GET /projects/{id}/export: JSON (the default) or one Markdown document to read. */
export const ProjectExportQuery = z.strictObject({
  format: z.enum(projectExportFormats).default('json'),
});
export type ProjectExportQuery = z.infer<typeof ProjectExportQuery>;

/**
 * GET /projects/{id}/export: one project as a self-describing JSON document. Only what the exporter
 * may read is in it: other people's personal conversations stay out, with their messages. Messages
 * are the ones the server has stored, in each conversation's order, conversations one after the
 * other; `names` gives the people, agents and models they mention a name the exporter may see.
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
  messages: z.array(Message),
  names: z.strictObject({
    users: z.record(UserId, z.string()),
    agents: z.record(AgentEntryId, z.string()),
    models: z.record(ModelEntryId, z.string()),
  }),
});
export type ProjectExport = z.infer<typeof ProjectExport>;
