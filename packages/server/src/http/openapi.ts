import { z } from 'zod';
import {
  errorSchema,
  eventSchema,
  graphSchemaDoc,
  graphSummarySchema,
  healthSchema,
  resumeRequest,
  runDocumentRequest,
  runSchema,
  savedSchema,
  startRunRequest,
  toolsSchema,
  validateRequest,
  validationSchema,
  versionsSchema,
} from './schemas.ts';

type Schema = z.ZodType;
const toJson = (schema: Schema) => {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' });
  return json;
};
const content = (schema: Schema) => ({ 'application/json': { schema: toJson(schema) } });
const ok = (description: string, schema: Schema) => ({ description, content: content(schema) });
const error = (description: string) => ({ description, content: content(errorSchema) });

const graphDocument = z.record(z.string(), z.unknown()).describe('a weft.graph/1 document (DESIGN §2)');
const runBody = z.object({ run: runSchema });

interface Operation {
  summary: string;
  parameters?: unknown[];
  body?: Schema;
  responses: Record<string, unknown>;
}

const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
const queryParam = (name: string, description: string, type = 'string') => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type },
});
const graphId = pathParam('id', 'graph id');
const runId = pathParam('id', 'run id');
const draft = queryParam('draft', 'true: store a graph with validation problems as a draft');

const common = { '400': error('invalid request'), '401': error('missing or wrong API token') };

const operations: Record<string, Record<string, Operation>> = {
  '/api/health': {
    get: {
      summary: 'Liveness and database check',
      responses: { '200': ok('healthy', healthSchema), '503': ok('database down', healthSchema) },
    },
  },
  '/api/tools': {
    get: {
      summary: 'Every registered tool with the JSON Schema of its config',
      responses: { '200': ok('tools', toolsSchema) },
    },
  },
  '/api/graphs/validate': {
    post: {
      summary: 'Validate a graph document',
      body: validateRequest,
      responses: { '200': ok('every problem at once', validationSchema) },
    },
  },
  '/api/graphs': {
    get: {
      summary: 'List graphs',
      responses: { '200': ok('graphs', z.object({ graphs: z.array(graphSummarySchema) })) },
    },
    post: {
      summary: 'Create a graph (version 1)',
      parameters: [draft],
      body: graphDocument,
      responses: {
        '201': ok('created', savedSchema),
        '409': error('GRAPH_EXISTS'),
        '413': error('body too large'),
      },
    },
  },
  '/api/graphs/{id}': {
    get: {
      summary: 'Read the latest version',
      parameters: [graphId],
      responses: { '200': ok('graph', graphSchemaDoc), '404': error('GRAPH_NOT_FOUND') },
    },
    put: {
      summary: 'Save a new immutable version',
      parameters: [graphId, draft],
      body: graphDocument,
      responses: { '200': ok('saved', savedSchema), '404': error('GRAPH_NOT_FOUND') },
    },
    delete: {
      summary: 'Delete a graph and its versions (runs stay readable; waiting runs are cancelled)',
      parameters: [graphId],
      responses: { '204': { description: 'deleted' }, '404': error('GRAPH_NOT_FOUND') },
    },
  },
  '/api/graphs/{id}/versions': {
    get: {
      summary: 'Version history, newest first',
      parameters: [graphId],
      responses: { '200': ok('versions', versionsSchema), '404': error('GRAPH_NOT_FOUND') },
    },
  },
  '/api/graphs/{id}/versions/{version}': {
    get: {
      summary: 'Read one version',
      parameters: [graphId, pathParam('version', 'version number')],
      responses: { '200': ok('graph', graphSchemaDoc), '404': error('GRAPH_NOT_FOUND or VERSION_NOT_FOUND') },
    },
  },
  '/api/graphs/{id}/runs': {
    post: {
      summary: 'Run a saved graph',
      parameters: [graphId],
      body: startRunRequest,
      responses: {
        '200': ok('finished or waiting run (wait: true)', runBody),
        '202': ok('accepted run', runBody),
        '404': error('GRAPH_NOT_FOUND'),
      },
    },
  },
  '/api/runs': {
    get: {
      summary: 'Run history, newest first',
      parameters: [
        queryParam('graphId', 'only runs of this graph'),
        queryParam('status', 'only runs with this status'),
        queryParam('limit', '1–500, default 50', 'integer'),
        queryParam('cursor', 'nextCursor of the previous page'),
      ],
      responses: {
        '200': ok('runs', z.object({ runs: z.array(runSchema), nextCursor: z.string().nullable() })),
      },
    },
    post: {
      summary: 'Run an unsaved graph document',
      body: runDocumentRequest,
      responses: {
        '200': ok('finished or waiting run (wait: true)', runBody),
        '202': ok('accepted run', runBody),
      },
    },
  },
  '/api/runs/{id}': {
    get: {
      summary: 'One run',
      parameters: [runId],
      responses: { '200': ok('run', runBody), '404': error('RUN_NOT_FOUND') },
    },
  },
  '/api/runs/{id}/events': {
    get: {
      summary: 'Stored events after a seq',
      parameters: [
        runId,
        queryParam('after', 'seq to start after (0)', 'integer'),
        queryParam('limit', '1–10000, default 1000', 'integer'),
      ],
      responses: {
        '200': ok('events in seq order', z.object({ events: z.array(eventSchema) })),
        '404': error('RUN_NOT_FOUND'),
      },
    },
  },
  '/api/runs/{id}/cancel': {
    post: {
      summary: 'Cancel a queued, running or waiting run',
      parameters: [runId],
      responses: {
        '200': ok('cancelled run', runBody),
        '404': error('RUN_NOT_FOUND'),
        '409': error('RUN_FINISHED'),
      },
    },
  },
  '/api/runs/{id}/resume': {
    post: {
      summary: 'Answer a pending interrupt of a waiting run',
      parameters: [runId],
      body: resumeRequest,
      responses: {
        '200': ok('run (wait: true)', runBody),
        '202': ok('accepted', runBody),
        '404': error('RUN_NOT_FOUND'),
        '409': error('NOT_WAITING'),
      },
    },
  },
};

/** The OpenAPI 3.1 document of the REST API, generated from the same zod schemas the routes use. */
export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, methods] of Object.entries(operations)) {
    paths[path] = {};
    for (const [method, op] of Object.entries(methods)) {
      paths[path][method] = {
        summary: op.summary,
        ...(op.parameters ? { parameters: op.parameters } : {}),
        ...(op.body ? { requestBody: { required: true, content: content(op.body) } } : {}),
        responses: { ...common, ...op.responses },
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Weft API',
      version,
      description:
        'REST API of the Weft server. Errors are { error: { code, message, details? } }. Live events: WebSocket at /api/ws ' +
        '(send {type:"subscribe", runId, after?}; receive {type:"event", event}).',
    },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
