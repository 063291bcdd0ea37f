import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiErrorBody, ErrorCode } from '../../shared/rest/api-error';
import { ApiError } from './api-error';

/** Fastify's own client errors (bad JSON, body too large...) in the API's error shape. */
function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'rate_limited';
    default:
      return 'bad_request';
  }
}

const fastifyMessages: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The body is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The body is empty; send a JSON object.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The body is larger than this server accepts.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Send the body as application/json.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length does not match the body.',
};

/**
 * Every error leaves as `{ error: { code, message } }`. Client mistakes keep their 4xx status; anything
 * else is a server fault, logged in full and answered with a message that reveals nothing inside.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError | Error, request, reply) => {
    let body: ApiErrorBody;
    let status: number;
    if (error instanceof ApiError) {
      status = error.status;
      if (error.retryAfterSeconds !== undefined) void reply.header('retry-after', String(error.retryAfterSeconds));
      body = { error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } };
    } else if ('statusCode' in error && typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
      body = { error: { code: codeForStatus(status), message: fastifyMessages[code] ?? error.message } };
    } else {
      request.log.error({ err: error }, 'request failed');
      status = 500;
      body = { error: { code: 'internal', message: 'The server failed to handle this request.' } };
    }
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'not_found', message: `No endpoint ${request.method} ${request.url.split('?')[0]}.` } });
  });
}

/** Router errors about the path itself, raised before any route runs. */
const pathErrors = new Set(['FST_ERR_BAD_URL', 'FST_ERR_MAX_PARAM_LENGTH']);

/**
 * Fastify's `frameworkErrors`: a path parameter longer than any id, or not valid percent-encoding,
 * names nothing, so it answers 404 like any malformed id, in the API's error shape rather than
 * Fastify's own.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (pathErrors.has(error.code)) {
    void reply.status(404).send({ error: { code: 'not_found', message: 'Resource not found.' } });
    return;
  }
  request.log.error({ err: error }, 'request failed');
  void reply.status(500).send({ error: { code: 'internal', message: 'The server failed to handle this request.' } });
}
