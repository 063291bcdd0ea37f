import { builtInToolNames } from '../../../shared/domain/built-in-tools';
import { ChoiceGrid } from '../restriction-field';

const toolChoices = [...builtInToolNames].sort().map((name) => ({ id: name, label: name }));

/** The tools an agent may call; none chosen: every tool the project allows. */
export function AgentToolFields({ value, onChange }: { readonly value: string[]; readonly onChange: (tools: string[]) => void }) {
  return (
    <fieldset className="field-row">
      <legend>Tools (none chosen: every tool the project allows)</legend>
      <ChoiceGrid choices={toolChoices} selected={value} onChange={onChange} ariaLabel={(label) => `Agent tool ${label}`} empty="No tools are known." code />
    </fieldset>
  );
}
