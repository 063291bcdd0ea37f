import { z } from 'zod';
import type { ChatToolDefinition, JsonSchema } from '../../shared/providers/chat-types';

/** What a tool may know about the run that called it. */
export interface ToolContext {
  readonly projectId: string;
  /** The conversation the run answers in, so a search can leave it out or point at it. */
  readonly conversationId: string | null;
  /** The knowledge bases bound to the project through its effective settings. */
  readonly knowledgeBaseIds: readonly string[];
  /** Aborted when the run is cancelled or the call runs out of time. */
  readonly signal: AbortSignal;
}

/**
 * A tool the model can call. `run` takes the arguments as the model sent them (already parsed from
 * JSON text) and returns the text handed back to the model; it throws when the call fails.
 */
export interface Tool extends ChatToolDefinition {
  run(args: unknown, context: ToolContext): Promise<string>;
}

/** Arguments that do not fit the tool's parameters; the message is for the model to correct them. */
export class ToolArgumentsError extends Error {
  override readonly name = 'ToolArgumentsError';
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * A tool whose parameters are a zod schema: the JSON schema offered to the model is derived from
 * it, and `run` sees only arguments that passed it.
 */
export function defineTool<Schema extends z.ZodType>(definition: {
  readonly name: string;
  readonly description: string;
  readonly schema: Schema;
  readonly run: (args: z.output<Schema>, context: ToolContext) => Promise<string>;
}): Tool {
  const { $schema: _dialect, ...parameters } = z.toJSONSchema(definition.schema, { io: 'input' }) as JsonSchema;
  return {
    name: definition.name,
    description: definition.description,
    parameters,
    async run(args, context) {
      const parsed = definition.schema.safeParse(args);
      if (!parsed.success) throw new ToolArgumentsError(`Invalid arguments for ${definition.name}: ${describeIssues(parsed.error)}`);
      return definition.run(parsed.data, context);
    },
  };
}
