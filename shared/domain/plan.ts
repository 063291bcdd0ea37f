import { z } from 'zod';

/** Organization plans, smallest first. */
export const plans = ['free', 'standard', 'professional', 'enterprise'] as const;
export const Plan = z.enum(plans);
export type Plan = z.infer<typeof Plan>;
