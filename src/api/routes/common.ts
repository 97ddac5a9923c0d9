import { z } from 'zod';

export const idParams = z.object({ id: z.string().min(1).max(100) });
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), next_cursor: z.string().nullable() });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })),
    request_id: z.string(),
  })
  .passthrough()
  .describe('RFC 9457 problem details');

/** The error responses every authenticated route may give. */
export const errorResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  429: problemSchema,
};
