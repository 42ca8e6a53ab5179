import { z } from 'zod';

/** The format tag every graph document carries. */
export const GRAPH_FORMAT = 'weft.graph/1';

export const GRAPH_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const ELEMENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const REDUCERS = ['replace', 'append', 'merge', 'sum', 'min', 'max', 'union'] as const;
export type ReducerName = (typeof REDUCERS)[number];

/** Ranges that every limit must fall into; the validator reports anything outside as LIMIT_OUT_OF_RANGE. */
export const LIMIT_RANGES = {
  maxSteps: { min: 1, max: 1_000_000 },
  timeoutMs: { min: 1, max: 7 * 24 * 3_600_000 },
  concurrency: { min: 1, max: 1024 },
  maxVisits: { min: 1, max: 100_000 },
  nodeTimeoutMs: { min: 1, max: 24 * 3_600_000 },
  maxAttempts: { min: 1, max: 100 },
  backoffMs: { min: 0, max: 3_600_000 },
  factor: { min: 1, max: 10 },
  jitter: { min: 0, max: 1 },
} as const;

export const DEFAULT_LIMITS = { maxSteps: 10_000, timeoutMs: 600_000, concurrency: 16 } as const;
export const DEFAULT_MAX_VISITS = 100;
export const DEFAULT_RETRY = {
  maxAttempts: 1,
  backoffMs: 200,
  factor: 2,
  maxBackoffMs: 30_000,
  jitter: 0.2,
} as const;

const meta = z
  .record(z.string(), z.json())
  .optional()
  .describe('Free-form data for editors and other programs.');
const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const retrySchema = z.strictObject({
  maxAttempts: z.number().int().describe('Attempts in all, the first one included.').optional(),
  backoffMs: finite.describe('Delay before the second attempt.').optional(),
  factor: finite.describe('Each further delay is multiplied by this.').optional(),
  maxBackoffMs: finite.describe('Upper bound of one delay.').optional(),
  jitter: finite.describe('Share of each delay that is randomised (0 = none, 1 = full jitter).').optional(),
});

export const nodeSchema = z.strictObject({
  id: z.string().regex(ELEMENT_ID_PATTERN, 'must match [A-Za-z0-9_-]{1,64}'),
  tool: z.string().min(1),
  config: z.record(z.string(), z.unknown()).optional(),
  label: z.string().max(200).optional(),
  description: z.string().max(4000).optional(),
  position: z.strictObject({ x: finite, y: finite }).optional(),
  retry: retrySchema.optional(),
  timeoutMs: z.number().int().optional(),
  maxVisits: z.number().int().optional(),
  meta,
});

export const edgeSchema = z.strictObject({
  id: z.string().regex(ELEMENT_ID_PATTERN, 'must match [A-Za-z0-9_-]{1,64}'),
  from: z.string().min(1),
  to: z.string().min(1),
  when: z.string().min(1).optional(),
  else: z.boolean().optional(),
  onError: z.boolean().optional(),
  label: z.string().max(200).optional(),
  meta,
});

export const stateKeySchema = z.strictObject({
  default: z.json().optional(),
  reducer: z.enum(REDUCERS).optional(),
  description: z.string().max(4000).optional(),
});

export const limitsSchema = z.strictObject({
  maxSteps: z.number().int().optional(),
  timeoutMs: z.number().int().optional(),
  concurrency: z.number().int().optional(),
});

export const graphSchema = z.strictObject({
  format: z.literal(GRAPH_FORMAT),
  id: z.string().regex(GRAPH_ID_PATTERN, 'must match [a-z0-9][a-z0-9-_]{0,63}'),
  name: z.string().min(1).max(200),
  description: z.string().max(10_000).optional(),
  state: z.record(z.string(), stateKeySchema).optional(),
  nodes: z.array(nodeSchema),
  edges: z.array(edgeSchema),
  limits: limitsSchema.optional(),
  output: z.array(z.string().min(1)).optional(),
  meta,
});

export type RetryPolicy = z.infer<typeof retrySchema>;
export type NodeSpec = z.infer<typeof nodeSchema>;
export type EdgeSpec = z.infer<typeof edgeSchema>;
export type StateKeySpec = z.infer<typeof stateKeySchema>;
export type GraphLimits = z.infer<typeof limitsSchema>;
/** A `weft.graph/1` document: the one format the editor, REST API, CLI and examples share. */
export type GraphDocument = z.infer<typeof graphSchema>;
