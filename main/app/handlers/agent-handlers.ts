import type { AgentRunner } from '../../agents/agent-runner';
import type { ProviderKeys } from '../../agents/provider-keys';
import { discoverModels } from '../../providers/discover-models';
import type { HandlerGroup } from './handler-group';

/** Agent runs on this computer (answers, conversation titles) and the model provider keys they use, kept in the secret store. */
export function agentHandlers(agents: AgentRunner, providerKeys: ProviderKeys): HandlerGroup<'agents' | 'conversations' | 'providers'> {
  return {
    'agents.run': (input) => agents.run(input),
    'agents.cancel': ({ messageId }) => ({ cancelled: agents.cancel(messageId) }),
    'conversations.suggestTitle': async ({ conversationId }) => {
      const suggested = await agents.suggestTitle(conversationId);
      return { title: suggested?.title ?? null, source: suggested?.source ?? null };
    },
    'providers.setKey': async ({ modelId, apiKey }) => {
      await providerKeys.set(modelId, apiKey);
      return {};
    },
    'providers.clearKey': async ({ modelId }) => {
      await providerKeys.clear(modelId);
      return {};
    },
    'providers.hasKey': async ({ modelId }) => ({ hasKey: await providerKeys.has(modelId) }),
    'providers.listModels': (input) => discoverModels(input, providerKeys),
  };
}
