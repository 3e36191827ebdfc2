import { parseIsoWeek } from '@undercurrent/metrics';
import { SIGNAL_TYPE_NAMES } from '@undercurrent/contracts';
import { z } from 'zod';

/** `YYYY-Www`, checked like every other ISO week label (week 53 only in 53-week years). */
export const weekSchema = z
  .string({ error: 'must be an ISO week (YYYY-Www)' })
  .superRefine((value, ctx) => {
    try {
      parseIsoWeek(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'must be an ISO week (YYYY-Www)' });
    }
  })
  .meta({ pattern: '^\\d{4}-W\\d{2}$', example: '2026-W46' });

const WEEK_DEFAULT = 'ISO week (YYYY-Www) in the organisation\'s time zone; default: the last completed week. A week that has not started is refused.';

export const weeksSchema = (max: number, fallback: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(max, `must be at most ${max}`)
    .default(fallback)
    .describe(`How many weeks, ending with \`week\` (1 to ${max})`);

export const reportQuerySchema = z.strictObject({ week: weekSchema.optional().describe(WEEK_DEFAULT) });
export const timelineQuerySchema = z.strictObject({ weeks: weeksSchema(104, 26), week: weekSchema.optional().describe(WEEK_DEFAULT) });
export const windowQuerySchema = z.strictObject({ weeks: weeksSchema(104, 12), week: weekSchema.optional().describe(WEEK_DEFAULT) });
export const signalsQuerySchema = z.strictObject({
  week: z
    .union([z.literal('all'), weekSchema], { error: 'must be an ISO week (YYYY-Www) or all' })
    .optional()
    .describe('Signals active in this ISO week (default: the last completed week), or `all` for every week'),
  team: z.string().min(1, 'must not be empty').optional().describe("A team's id (organisation file)"),
  person: z.string().min(1, 'must not be empty').optional().describe("A person's id (organisation file)"),
  type: z.enum(SIGNAL_TYPE_NAMES, { error: `must be one of ${SIGNAL_TYPE_NAMES.join(', ')}` }).optional(),
  status: z.enum(['open', 'closed'], { error: 'must be open or closed' }).optional(),
});
