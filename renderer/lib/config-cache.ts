import type { ProjectConfigView } from '../../shared/rest/project-config-view';

/**
 * Each project's settings as last read from the server in this window, so the settings view and the
 * composer's pickers still show them while the server cannot be reached.
 */
export const lastReadConfig = new Map<string, ProjectConfigView>();
