import { countOf } from '../domain/plural';
import type { Conversation } from '../domain/conversation';
import type { Message } from '../domain/message';
import type { ProjectExport } from './project-export';

/** Backslash-escapes what Markdown would read as formatting in a one-line name or title. */
function plain(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, '\\$&');
}

/** `2025-01-31T09:30:00.000Z` → `2025-01-31 09:30 UTC`: the same in every reader's time zone. */
function when(timestamp: string): string {
  return `${timestamp.slice(0, 10)} ${timestamp.slice(11, 16)} UTC`;
}

/**
 * Text that is itself Markdown (a message), kept apart as a block quote so that its headings and
 * lists stay inside the message instead of breaking the document's outline.
 */
function quoted(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
}

/** The name the export gives an id, or the id itself as code when it has none. */
function nameOf(names: Readonly<Record<string, string>>, id: string): string {
  const name = names[id];
  // A person reads this: what the exporter may not see is said so, never shown as an id.
  return name === undefined ? '_an entry you cannot see_' : plain(name);
}

function list(items: readonly string[] | null, none: string, name: (item: string) => string = (item) => `\`${item}\``): string {
  if (items === null) return 'any';
  return items.length === 0 ? none : items.map(name).join(', ');
}

function messageHeading(message: Message, exported: ProjectExport): string {
  const { users, agents, models } = exported.names;
  const author = message.author;
  const parts =
    author.kind === 'user'
      ? [`**${nameOf(users, author.userId)}**`]
      : [`**${nameOf(agents, author.agentId)}**`, `model ${nameOf(models, author.modelId)}`, `run by ${nameOf(users, author.runBy)}`];
  parts.push(when(message.createdAt));
  if (message.status !== 'complete') parts.push(`_${message.status}_`);
  if (message.editedAt !== null) parts.push(`edited ${when(message.editedAt)}`);
  return parts.join(' · ');
}

function messageFooter(message: Message): string[] {
  const lines: string[] = [];
  if (message.toolCalls.length > 0) {
    const counts = new Map<string, number>();
    for (const call of message.toolCalls) counts.set(call.name, (counts.get(call.name) ?? 0) + 1);
    lines.push(`Tool calls: ${[...counts].map(([name, count]) => `\`${name}\` ×${count}`).join(', ')}`);
  }
  const ratings = Object.values(message.ratings);
  if (ratings.length > 0) {
    const average = ratings.reduce((sum, rating) => sum + rating, 0) / ratings.length;
    lines.push(`Rated ${Number(average.toFixed(2))} of 5 by ${ratings.length} ${ratings.length === 1 ? 'person' : 'people'}`);
  }
  return lines;
}

function conversationSection(conversation: Conversation, messages: readonly Message[], exported: ProjectExport): string[] {
  const title = conversation.title === '' ? 'Untitled conversation' : plain(conversation.title);
  const lines = [
    `### ${title}`,
    '',
    `_${conversation.kind === 'shared' ? 'Shared' : 'Personal'} conversation started by ${nameOf(exported.names.users, conversation.createdBy)} on ${when(conversation.createdAt)}_`,
    '',
  ];
  if (messages.length === 0) return [...lines, '_No messages._', ''];
  for (const message of messages) {
    lines.push(messageHeading(message, exported), '', quoted(message.content === '' ? ' ' : message.content), '');
    const footer = messageFooter(message);
    if (footer.length > 0) lines.push(...footer.map((line) => `- ${line}`), '');
  }
  return lines;
}

/**
 * A project export as one Markdown document to read or print: the project, its members, its
 * effective settings, then each conversation with its messages in order. Names stand in for ids
 * where the export knows them. The same function serves the server's `format=markdown` and any
 * client holding an export, so both produce the same text.
 */
export function projectExportMarkdown(exported: ProjectExport): string {
  const { project, config } = exported;
  const effective = config.effective;
  const lines: string[] = [`# ${plain(project.name)}`, ''];
  if (project.description !== '') lines.push(plain(project.description), '');
  lines.push(
    `Exported ${when(exported.exportedAt)} by ${nameOf(exported.names.users, exported.exportedBy)}. Canonical name: \`${project.canonicalName}\`.`,
    '',
    '## Members',
    '',
    ...exported.members.map((member) => `- ${plain(member.displayName)}: ${member.role}`),
    '',
    '## Settings',
    '',
    `- Models: ${list(effective.models.value, 'none allowed', (id) => nameOf(exported.names.models, id))}`,
    `- Tools: ${list(effective.tools.value, 'none allowed')}`,
    `- Knowledge bases: ${effective.knowledgeBases.length === 0 ? 'none' : countOf(effective.knowledgeBases.length, 'knowledge base')}`,
    `- System prompt:${effective.systemPrompt.value === null ? ' none' : ''}`,
  );
  if (effective.systemPrompt.value !== null) lines.push('', quoted(effective.systemPrompt.value));
  lines.push('', '## Conversations', '');
  if (exported.conversations.length === 0) lines.push('_No conversations._', '');
  const byConversation = new Map<string, Message[]>();
  for (const message of exported.messages) {
    const messages = byConversation.get(message.conversationId) ?? [];
    messages.push(message);
    byConversation.set(message.conversationId, messages);
  }
  for (const conversation of exported.conversations) {
    lines.push(...conversationSection(conversation, byConversation.get(conversation.id) ?? [], exported));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
