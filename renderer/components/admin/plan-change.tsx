import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Organization } from '../../../shared/domain/organization';
import type { Plan } from '../../../shared/domain/plan';
import { plans } from '../../../shared/domain/plan';
import type { PlanUsage } from '../../../shared/policy/plan-limits';
import { planChangeConsequences } from '../../../shared/policy/plan-limits';
import { useApi } from '../../api/api-context';
import { callEndpoint, queuedNotice } from '../../api/call-endpoint';
import { chosenOption } from '../../lib/chosen-option';

interface PlanChangeProps {
  readonly organization: Organization;
  readonly usage: PlanUsage;
  readonly planNames: Readonly<Record<Plan, string>>;
  readonly onChanged: () => void;
}

/** An owner's choice of another plan, saying first what a smaller one takes away. */
export function PlanChange({ organization, usage, planNames, onChanged }: PlanChangeProps) {
  const api = useApi();
  const [target, setTarget] = useState<Plan>(organization.plan);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const consequences = planChangeConsequences(organization.plan, target, usage);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (target === organization.plan) return;
    setBusy(true);
    const outcome = await callEndpoint(api, {
      endpoint: 'org.update',
      params: { id: organization.id },
      body: { name: organization.name, slug: organization.slug, plan: target },
    });
    setBusy(false);
    if (outcome.kind === 'failed') return setError(outcome.message);
    setError(outcome.kind === 'queued' ? queuedNotice : null);
    onChanged();
  };

  return (
    <form className="plan-change" aria-label="Change the plan" onSubmit={(e) => void submit(e)}>
      <label className="field inline">
        <span>Change to</span>
        <select value={target} onChange={(e) => setTarget(chosenOption(plans, e.target.value) ?? target)}>
          {plans.map((plan) => (
            <option key={plan} value={plan}>
              {planNames[plan]}
              {plan === organization.plan ? ' (current)' : ''}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={busy || target === organization.plan}>
        {target === organization.plan ? 'Change plan' : `Change to ${planNames[target]}`}
      </button>
      {consequences.length > 0 && (
        <ul className="plan-consequences" aria-label="What the change takes away">
          {consequences.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      )}
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
