import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery, type ApiBodyOptions } from '@nestjs/swagger';
import { z } from 'zod';

/** Swagger's OpenAPI schema object (the package does not export its name). */
type SchemaObject = Extract<ApiBodyOptions, { schema: unknown }>['schema'] & { description?: string };

interface ObjectJsonSchema {
  properties?: Record<string, SchemaObject>;
  required?: string[];
}

/** The JSON Schema of what a client sends (before defaults and transforms apply). */
function inputJsonSchema(schema: z.ZodType): SchemaObject & ObjectJsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return json as SchemaObject & ObjectJsonSchema;
}

/**
 * Documents a route's query parameters from the zod schema that validates them (`parseInput`), so
 * the OpenAPI document and the checks cannot disagree.
 */
export function ApiZodQuery(schema: z.ZodObject): MethodDecorator {
  const json = inputJsonSchema(schema);
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, property]) =>
      ApiQuery({ name, required: json.required?.includes(name) ?? false, schema: property, ...(property.description ? { description: property.description } : {}) }),
    ),
  );
}

/** Documents a route's JSON body from the zod schema that validates it. */
export function ApiZodBody(schema: z.ZodObject): MethodDecorator {
  return ApiBody({ schema: inputJsonSchema(schema) });
}

/** `?limit=`, shared by the lists of runs. */
export const limitQuerySchema = z.object({
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500').default(50).describe('How many, newest first (1 to 500)'),
});

/** A run's id in a path. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
