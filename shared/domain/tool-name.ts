import { z } from 'zod';

/**
 * The name of a tool a model may call. Same alphabet and length as the function names that
 * OpenAI-compatible endpoints accept, so an allowlist entry can always be sent as it is.
 */
export const ToolName = z
  .string()
  .regex(
    /^[A-Za-z0-9_-]{1,64}$/,
    'must be 1 to 64 characters of letters, digits, underscores or hyphens',
  );
export type ToolName = z.infer<typeof ToolName>;
