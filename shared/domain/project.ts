import { z } from 'zod';
import { CanonicalName } from './canonical-name';
import { ModelEntryId, OrgId, ProjectId, WorkgroupId } from './ids';
import { Description, DisplayName } from './text-fields';
import { Timestamp } from './timestamp';
import { uniqueList } from './unique-list';

const maxMetadataKeys = 50;

/** Metadata keys are identifiers that filters and exports can use without quoting. */
export const MetadataKey = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,63}$/,
    'must be 1 to 64 lowercase letters, digits, hyphens or underscores, starting with a letter or digit',
  );
export type MetadataKey = z.infer<typeof MetadataKey>;

export const MetadataValue = z.union([z.string().max(1000), z.number(), z.boolean()], {
  error: 'must be a string (at most 1000 characters), a finite number or a boolean',
});
export type MetadataValue = z.infer<typeof MetadataValue>;

/** Free-form labels on a project (team, cost centre, ticket...). */
export const ProjectMetadata = z
  .record(MetadataKey, MetadataValue)
  .refine((metadata) => Object.keys(metadata).length <= maxMetadataKeys, {
    error: `must have at most ${maxMetadataKeys} keys`,
  });
export type ProjectMetadata = z.infer<typeof ProjectMetadata>;

const workgroupFields = {
  primaryWorkgroupId: WorkgroupId.nullable(),
  sharedWorkgroupIds: uniqueList(WorkgroupId),
};

// A share into the primary workgroup would count the same workgroup twice in inheritance.
function primaryIsNotShared(
  value: { primaryWorkgroupId?: string | null | undefined; sharedWorkgroupIds?: string[] | undefined },
  ctx: z.core.$RefinementCtx,
): void {
  const { primaryWorkgroupId, sharedWorkgroupIds } = value;
  if (primaryWorkgroupId == null || sharedWorkgroupIds === undefined) return;
  const index = sharedWorkgroupIds.indexOf(primaryWorkgroupId);
  if (index >= 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['sharedWorkgroupIds', index],
      message: 'must not include the primary workgroup',
    });
  }
}

const editableFields = {
  name: DisplayName,
  canonicalName: CanonicalName,
  description: Description,
  metadata: ProjectMetadata,
  defaultModelId: ModelEntryId.nullable(),
  ...workgroupFields,
};

export const Project = z
  .strictObject({
    id: ProjectId,
    orgId: OrgId,
    ...editableFields,
    /** The organization's `default` project, which cannot be deleted. */
    isDefault: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .superRefine(primaryIsNotShared);
export type Project = z.infer<typeof Project>;

/** POST /projects. Without a canonical name the server derives one from the name. */
export const ProjectCreate = z
  .strictObject({
    name: DisplayName,
    canonicalName: CanonicalName.optional(),
    description: Description.default(''),
    metadata: ProjectMetadata.default(() => ({})),
    defaultModelId: ModelEntryId.nullable().default(null),
    primaryWorkgroupId: WorkgroupId.nullable().default(null),
    sharedWorkgroupIds: uniqueList(WorkgroupId).default(() => []),
  })
  .superRefine(primaryIsNotShared);
export type ProjectCreate = z.infer<typeof ProjectCreate>;

/** PUT /projects/{id}: replaces every editable field. */
export const ProjectUpdate = z.strictObject(editableFields).superRefine(primaryIsNotShared);
export type ProjectUpdate = z.infer<typeof ProjectUpdate>;

/** PATCH /projects/{id}: changes only the fields present. */
export const ProjectPatch = z
  .strictObject(editableFields)
  .partial()
  .superRefine(primaryIsNotShared);
export type ProjectPatch = z.infer<typeof ProjectPatch>;
