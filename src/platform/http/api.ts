// The JSON API under /api/v1. Each operation is declared once with zod schemas; the same schemas
// validate requests and generate the OpenAPI 3.1 document, so the two cannot drift.
import { z } from 'zod';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorise, type Action, type Principal } from '../auth/policy.ts';
import { ValidationError, type FieldError } from './errors.ts';
import { sendProblem } from './problem.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiOperation<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  /** Fastify-style path, e.g. /api/v1/cases/:id */
  path: string;
  summary: string;
  tag: string;
  /** 'public' needs no sign-in; otherwise the action the policy must allow. */
  auth: 'public' | Action;
  params?: P;
  query?: Q;
  body?: B;
  /** 'multipart' when the operation takes a file upload (the handler reads it). */
  bodyKind?: 'json' | 'multipart';
  response?: z.ZodType;
  responseDescription?: string;
  /** A file download: the content types it may answer with (the handler sends the bytes and returns the reply). */
  responseBinary?: readonly string[];
  handler: (input: { principal: Principal; params: z.infer<P>; query: z.infer<Q>; body: z.infer<B>; req: FastifyRequest; reply: FastifyReply }) => Promise<unknown>;
}

export function zodFieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.map((i) => ({ field: prefix + (i.path.join('.') || 'body'), message: i.message }));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyOp = ApiOperation<any, any, any>;

export class ApiRegistry {
  readonly operations: AnyOp[] = [];

  add<P extends z.ZodType = z.ZodObject, Q extends z.ZodType = z.ZodObject, B extends z.ZodType = z.ZodUnknown>(op: ApiOperation<P, Q, B>): void {
    this.operations.push(op as AnyOp);
  }

  registerRoutes(app: FastifyInstance): void {
    for (const op of this.operations) {
      app.route({
        method: op.method,
        url: op.path,
        handler: async (req, reply) => {
          if (op.auth !== 'public' && !req.principal) {
            reply.header('www-authenticate', 'Bearer realm="joinedup"');
            return sendProblem(req, reply, 401, 'Send a personal access token as "Authorization: Bearer <token>"');
          }
          const principal = op.auth === 'public' ? (req.principal as Principal) : authorise(req.principal, op.auth);
          const errors: FieldError[] = [];
          const parse = (schema: z.ZodType | undefined, value: unknown, prefix: string) => {
            if (!schema) return value;
            const r = schema.safeParse(value ?? {});
            if (!r.success) errors.push(...zodFieldErrors(r.error, prefix));
            return r.success ? r.data : undefined;
          };
          const params = parse(op.params, req.params, '');
          const query = parse(op.query, req.query, '');
          const body = op.bodyKind === 'multipart' ? undefined : parse(op.body, req.body, '');
          if (errors.length) throw new ValidationError(errors, errors.map((e) => `${e.field}: ${e.message}`).join('; '));
          const result = await op.handler({ principal, params, query, body, req, reply });
          if (reply.sent || result === reply) return reply;
          return reply.type('application/json; charset=utf-8').send(JSON.stringify(result));
        },
      });
    }
  }

  openApi(serverUrl: string): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    const toSchema = (s: z.ZodType) => z.toJSONSchema(s, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' });
    for (const op of this.operations) {
      const oaPath = op.path.replace(/:([A-Za-z]+)/g, '{$1}');
      const parameters: Record<string, unknown>[] = [];
      for (const [where, schema] of [['path', op.params], ['query', op.query]] as const) {
        if (!schema) continue;
        const js = toSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
        for (const [name, prop] of Object.entries(js.properties ?? {})) {
          parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: prop, description: (prop as { description?: string }).description });
        }
      }
      const operation: Record<string, unknown> = {
        summary: op.summary, tags: [op.tag], operationId: `${op.method.toLowerCase()}${oaPath.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
        parameters,
        security: op.auth === 'public' ? [] : [{ bearer: [] }],
        responses: {
          200: op.responseBinary
            ? { description: op.responseDescription ?? 'The file', content: Object.fromEntries(op.responseBinary.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) }
            : { description: op.responseDescription ?? 'OK', content: { 'application/json': { schema: op.response ? toSchema(op.response) : {} } } },
          400: { $ref: '#/components/responses/Problem' },
          ...(op.auth === 'public' ? {} : { 401: { $ref: '#/components/responses/Problem' }, 403: { $ref: '#/components/responses/Problem' } }),
          404: { $ref: '#/components/responses/Problem' },
        },
      };
      if (op.body && op.bodyKind !== 'multipart') operation['requestBody'] = { required: true, content: { 'application/json': { schema: toSchema(op.body) } } };
      if (op.bodyKind === 'multipart') {
        operation['requestBody'] = { required: true, content: { 'multipart/form-data': { schema: op.body ? toSchema(op.body) : { type: 'object' } } } };
      }
      (paths[oaPath] ??= {})[op.method.toLowerCase()] = operation;
    }
    return {
      openapi: '3.1.0',
      info: { title: 'Joined Up API', version: '1', description: 'The JSON API of Joined Up. Authenticate with a personal access token: `Authorization: Bearer <token>`. Errors are `application/problem+json` (RFC 9457), naming each bad field.' },
      servers: [{ url: serverUrl }],
      paths,
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A personal access token created on the Your account page or with `joinedup tokens create`.' } },
        responses: {
          Problem: {
            description: 'A problem (RFC 9457)',
            content: { 'application/problem+json': { schema: { type: 'object', properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' }, requestId: { type: 'string' }, errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, pointer: { type: 'string' }, message: { type: 'string' } } } } } } } },
          },
        },
      },
    };
  }
}

/** A strict ISO calendar date parameter ('YYYY-MM-DD' that exists). */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date in the form YYYY-MM-DD').refine((s) => {
  try { Temporal.PlainDate.from(s, { overflow: 'reject' }); return true; } catch { return false; }
}, 'must be a real date');
