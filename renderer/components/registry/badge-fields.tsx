import type { SessionState } from '../../../shared/app-api/app-api-contract';
import type { ModelBadge } from '../../../shared/domain/model-entry';
import { modelBadges } from '../../../shared/domain/model-entry';
import { badgeChangeDenial } from '../../lib/org-permission';
import { useAppStore } from '../../store/store-context';

/**
 * A model's badges as checkboxes; a badge the user may not give or take away (from `before`,
 * what the entry has now) is disabled with the policy's reason.
 */
export function BadgeFields({
  session,
  before,
  value,
  onChange,
}: {
  readonly session: SessionState | null;
  readonly before: readonly ModelBadge[];
  readonly value: readonly ModelBadge[];
  readonly onChange: (badges: ModelBadge[]) => void;
}) {
  const roles = useAppStore((s) => s.roles);
  return (
    <fieldset className="field-row checks">
      <legend>Badges</legend>
      {modelBadges.map((badge) => {
        const toggled = value.includes(badge) ? before.filter((b) => b !== badge) : [...before, badge];
        const badgeDenial = before.includes(badge) === value.includes(badge) ? badgeChangeDenial(session, roles, before, toggled) : null;
        return (
          <label key={badge} className="check" title={badgeDenial ?? undefined}>
            <input
              type="checkbox"
              checked={value.includes(badge)}
              disabled={badgeDenial !== null}
              onChange={(e) => onChange(e.target.checked ? [...value, badge] : value.filter((b) => b !== badge))}
            />
            {badge}
          </label>
        );
      })}
    </fieldset>
  );
}
