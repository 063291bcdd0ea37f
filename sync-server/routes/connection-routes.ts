import type { ModelConnection } from '../../shared/domain/model-connection';
import type { connectionEndpoints } from '../../shared/rest/connection-endpoints';
import { viewerWorkgroupRole } from '../../shared/policy/visibility';
import { requireOrg, requireWorkgroup } from '../access/scope-access';
import { loadViewerContext } from '../access/viewer-context';
import { ConnectionNameTaken } from '../connections/connection-repository';
import { conflict, notFound } from '../http/api-error';
import type { Principal } from '../http/principal';
import type { Handlers } from '../http/register-endpoints';
import type { Services } from '../http/services';

/**
 * Who may change a connection: org admins and owners any, a workgroup's owners their workgroup's
 * (org admins act as owners there). A workgroup the caller cannot see answers 404, as a missing one.
 */
function requireManage(services: Services, principal: Principal, workgroupId: string | null): void {
  if (workgroupId === null) requireOrg(principal, 'connection.manage');
  else requireWorkgroup(services, principal, workgroupId, 'workgroup.connection.manage');
}

/** The connection, if the caller may see it: the organization's, or one of a workgroup they see. */
async function visibleConnection(services: Services, principal: Principal, id: string): Promise<ModelConnection> {
  requireOrg(principal, 'connection.read');
  const found = await services.connections.get(principal.orgId, id);
  if (found === null) throw notFound('Connection');
  if (found.workgroupId !== null && viewerWorkgroupRole(loadViewerContext(services.db, principal), found.workgroupId) === undefined) throw notFound('Connection');
  return found;
}

async function named<T>(change: Promise<T>): Promise<T> {
  try {
    return await change;
  } catch (error) {
    if (error instanceof ConnectionNameTaken) throw conflict(error.message);
    throw error;
  }
}

export const connectionHandlers: Handlers<typeof connectionEndpoints> = {
  'connection.list': async ({ principal }, services) => {
    const viewer = loadViewerContext(services.db, principal);
    const all = await services.connections.list(principal.orgId);
    return { items: all.filter((c) => c.workgroupId === null || viewerWorkgroupRole(viewer, c.workgroupId) !== undefined) };
  },

  'connection.create': async ({ principal, body }, services) => {
    requireManage(services, principal, body.workgroupId);
    return named(services.connections.create({ orgId: principal.orgId, userId: principal.userId }, body));
  },

  'connection.update': async ({ principal, params, body }, services) => {
    const current = await visibleConnection(services, principal, params.id);
    requireManage(services, principal, current.workgroupId);
    const updated = await named(services.connections.update({ orgId: principal.orgId, userId: principal.userId }, params.id, body));
    if (updated === null) throw notFound('Connection');
    return updated;
  },

  'connection.delete': async ({ principal, params }, services) => {
    const current = await visibleConnection(services, principal, params.id);
    requireManage(services, principal, current.workgroupId);
    const users = services.db.prepare('SELECT count(*) AS n FROM models WHERE connection_id = ? AND org_id = ?').get(params.id, principal.orgId) as { n: number };
    // A model entry left pointing nowhere would fail every run; the entries move first.
    if (users.n > 0) throw conflict(`${users.n === 1 ? 'A model entry uses' : `${users.n} model entries use`} this connection; point them elsewhere or delete them first.`);
    if (!(await services.connections.remove({ orgId: principal.orgId, userId: principal.userId }, params.id))) throw notFound('Connection');
    return undefined;
  },
};
