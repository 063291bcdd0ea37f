import type { ProjectConfig } from '../../shared/domain/project-config';
import type { Services } from '../http/services';
import { writeSettings } from '../sync/document-editor';
import type { ProjectRow } from './project-rows';
import { projectConfigOf } from './project-rows';

/**
 * Where a project's own settings live: in the project's shared document. Writes go through the sync
 * server's live copy of that document (so connected members see them at once), and reads come from
 * the directory's mirror of it, which the same transaction keeps equal to the document.
 */
export interface ProjectConfigStore {
  /** `undefined` when the project does not exist. */
  read(projectId: string): ProjectConfig | undefined;
  /** Replaces the whole config for `userId`; call inside a write. */
  write(projectId: string, userId: string, config: ProjectConfig): void;
}

export function projectConfigStore(services: Services): ProjectConfigStore {
  return {
    read(projectId) {
      const row = services.db.prepare('SELECT * FROM projects WHERE id = ?').get(projectId) as ProjectRow | undefined;
      return row === undefined ? undefined : projectConfigOf(row);
    },
    write(projectId, userId, config) {
      writeSettings(services.documents, { kind: 'project', id: projectId }, userId, config);
    },
  };
}
