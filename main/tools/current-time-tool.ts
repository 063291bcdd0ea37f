import { z } from 'zod';
import { defineTool } from './tool';
import type { Tool } from './tool';
import { isoInTimeZone, isValidTimeZone } from './time-zone';
import { builtInToolName } from '../../shared/domain/built-in-tools';

export const currentTimeToolName = builtInToolName.currentTime;

/** The clock is passed in so the time the model sees can be fixed in tests. */
export function createCurrentTimeTool(now: () => Date = () => new Date()): Tool {
  return defineTool({
    name: currentTimeToolName,
    description: 'Returns the current date and time in ISO 8601, in UTC and optionally in a given IANA time zone.',
    schema: z.object({
      time_zone: z
        .string()
        .max(100)
        .refine(isValidTimeZone, { error: 'must be an IANA time zone name such as "Europe/Paris" or "America/New_York"' })
        .optional()
        .describe('An IANA time zone name, for example "Europe/Paris"'),
    }),
    run: async ({ time_zone: timeZone }) => {
      const instant = now();
      const utc = instant.toISOString();
      if (timeZone === undefined) return JSON.stringify({ utc });
      return JSON.stringify({ utc, timeZone, local: isoInTimeZone(instant, timeZone) });
    },
  });
}
