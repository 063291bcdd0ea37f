import { z } from 'zod';
import type { Endpoint } from './endpoint';

/**
 * What an app about to set itself up on a server needs to know before anyone signs in: whether
 * someone already did. A fresh server is this machine's own to claim; a used one is joined.
 */
export const ServerStatus = z.strictObject({ hasAccounts: z.boolean() });
export type ServerStatus = z.infer<typeof ServerStatus>;

export const serverEndpoints = {
  'server.status': {
    method: 'GET',
    path: '/server/status',
    summary: 'Whether anyone has an account on this server yet, so a new app joins a used server instead of founding another organization',
    auth: 'none',
    response: ServerStatus,
  },
} as const satisfies Record<string, Endpoint>;
