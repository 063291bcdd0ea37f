import { initialsOf } from '../../shared/domain/initials';

/** A person's initials on a colour derived from their id, so the same person keeps one colour. */
export function Avatar({ id, name, size = 'small' }: { readonly id: string; readonly name: string; readonly size?: 'small' | 'large' }) {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const initials = initialsOf(name);
  return (
    <span className={`avatar avatar-${size} hue-${String(hash % 8)}`} title={name} aria-label={name}>
      {initials}
    </span>
  );
}
