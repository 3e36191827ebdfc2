import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';

/** Parse a request body or query with a schema; a 400 names each field that is wrong. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, where: 'body' | 'query'): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const message = result.error.issues
    .map((issue) => `${[where, ...issue.path].map(String).join('.')}: ${issue.message}`)
    .join('; ');
  throw new BadRequestException(message);
}
