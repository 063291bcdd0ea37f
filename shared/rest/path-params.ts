import { z } from 'zod';
import { EntityId, UserId } from '../domain/ids';

/** `/{id}` paths. A malformed id answers 404 like any id that names nothing. */
export const IdParams = z.strictObject({ id: EntityId });
export const IdUserParams = z.strictObject({ id: EntityId, uid: UserId });
export const IdProjectParams = z.strictObject({ id: EntityId, pid: EntityId });
