import { RUN_EVENT_TYPES } from '@weft/engine';
import { z } from 'zod';

/** Any JSON value (request bodies are parsed JSON already, so this only documents the field). */
const json = z.unknown().describe('any JSON value');
const required = (what: string) => z.custom<unknown>((value) => value !== undefined, `${what} is required`);

export const RUN_STATUSES = ['queued', 'running', 'waiting', 'completed', 'failed', 'cancelled'] as const;

// Requests

export const validateRequest = z
  .object({ graph: required('graph').describe('a weft.graph/1 document') })
  .strict();

export const startRunRequest = z
  .object({
    input: json.optional(),
    version: z.number().int().positive().optional().describe('a saved version; the latest when omitted'),
    wait: z.boolean().optional().describe('answer once the run is completed, failed, cancelled or waiting'),
  })
  .strict();

export const runDocumentRequest = z
  .object({
    graph: required('graph').describe('a weft.graph/1 document; it is not saved'),
    input: json.optional(),
    wait: z.boolean().optional(),
  })
  .strict();

export const resumeRequest = z
  .object({
    nodeId: z.string().min(1).max(64),
    value: json.optional().describe('what the waiting node receives as ctx.resume (null when omitted)'),
    wait: z.boolean().optional(),
  })
  .strict();

export const draftQuery = z.object({ draft: z.enum(['true', 'false']).optional() });

export const listRunsQuery = z.object({
  graphId: z.string().max(64).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(64).optional(),
});

export const eventsQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

export const versionParam = z.coerce.number().int().positive().max(2_147_483_647);

// Responses (documentation: the OpenAPI document is generated from these)

const isoTime = z.string().describe('ISO-8601 time');
const problem = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
});

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: json.optional() }),
});

export const runSchema = z.object({
  id: z.string(),
  graphId: z.string(),
  graphVersion: z.number().int().nullable().describe('null for a run of an unsaved document'),
  status: z.enum(RUN_STATUSES),
  input: json,
  state: z.record(z.string(), json).nullable(),
  error: z.object({ code: z.string(), message: z.string(), nodeId: z.string().optional() }).nullable(),
  pending: z.array(z.object({ nodeId: z.string(), visit: z.number().int(), payload: json })),
  createdAt: isoTime,
  startedAt: isoTime.nullable(),
  finishedAt: isoTime.nullable(),
  lastSeq: z.number().int().describe('seq of the last stored event (subscribe with after=lastSeq to follow)'),
});

export const eventSchema = z
  .object({
    runId: z.string(),
    seq: z.number().int(),
    ts: z.number().describe('milliseconds since the epoch'),
    type: z.enum(RUN_EVENT_TYPES as [string, ...string[]]),
    nodeId: z.string().optional(),
  })
  .loose();

export const graphSchemaDoc = z.object({
  graph: z.record(z.string(), json).describe('the weft.graph/1 document'),
  version: z.number().int(),
  valid: z.boolean(),
  errors: z.array(problem),
  createdAt: isoTime,
  updatedAt: isoTime,
});

export const graphSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  version: z.number().int(),
  valid: z.boolean(),
  createdAt: isoTime,
  updatedAt: isoTime,
  lastRun: z.object({ id: z.string(), status: z.enum(RUN_STATUSES), createdAt: isoTime }).nullable(),
});

export const validationSchema = z.object({ valid: z.boolean(), errors: z.array(problem) });
export const savedSchema = z.object({ id: z.string(), version: z.number().int() });
export const versionsSchema = z.object({
  versions: z.array(
    z.object({ version: z.number().int(), name: z.string(), valid: z.boolean(), createdAt: isoTime }),
  ),
});
export const toolsSchema = z.object({
  tools: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      category: z.string(),
      description: z.string(),
      configSchema: z.record(z.string(), json),
      reads: z.array(z.string()).optional(),
      writes: z.array(z.string()).optional(),
    }),
  ),
});
export const healthSchema = z.object({ status: z.string(), db: z.string(), version: z.string() });
