import type { User } from '../../../shared/domain/user';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatDateTime(iso: string | null): string {
  return iso === null ? '—' : dateTime.format(new Date(iso));
}

export function formatDate(iso: string | null): string {
  return iso === null ? '—' : dateOnly.format(new Date(iso));
}

export const roleLabel: Readonly<Record<string, string>> = {
  owner: 'Owner',
  admin: 'Admin',
  editor: 'Editor',
  member: 'Member',
  viewer: 'Viewer',
};

/** A person's name for tables: the display name, or the id when the replica does not hold them. */
export function userName(users: readonly User[], id: string | null): string {
  if (id === null) return 'System';
  return users.find((u) => u.id === id)?.displayName ?? 'someone no longer listed';
}
