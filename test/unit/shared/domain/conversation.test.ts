import { describe, expect, it } from 'vitest';
import { Conversation, ConversationCreate } from '../../../../shared/domain/conversation';
import { created, expectUnknownFieldRefused, id, invalid, valid } from './fixtures';

const conversation = {
  id: id('cnv'),
  projectId: id('prj'),
  title: 'Incident review',
  kind: 'shared',
  createdBy: id('usr'),
  createdAt: created,
};

describe('Conversation', () => {
  it('parses shared and personal conversations', () => {
    expect(valid(Conversation, conversation)).toEqual(conversation);
    expect(valid(Conversation, { ...conversation, kind: 'personal' }).kind).toBe('personal');
  });

  it('accepts an untitled conversation', () => {
    expect(valid(Conversation, { ...conversation, title: '' }).title).toBe('');
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(Conversation, conversation);
  });

  it('refuses an unknown kind', () => {
    expect(invalid(Conversation, { ...conversation, kind: 'public' })).toEqual({
      field: 'kind',
      message: 'must be one of: shared, personal',
    });
  });

  it('refuses a multi-line title', () => {
    expect(invalid(Conversation, { ...conversation, title: 'a\nb' })).toEqual({
      field: 'title',
      message: 'must be a single line without control characters',
    });
  });
});

describe('ConversationCreate', () => {
  it('defaults to an untitled shared conversation', () => {
    expect(valid(ConversationCreate, {})).toEqual({ title: '', kind: 'shared' });
  });

  it('takes a personal conversation', () => {
    expect(valid(ConversationCreate, { title: ' Notes ', kind: 'personal' })).toEqual({ title: 'Notes', kind: 'personal' });
  });

  it('refuses unknown fields such as a project id, which the path names', () => {
    expect(invalid(ConversationCreate, { projectId: id('prj') })).toEqual({ field: 'projectId', message: 'unknown field' });
    expectUnknownFieldRefused(ConversationCreate, {});
  });
});
