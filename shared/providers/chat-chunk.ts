import { z } from 'zod';

/**
 * One `chat.completion.chunk` as OpenAI-compatible servers send it. Objects are not strict, so
 * fields a server adds (usage, logprobs, reasoning) pass; the fields the app reads must have the
 * right type, and `null` stands for absent because servers use both.
 */

/**
 * The standard sends arguments as JSON text; a few servers send the object itself, which is kept
 * as the same JSON text.
 */
const FragmentArguments = z.union([z.string(), z.record(z.string(), z.unknown()).transform((value) => JSON.stringify(value))]);

export const ToolCallFragment = z.object({
  index: z.int().nonnegative().nullish(),
  id: z.string().nullish(),
  function: z
    .object({
      name: z.string().nullish(),
      arguments: FragmentArguments.nullish(),
    })
    .nullish(),
});
export type ToolCallFragment = z.infer<typeof ToolCallFragment>;

const Choice = z.object({
  index: z.int().nonnegative().nullish(),
  delta: z
    .object({
      content: z.string().nullish(),
      tool_calls: z.array(ToolCallFragment).nullish(),
    })
    .nullish(),
  finish_reason: z.string().nullish(),
});

export const ChatCompletionChunk = z.object({
  choices: z.array(Choice),
});
export type ChatCompletionChunk = z.infer<typeof ChatCompletionChunk>;

/** The first problem of a failed parse, with where it is: `choices.0.delta.content: expected string, received number`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'unexpected shape';
  const path = issue.path.map(String).join('.');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}
