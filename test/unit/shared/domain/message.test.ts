import { describe, expect, it } from 'vitest';
import { Message, MessageAuthor, ToolCall } from '../../../../shared/domain/message';
import { created, expectUnknownFieldRefused, id, invalid, later, valid } from './fixtures';

const toolCall = {
  id: 'call_8f2c',
  name: 'web_search',
  arguments: '{"query":"quorum sync"}',
  result: '3 results',
  error: null,
};

const agentMessage = {
  id: id('msg'),
  conversationId: id('cnv'),
  author: { kind: 'agent', agentId: id('agt'), modelId: id('mdl'), runBy: id('usr') },
  content: 'Here is what I found.',
  createdAt: created,
  editedAt: null,
  toolCalls: [toolCall],
  ratings: { [id('usr', 1)]: 5, [id('usr', 2)]: 3 },
  status: 'complete',
};

const userMessage = {
  ...agentMessage,
  author: { kind: 'user', userId: id('usr') },
  content: 'Find the sync design.',
  editedAt: later,
  toolCalls: [],
  ratings: {},
};

describe('MessageAuthor', () => {
  it('refuses an unknown kind', () => {
    expect(invalid(MessageAuthor, { kind: 'system' })).toEqual({ field: 'kind', message: 'must be one of: user, agent' });
  });

  it('requires the model of an agent message', () => {
    expect(invalid(MessageAuthor, { kind: 'agent', agentId: id('agt'), runBy: id('usr') })).toEqual({
      field: 'modelId',
      message: 'is required',
    });
  });

  it('refuses a model on a user message', () => {
    expect(invalid(MessageAuthor, { kind: 'user', userId: id('usr'), modelId: id('mdl') })).toEqual({
      field: 'modelId',
      message: 'unknown field',
    });
  });
});

describe('ToolCall', () => {
  it('parses a call with a result and a call with an error', () => {
    expect(valid(ToolCall, toolCall)).toEqual(toolCall);
    const failed = { ...toolCall, result: null, error: 'timeout' };
    expect(valid(ToolCall, failed)).toEqual(failed);
  });

  it('parses a call still running', () => {
    expect(valid(ToolCall, { ...toolCall, result: null }).result).toBeNull();
  });

  it('refuses arguments that are not JSON', () => {
    expect(invalid(ToolCall, { ...toolCall, arguments: '{query: x}' })).toEqual({
      field: 'arguments',
      message: 'must be a JSON text',
    });
  });

  it('refuses arguments given as an object rather than JSON text', () => {
    expect(invalid(ToolCall, { ...toolCall, arguments: { query: 'x' } })).toEqual({
      field: 'arguments',
      message: 'must be a string',
    });
  });

  it('refuses both a result and an error', () => {
    expect(invalid(ToolCall, { ...toolCall, error: 'boom' })).toEqual({
      field: 'error',
      message: 'must be null when the call has a result',
    });
  });
});

describe('Message', () => {
  it('parses an agent message and an edited user message', () => {
    expect(valid(Message, agentMessage)).toEqual(agentMessage);
    expect(valid(Message, userMessage)).toEqual(userMessage);
  });

  it.each(['complete', 'streaming', 'error', 'cancelled'])('parses status %s', (status) => {
    expect(valid(Message, { ...agentMessage, status }).status).toBe(status);
  });

  it('refuses unknown fields, at the top, in the author and in a tool call', () => {
    expectUnknownFieldRefused(Message, agentMessage);
    expectUnknownFieldRefused(Message, agentMessage, ['author']);
    expectUnknownFieldRefused(Message, agentMessage, ['toolCalls', '0']);
  });

  it.each([0, 6, 4.5])('refuses rating %s and names the rater', (rating) => {
    expect(invalid(Message, { ...agentMessage, ratings: { [id('usr', 7)]: rating } }).field).toBe(
      `ratings.${id('usr', 7)}`,
    );
  });

  it('refuses a rating keyed by something other than a user id', () => {
    expect(invalid(Message, { ...agentMessage, ratings: { [id('agt')]: 5 } }).message).toMatch(/^has an invalid key/);
  });

  it('refuses an unknown status', () => {
    expect(invalid(Message, { ...agentMessage, status: 'draft' })).toEqual({
      field: 'status',
      message: 'must be one of: complete, streaming, error, cancelled, waiting',
    });
  });

  it('names the nested field of a bad tool call', () => {
    expect(invalid(Message, { ...agentMessage, toolCalls: [{ ...toolCall, name: 'web search' }] }).field).toBe(
      'toolCalls.0.name',
    );
  });
});
