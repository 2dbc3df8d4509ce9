// RFC 9457 problem details for the JSON API.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from './errors.ts';

const TITLES: Record<number, string> = {
  400: 'Bad request', 401: 'Unauthorised', 403: 'Forbidden', 404: 'Not found', 409: 'Conflict',
  413: 'Content too large', 415: 'Unsupported media type', 429: 'Too many requests', 500: 'Internal server error', 503: 'Service unavailable',
};

export function sendProblem(req: FastifyRequest, reply: FastifyReply, status: number, detail: string, errors?: FieldError[]): FastifyReply {
  const body: Record<string, unknown> = {
    type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, instance: req.url.split('?')[0], requestId: req.id,
  };
  if (errors?.length) body['errors'] = errors.map((e) => ({ field: e.field, pointer: `/${e.field.replace(/\./g, '/')}`, message: e.message }));
  return reply.code(status).type('application/problem+json').send(JSON.stringify(body));
}

export function isApiRequest(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/');
}
