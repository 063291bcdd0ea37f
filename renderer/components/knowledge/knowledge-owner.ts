import type { KnowledgeBaseOwner } from '../../../shared/domain/knowledge-base';
import type { Project } from '../../../shared/domain/project';
import type { Workgroup } from '../../../shared/domain/workgroup';

/** An owner as a select's value: the organization, or a workgroup or project by id. */
export type OwnerChoice = 'organization' | `workgroup:${string}` | `project:${string}`;

export function ownerFromChoice(choice: OwnerChoice): KnowledgeBaseOwner {
  if (choice === 'organization') return { kind: 'organization' };
  const [kind, id] = choice.split(':') as ['workgroup' | 'project', string];
  return kind === 'workgroup' ? { kind, workgroupId: id } : { kind, projectId: id };
}

/** Who maintains a base, in words. */
export function ownerText(owner: KnowledgeBaseOwner, workgroups: readonly Workgroup[], projects: readonly Project[]): string {
  if (owner.kind === 'organization') return 'Organization';
  if (owner.kind === 'workgroup') return `Workgroup ${workgroups.find((w) => w.id === owner.workgroupId)?.name ?? ''}`;
  return `Project ${projects.find((p) => p.id === owner.projectId)?.name ?? ''}`;
}
