import { z } from 'zod';
import { CanonicalName } from './canonical-name';
import { OrgId } from './ids';
import { Plan } from './plan';
import { DisplayName } from './text-fields';
import { Timestamp } from './timestamp';

export const Organization = z.strictObject({
  id: OrgId,
  name: DisplayName,
  slug: CanonicalName,
  plan: Plan,
  createdAt: Timestamp,
});
export type Organization = z.infer<typeof Organization>;

/** PUT /orgs/{id}: the whole editable part. */
export const OrganizationUpdate = z.strictObject({
  name: DisplayName,
  slug: CanonicalName,
  plan: Plan,
});
export type OrganizationUpdate = z.infer<typeof OrganizationUpdate>;
