import { describe, expect, it } from 'vitest';
import { describeChange } from '../../../../main/outbox/describe-change';

const names: Record<string, string> = { 'project:prj_1': 'Alpha', 'user:usr_1': 'Ann' };
const nameOf = (kind: string, id: string) => names[`${kind}:${id}`];

describe('a queued change in words', () => {
  it.each([
    ['project.create', { body: { name: 'Beta' } }, 'Create a project “Beta”'],
    ['project.patch', { params: { id: 'prj_1' }, body: { description: 'x' } }, 'Change only the fields given: in project “Alpha”'],
    ['project.member.add', { params: { id: 'prj_1' }, body: { userId: 'usr_1', role: 'editor' } }, 'Add a member of the organization with a role: Ann as editor, in project “Alpha”'],
    ['project.member.remove', { params: { id: 'prj_2', uid: 'usr_2' } }, 'Remove a direct member, or leave when it is the caller: usr_2, in project prj_2'],
    ['conversation.create', { params: { id: 'prj_1' }, body: { title: 'Hi' } }, 'Start a shared or personal conversation in the project: in project “Alpha”'],
    ['model.create', { body: { name: 'Llama' } }, 'Register a model “Llama”'],
  ] as const)('%s', (endpoint, request, words) => {
    expect(describeChange(endpoint, request, nameOf)).toBe(words);
  });
});
