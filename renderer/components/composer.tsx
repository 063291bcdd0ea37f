import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { blockedToolNames, chooseModelId, offeredToolNames } from '../../shared/agents/agent-turn';
import { builtInToolNames } from '../../shared/domain/built-in-tools';
import { distinctLabels } from '../../shared/domain/distinct-labels';
import { useApi } from '../api/api-context';
import { denialInProject } from '../lib/project-permission';
import { useRunChoices } from '../lib/use-run-choices';
import { useAppStore } from '../store/store-context';
import { isOpenStatus } from '../../shared/agents/end-answer';
import { userName } from './admin/admin-format';

/** The select value meaning "post the message without asking an agent". */
const noAgent = '';

/** The last agent and model chosen per project, so switching tabs or conversations keeps them. */
const remembered = new Map<string, { agent: string | null; model: string | null }>();

/**
 * Writes a message and, when an agent is chosen, starts its answer with the chosen model. The
 * pickers offer only what the project allows and follow a changed lock at once.
 */
export function Composer({ projectId }: { readonly projectId: string }) {
  const api = useApi();
  const reason = useAppStore((s) => denialInProject(s.session, s.roles, projectId, 'message.create'));
  const runDenial = useAppStore((s) => denialInProject(s.session, s.roles, projectId, 'agent.run'));
  const conversationId = useAppStore((s) => s.openConversationId);
  const sendMessage = useAppStore((s) => s.sendMessage);
  const streamingIds = useAppStore((s) =>
    s.messages
      .filter((m) => isOpenStatus(m.status))
      .map((m) => m.id)
      .join(' '),
  );
  const choices = useRunChoices(projectId);
  const users = useAppStore((s) => s.users);
  const [text, setText] = useState('');
  const [chosenAgent, setChosenAgent] = useState<string | null>(() => remembered.get(projectId)?.agent ?? null);
  const [chosenModel, setChosenModel] = useState<string | null>(() => remembered.get(projectId)?.model ?? null);
  useEffect(() => {
    remembered.set(projectId, { agent: chosenAgent, model: chosenModel });
  }, [projectId, chosenAgent, chosenModel]);
  const [runs, setRuns] = useState<readonly string[]>([]);
  /** Why an answer could not start; one that started and failed says why in the conversation itself. */
  const [runError, setRunError] = useState<string | null>(null);
  /** The last answer asked for, when it failed: Retry asks for it again. */
  const [failedRun, setFailedRun] = useState<{ readonly agentId: string; readonly modelId: string } | null>(null);
  const lastRun = useRef<{ readonly agentId: string; readonly modelId: string } | null>(null);

  useEffect(
    () =>
      api.on('agents.run', (event) => {
        if (event.conversationId !== conversationId) return;
        if (event.status === 'error') setFailedRun(lastRun.current);
        if (event.status !== 'streaming') setRuns((r) => r.filter((id) => id !== event.messageId));
      }),
    [api, conversationId],
  );

  const agent = useMemo(() => {
    if (chosenAgent === noAgent) return null;
    return choices.agents.find((a) => a.id === chosenAgent) ?? choices.agents[0] ?? null;
  }, [choices.agents, chosenAgent]);

  // The runners' rule: a choice the project no longer allows falls back to the agent's own model, then the project's default.
  const model = useMemo(() => {
    const { models, config } = choices;
    const available = models.map((m) => m.id);
    const id = chooseModelId({ chosen: chosenModel, agentModelId: agent?.modelId, effective: config?.effective ?? null, available });
    return models.find((m) => m.id === id) ?? null;
  }, [choices, chosenModel, agent]);

  const tools = useMemo(() => {
    if (agent === null) return null;
    const effective = choices.config?.effective;
    // Before the settings are read nothing is known to be blocked; the run decides by the same rule.
    if (effective === undefined) return { usable: agent.tools.length === 0 ? builtInToolNames : agent.tools, blocked: [] };
    return {
      usable: offeredToolNames(agent.tools, [...new Set([...builtInToolNames, ...agent.tools])], effective),
      blocked: blockedToolNames(agent.tools, effective),
    };
  }, [agent, choices.config]);

  const myRunStreaming = runs.some((id) => streamingIds.split(' ').includes(id));
  const asksAgent = agent !== null && runDenial === null;

  const send = () => {
    const trimmed = text.trim();
    if (trimmed === '' || conversationId === null) return;
    sendMessage(trimmed);
    setText('');
    // Without a usable model the picker already says so; the message is simply posted.
    if (!asksAgent || model === null) return;
    ask({ agentId: agent.id, modelId: model.id });
  };
  const ask = (run: { readonly agentId: string; readonly modelId: string }) => {
    if (conversationId === null) return;
    setRunError(null);
    setFailedRun(null);
    lastRun.current = run;
    void api['agents.run']({ conversationId, ...run }).then((result) => {
      if (result.ok) return setRuns((r) => [...r, result.value.messageId]);
      setRunError(result.error.message);
      setFailedRun(run);
    });
  };
  const stop = () => {
    for (const id of runs) void api['agents.cancel']({ messageId: id });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send();
    }
  };

  // Entries that share a name are told apart by their owner and who may see them.
  const details = (entry: { ownerId: string; visibility: { level: string } }) => [userName(users, entry.ownerId), entry.visibility.level];
  const agentLabels = distinctLabels(choices.agents, details);
  const modelLabels = distinctLabels(choices.models, details);
  return (
    <div className="composer">
      {reason === null && (
        <div className="run-choices" role="group" aria-label="Who answers">
          <label className="run-choice">
            <span>Agent</span>
            <select aria-label="Agent" value={agent?.id ?? noAgent} onChange={(e) => setChosenAgent(e.target.value)} disabled={runDenial !== null} title={runDenial ?? undefined}>
              {choices.agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {agentLabels.get(a.id) ?? a.name}
                </option>
              ))}
              <option value={noAgent}>No agent — just post</option>
            </select>
          </label>
          <label className="run-choice">
            <span>Model</span>
            <select aria-label="Model" value={model?.id ?? ''} onChange={(e) => setChosenModel(e.target.value)} disabled={agent === null || choices.models.length === 0}>
              {choices.models.length === 0 && <option value="">{choices.config?.effective.models.value?.length === 0 ? 'No model allowed here' : 'No model available'}</option>}
              {choices.models.map((m) => (
                <option key={m.id} value={m.id}>
                  {modelLabels.get(m.id) ?? m.name}
                </option>
              ))}
            </select>
          </label>
          {tools !== null && (
            <span className="run-tools" data-testid="agent-tools">
              {tools.usable.length === 0 && tools.blocked.length === 0 ? 'No tools' : `Tools: ${tools.usable.length === 0 ? 'none allowed' : tools.usable.join(', ')}`}
              {tools.blocked.length > 0 && <span className="muted" title="The project's tool allowlist excludes these">{` · not allowed here: ${tools.blocked.join(', ')}`}</span>}
            </span>
          )}
          {choices.notice !== null && <span className="run-notice muted">{choices.notice}</span>}
        </div>
      )}
      <div className="composer-row">
        <textarea
          aria-label="Message"
          placeholder={reason === null ? 'Write a message — Enter sends, Shift+Enter adds a line' : 'Read only'}
          value={text}
          disabled={reason !== null}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          rows={2}
          aria-describedby={reason !== null ? 'composer-reason' : undefined}
        />
        {myRunStreaming ? (
          <button className="danger" onClick={stop} title="Stop the answer being written">
            Stop
          </button>
        ) : (
          <button className="primary" onClick={send} disabled={reason !== null || text.trim() === ''} title={reason ?? 'Send'}>
            Send
          </button>
        )}
      </div>
      {failedRun !== null && (
        <div className={runError === null ? 'run-retry' : 'error run-error'} role={runError === null ? 'group' : 'alert'} aria-label="The answer failed">
          {runError !== null && <span>{runError}</span>}
          <button className="small" onClick={() => ask(failedRun)} disabled={myRunStreaming}>
            Retry the answer
          </button>
        </div>
      )}
      {reason !== null && (
        <p id="composer-reason" className="reason">
          {reason}
        </p>
      )}
    </div>
  );
}
