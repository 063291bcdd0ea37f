import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CanonicalName } from '../../../../shared/domain/canonical-name';
import type { EntityKind } from '../../../../shared/domain/ids';
import { ApiErrorBody, errorStatus } from '../../../../shared/rest/api-error';
import type { AuthSession, Whoami } from '../../../../shared/rest/auth-endpoints';
import { idsOfOrg, snapshotApi } from '../support/api-snapshot';
import type { IdsByKind, SnapshotReader } from '../support/api-snapshot';
import { endpointNames, endpointOf, exampleOf, examplePath, examples, pathParameters, randomId, withQuery } from '../support/contract-examples';
import type { EndpointName, ExampleIds } from '../support/contract-examples';
import { createRichWorld, exampleIdsOf } from '../support/rich-world';
import type { RichWorld } from '../support/rich-world';
import { sha256Hex } from '../../../../sync-server/auth/secrets';
import { startTestServer } from '../support/test-server';
import type { ApiResponse, TestServer } from '../support/test-server';
import { inviteAndJoin, password } from '../support/world';

/** Two whole worlds and a snapshot of every GET answer take a while on a busy machine. */
const setupTimeout = 120_000;

/** Small, so that a body just over it is still cheap to send. */
const bodyLimit = 4096;

/** One request, described closely enough to send something no well-behaved client would. */
interface Probe {
  readonly method: string;
  readonly path: string;
  readonly token?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as it is, with `application/json` unless `headers` says otherwise. */
  readonly raw?: string;
  /** Sent in chunks without a Content-Length, so the server finds out the size only as it reads. */
  readonly chunked?: string;
}

/** What the cases run against: two organizations and a few credentials that must not work. */
interface Context {
  readonly a: RichWorld;
  readonly ids: ExampleIds;
  /** Ids of the first organization by kind, including kinds no path takes. */
  readonly ownIds: Readonly<Record<EntityKind, string>>;
  /** Ids of the same kinds in the second organization. */
  readonly foreignIds: Readonly<Partial<Record<EntityKind, string>>>;
  readonly ownerToken: string;
  readonly expiredSession: string;
  readonly loggedOutSession: string;
  readonly removedMemberSession: string;
  readonly revokedApiKey: string;
  readonly expiredApiKey: string;
  readonly wrongSecretApiKey: string;
}

interface BadCase {
  readonly what: string;
  /**
   * The status this mistake answers: every case has exactly one right answer. `accepted` is for an
   * input the schema takes (a boundary number in range): whatever the handler makes of it, the
   * answer is not a server error, and an error answer is a well-formed one.
   */
  readonly status: number | 'accepted';
  /** The field the error must name (or a field inside it), for mistakes in one field. */
  readonly field?: string;
  probe(context: Context): Probe;
}

const jsonHeaders = { 'content-type': 'application/json' };

function objectShape(schema: z.ZodType, value: unknown): Readonly<Record<string, z.ZodType>> | undefined {
  if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodType>;
  if (schema instanceof z.ZodDiscriminatedUnion) {
    const option = (schema.options as z.ZodType[]).find((candidate) => candidate.safeParse(value).success);
    return option === undefined ? undefined : objectShape(option, value);
  }
  return undefined;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Values of every JSON type; a field is sent each one of a type it does not hold and does not accept. */
const typeCandidates: readonly unknown[] = [12345, 'not the right kind of value', true, [], {}, null];

/** Query values that are wrong for most parameters; each field is sent the ones its schema refuses. */
const queryCandidates: readonly string[] = ['', 'abc', '-1', '1e3', '0x10', '99999999999999999999', 'x'.repeat(300)];

/**
 * Numbers at the edges of what JSON and doubles hold, written as JSON text: the largest and
 * smallest doubles, the smallest positive one, negative zero, one that JSON.parse turns into
 * Infinity, and the same as strings.
 */
const boundaryNumbers: readonly (readonly [label: string, json: string])[] = [
  ['MAX_VALUE', '1.7976931348623157e308'],
  ['-MAX_VALUE', '-1.7976931348623157e308'],
  ['MIN_VALUE', '5e-324'],
  ['-0', '-0'],
  ['1e308', '1e308'],
  ['1e400 (Infinity once parsed)', '1e400'],
  ['"1e308" as a string', '"1e308"'],
  ['"-1.7976931348623157e308" as a string', '"-1.7976931348623157e308"'],
];

/** The same boundaries as query text. */
const boundaryQueryNumbers: readonly string[] = ['1.7976931348623157e308', '-1.7976931348623157e308', '5e-324', '-0', '1e308', '1e400'];

/** Where the example body holds a number, as a path of keys and indexes. */
function numberPaths(value: unknown, path: readonly (string | number)[] = []): (readonly (string | number)[])[] {
  if (typeof value === 'number') return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => numberPaths(item, [...path, index]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => numberPaths(item, [...path, key]));
  return [];
}

/** The body's JSON text with the number at `path` written as `json`, so values JSON.stringify cannot write (-0, 1e400) are sent as they are. */
function withNumberText(body: unknown, path: readonly (string | number)[], json: string): string {
  const marker = '__boundary_number__';
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path.at(-1) ?? ''] = marker;
  return JSON.stringify(copy).replace(`"${marker}"`, json);
}

/** Path values that are not ids. The long one passes the router's own length limit. */
const malformedIds: readonly string[] = [
  'not-an-id',
  '0',
  'null',
  'undefined',
  'constructor',
  '__proto__',
  'prj_short',
  'PRJ_0123456789ABCDEF',
  'prj_0123456789abcdef0123456789abcdef0',
  'prj_0123456789abcdef!',
  "' OR 1=1 --",
  'prj_0123456789abcdef; DROP TABLE projects',
  'prj_ü123456789abcdef',
  'prj_0123456789abcdef\u0000',
  '%',
  'x'.repeat(199),
  'x'.repeat(400),
];

/** Path segments sent as they are: percent-encoding that does not decode. */
const undecodableSegments: readonly string[] = ['%', '%zz', '%E0%A4%A', 'prj_%C0%AF'];

/** Placeholder ids, to work out the shape of each example before the real ids exist. */
const placeholderIds: ExampleIds = {
  organization: randomId('organization'),
  project: randomId('project'),
  workgroup: randomId('workgroup'),
  user: randomId('user'),
  model: randomId('model'),
  versions: [randomId('model-version'), randomId('model-version')],
  agent: randomId('agent'),
  'api-key': randomId('api-key'),
  invitation: randomId('invitation'),
  'knowledge-base': randomId('knowledge-base'),
  'knowledge-document': randomId('knowledge-document'),
  connection: randomId('connection'),
  conversation: randomId('conversation'),
  run: randomId('run'),
};

/** Fields that no input schema takes but that a mass-assignment attempt would try. */
const smuggledFields = ['id', 'orgId', 'ownerId', 'isDefault', 'createdAt', 'passwordHash', 'admin'];

function bodyCases(name: EndpointName): BadCase[] {
  const endpoint = endpointOf(name);
  if (endpoint.method === 'GET') return [];
  const schema = endpoint.body;
  const send =
    (raw: string | undefined, headers: Readonly<Record<string, string>> = jsonHeaders) =>
    (context: Context): Probe => ({
      method: endpoint.method,
      path: withQuery(examplePath(name, context.ids), exampleOf(name, context.ids).query),
      token: context.ownerToken,
      headers: raw === undefined ? {} : headers,
      ...(raw === undefined ? {} : { raw }),
    });
  const valid = (context: Context) => exampleOf(name, context.ids).body ?? {};
  const sendJson =
    (build: (body: Record<string, unknown>) => unknown) =>
    (context: Context): Probe =>
      send(JSON.stringify(build(valid(context))))(context);

  // Every method that may carry a body must survive a broken or oversized one, used or not.
  const cases: BadCase[] = [
    { what: 'malformed JSON (cut short)', status: 400, probe: send('{"name": "x"') },
    { what: 'malformed JSON (single quotes)', status: 400, probe: send("{'name': 'x'}") },
    { what: 'malformed JSON (trailing comma)', status: 400, probe: send('{"name": "x",}') },
    { what: 'malformed JSON (two documents)', status: 400, probe: send('{} {}') },
    { what: 'a body over the size limit', status: 413, probe: sendJson((body) => ({ ...body, padding: 'x'.repeat(bodyLimit + 10) })) },
    {
      what: 'a chunked body over the size limit',
      status: 413,
      probe: (context) => ({ ...send(undefined)(context), chunked: JSON.stringify({ padding: 'x'.repeat(bodyLimit * 2) }) }),
    },
  ];
  if (schema === undefined) return cases;

  const sample = exampleOf(name, placeholderIds).body;
  const shape = sample === undefined ? undefined : objectShape(schema, sample);
  cases.push(
    { what: 'a JSON array', status: 400, probe: send('[]') },
    { what: 'a JSON array of the body', status: 400, probe: sendJson((body) => [body]) },
    { what: 'a JSON string', status: 400, probe: send('"text"') },
    { what: 'a JSON number', status: 400, probe: send('42') },
    { what: 'JSON null', status: 400, probe: send('null') },
    { what: 'JSON true', status: 400, probe: send('true') },
    { what: 'an empty body', status: 400, probe: send('') },
    { what: 'no body at all', status: 400, probe: send(undefined) },
    { what: 'deeply nested JSON', status: 400, probe: send(`{"name": ${'['.repeat(1500)}${']'.repeat(1500)}}`) },
    // Written as text: JSON.stringify would drop a __proto__ key from an object literal.
    {
      what: 'a __proto__ key',
      status: 400,
      probe: (context) => send(JSON.stringify(valid(context)).replace(/^\{/, '{"__proto__": {"role": "owner"}, '))(context),
    },
    {
      what: 'a constructor.prototype key',
      status: 400,
      probe: (context) => send(JSON.stringify(valid(context)).replace(/^\{/, '{"constructor": {"prototype": {"role": "owner"}}, '))(context),
    },
    { what: 'text/plain', status: 415, probe: (context) => send(JSON.stringify(valid(context)), { 'content-type': 'text/plain' })(context) },
    {
      what: 'a form',
      status: 415,
      probe: (context) => send('name=x&role=owner', { 'content-type': 'application/x-www-form-urlencoded' })(context),
    },
    { what: 'XML', status: 415, probe: (context) => send('<name>x</name>', { 'content-type': 'application/xml' })(context) },
    {
      what: 'an unknown field',
      status: 400,
      field: '__unknown',
      probe: sendJson((body) => ({ ...body, __unknown: 1 })),
    },
  );
  if (shape === undefined) return cases;

  const required = Object.keys(shape).filter((field) => !shape[field]!.safeParse(undefined).success);
  if (required.length > 0) cases.push({ what: 'the whole body {}', status: 400, probe: send('{}') });
  for (const field of required) {
    cases.push({
      what: `${field} missing`,
      status: 400,
      field,
      probe: sendJson((body) => Object.fromEntries(Object.entries(body).filter(([key]) => key !== field))),
    });
  }
  for (const field of smuggledFields.filter((f) => !(f in shape))) {
    cases.push({ what: `a smuggled ${field}`, status: 400, field, probe: sendJson((body) => ({ ...body, [field]: 'owner' })) });
  }
  for (const path of numberPaths(sample)) {
    const field = path.join('.');
    for (const [label, json] of boundaryNumbers) {
      const accepted = schema.safeParse(JSON.parse(withNumberText(sample, path, json))).success;
      cases.push({
        what: `${field} = ${label}`,
        status: accepted ? 'accepted' : 400,
        ...(accepted ? {} : { field }),
        probe: (context) => send(withNumberText(valid(context), path, json))(context),
      });
    }
  }
  for (const [field, fieldSchema] of Object.entries(shape)) {
    const current = (sample as Record<string, unknown>)[field];
    for (const candidate of typeCandidates) {
      if (jsonType(candidate) === jsonType(current) || fieldSchema.safeParse(candidate).success) continue;
      cases.push({
        what: `${field} as ${jsonType(candidate)}`,
        status: 400,
        field,
        probe: sendJson((body) => ({ ...body, [field]: candidate })),
      });
    }
    if (jsonType(current) === 'object' && !fieldSchema.safeParse({ ...(current as object), __unknown: 1 }).success) {
      cases.push({
        what: `an unknown field inside ${field}`,
        status: 400,
        field: `${field}.__unknown`,
        probe: sendJson((body) => ({ ...body, [field]: { ...(body[field] as object), __unknown: 1 } })),
      });
    }
  }
  return cases;
}

/**
 * A project is addressed by its id or its canonical name: a value that is a canonical name names
 * no project here (404); anything else is malformed (400, naming the field).
 */
function refusalOf(field: string, candidate: string): { status: 400 | 404; field?: string } {
  return field === 'projectId' && CanonicalName.safeParse(candidate).success ? { status: 404 } : { status: 400, field };
}

function queryCases(name: EndpointName): BadCase[] {
  const endpoint = endpointOf(name);
  const schema = endpoint.query;
  if (schema === undefined) return [];
  const sampleQuery = exampleOf(name, placeholderIds).query ?? {};
  const shape = objectShape(schema, sampleQuery) ?? {};
  const ask =
    (change: (query: Record<string, string>) => Record<string, string> | string) =>
    (context: Context): Probe => {
      const changed = change({ ...exampleOf(name, context.ids).query });
      const search = typeof changed === 'string' ? changed : new URLSearchParams(changed).toString();
      return { method: endpoint.method, path: `${examplePath(name, context.ids)}?${search}`, token: context.ownerToken };
    };
  const cases: BadCase[] = [
    { what: 'an unknown query parameter', status: 400, field: '__unknown', probe: ask((query) => ({ ...query, __unknown: '1' })) },
  ];
  for (const field of Object.keys(shape)) {
    if (!schema.safeParse(Object.fromEntries(Object.entries(sampleQuery).filter(([key]) => key !== field))).success) {
      cases.push({
        what: `query ${field} missing`,
        status: 400,
        field,
        probe: ask((query) => Object.fromEntries(Object.entries(query).filter(([key]) => key !== field))),
      });
    }
    for (const candidate of queryCandidates) {
      if (schema.safeParse({ ...sampleQuery, [field]: candidate }).success) continue;
      cases.push({
        what: `query ${field}=${candidate.slice(0, 12)}`,
        ...refusalOf(field, candidate),
        probe: ask((query) => ({ ...query, [field]: candidate })),
      });
    }
    for (const candidate of boundaryQueryNumbers) {
      const accepted = schema.safeParse({ ...sampleQuery, [field]: candidate }).success;
      cases.push({
        what: `query ${field}=${candidate} (a boundary number)`,
        ...(accepted ? { status: 'accepted' as const } : refusalOf(field, candidate)),
        probe: ask((query) => ({ ...query, [field]: candidate })),
      });
    }
    cases.push({
      what: `query ${field} given twice`,
      status: 400,
      field,
      probe: ask((query) => {
        const params = new URLSearchParams({ ...query, [field]: sampleQuery[field] ?? 'a' });
        params.append(field, sampleQuery[field] ?? 'b');
        return params.toString();
      }),
    });
  }
  return cases;
}

function pathCases(name: EndpointName): BadCase[] {
  const endpoint = endpointOf(name);
  const cases: BadCase[] = [];
  const placeholder = 'PLACEHOLDER';
  const aim =
    (parameter: string, value: (context: Context) => string | undefined, encode = true) =>
    (context: Context): Probe => {
      const example = exampleOf(name, context.ids);
      const target = value(context);
      if (target === undefined) throw new Error(`no id to aim ${name} :${parameter} at`);
      const path = encode
        ? examplePath(name, context.ids, { [parameter]: target })
        : examplePath(name, context.ids, { [parameter]: placeholder }).replace(placeholder, target);
      return {
        method: endpoint.method,
        path: withQuery(path, example.query),
        token: context.ownerToken,
        ...(example.body === undefined ? {} : { raw: JSON.stringify(example.body), headers: jsonHeaders }),
      };
    };
  for (const [parameter, kind] of pathParameters(endpoint)) {
    for (const malformed of malformedIds) {
      cases.push({ what: `:${parameter} = ${JSON.stringify(malformed.slice(0, 24))}`, status: 404, probe: aim(parameter, () => malformed) });
    }
    for (const segment of undecodableSegments) {
      cases.push({ what: `:${parameter} = raw ${segment}`, status: 404, probe: aim(parameter, () => segment, false) });
    }
    cases.push({ what: `:${parameter} naming nothing`, status: 404, probe: aim(parameter, () => randomId(kind)) });
    cases.push({ what: `:${parameter} from another organization`, status: 404, probe: aim(parameter, (context) => context.foreignIds[kind]) });
    for (const other of ownKinds.filter((k) => k !== kind)) {
      cases.push({ what: `:${parameter} holding a ${other} id`, status: 404, probe: aim(parameter, (context) => context.ownIds[other]) });
    }
  }
  return cases;
}

/** Kinds of which the first organization holds an id for the wrong-kind cases. */
const ownKinds: readonly EntityKind[] = [
  'organization',
  'user',
  'api-key',
  'invitation',
  'workgroup',
  'project',
  'model',
  'model-version',
  'agent',
  'conversation',
  'audit-event',
  'knowledge-base',
  'knowledge-document',
];

function authCases(name: EndpointName): BadCase[] {
  const endpoint = endpointOf(name);
  if (endpoint.auth === 'none') return [];
  const as =
    (credentials: (context: Context) => { token?: string; authorization?: string }) =>
    (context: Context): Probe => {
      const example = exampleOf(name, context.ids);
      const { token, authorization } = credentials(context);
      return {
        method: endpoint.method,
        path: withQuery(examplePath(name, context.ids), example.query),
        ...(token === undefined ? {} : { token }),
        headers: {
          ...(authorization === undefined ? {} : { authorization }),
          ...(example.body === undefined ? {} : jsonHeaders),
        },
        ...(example.body === undefined ? {} : { raw: JSON.stringify(example.body) }),
      };
    };
  const cases: [string, (context: Context) => { token?: string; authorization?: string }][] = [
    ['no credentials', () => ({})],
    ['a garbage token', () => ({ token: 'garbage' })],
    ['an unknown session token', () => ({ token: `qs_${'A'.repeat(43)}` })],
    ['an unknown API key', () => ({ token: `qk_${randomId('api-key')}_${'B'.repeat(43)}` })],
    ['an API key with the wrong secret', (context) => ({ token: context.wrongSecretApiKey })],
    ['Basic authentication', () => ({ authorization: `Basic ${Buffer.from(`owner@example.test:${password}`).toString('base64')}` })],
    ['a Bearer header without a token', () => ({ authorization: 'Bearer' })],
    ['a Bearer header with two tokens', (context) => ({ authorization: `Bearer ${context.ownerToken} ${context.ownerToken}` })],
    ['an expired session', (context) => ({ token: context.expiredSession })],
    ['a logged-out session', (context) => ({ token: context.loggedOutSession })],
    ['the session of a removed member', (context) => ({ token: context.removedMemberSession })],
    ['a revoked API key', (context) => ({ token: context.revokedApiKey })],
    ['an expired API key', (context) => ({ token: context.expiredApiKey })],
  ];
  return cases.map(([what, credentials]) => ({ what, status: 401, probe: as(credentials) }));
}

const casesByEndpoint = endpointNames.map((name) => ({
  name,
  cases: [...authCases(name), ...pathCases(name), ...queryCases(name), ...bodyCases(name)],
}));
const totalCases = casesByEndpoint.reduce((sum, { cases }) => sum + cases.length, 0);
/** Far below what the contract yields today: falling under it means the generator lost whole families of cases. */
const atLeast = 2000;
let tried = 0;

async function chunkedRequest(url: string, probe: Probe): Promise<ApiResponse> {
  const target = new URL(`${url}/api/v1${probe.path}`);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      target,
      {
        method: probe.method,
        headers: {
          'content-type': 'application/json',
          'transfer-encoding': 'chunked',
          ...(probe.token === undefined ? {} : { authorization: `Bearer ${probe.token}` }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // Left as text: the assertion on the shape then fails with it.
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    // The server may answer and close as soon as the limit is passed; that is the point.
    req.on('error', reject);
    const text = probe.chunked ?? '';
    for (let i = 0; i < text.length; i += 1024) req.write(text.slice(i, i + 1024));
    req.end();
  });
}

async function send(server: TestServer, probe: Probe): Promise<ApiResponse> {
  if (probe.chunked !== undefined) return chunkedRequest(server.url, probe);
  const headers: Record<string, string> = { ...probe.headers };
  if (probe.token !== undefined) headers['authorization'] = `Bearer ${probe.token}`;
  const response = await fetch(`${server.url}/api/v1${probe.path}`, { method: probe.method, headers, body: probe.raw });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Left as text: the assertion on the shape then fails with it.
  }
  return { status: response.status, body };
}

let server: TestServer;
let context: Context;
let readersOfB: SnapshotReader[];
let idsOfB: IdsByKind;
let exampleIdsOfB: ExampleIds;
let snapshotOfB: Record<string, ApiResponse>;

async function minted(world: RichWorld, name: string): Promise<{ id: string; secret: string }> {
  const res = await world.client('owner')('api-key.create', { body: { name } });
  if (res.status !== 201) throw new Error(`mint ${name}: ${res.status}`);
  return res.body as { id: string; secret: string };
}

async function login(email: string): Promise<string> {
  const res = await server.request<AuthSession>('POST', '/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  return res.body.token;
}

beforeAll(async () => {
  // Every case with a made-up credential is one more failure from this one address: the throttle
  // (tested at its defaults in credential-throttle.test.ts) would answer 429 after five of them.
  server = await startTestServer({ bodyLimit, authFailuresBeforeBackoff: 1_000_000 });
  const a = await createRichWorld(server, { tag: 'a' });
  const b = await createRichWorld(server, { tag: 'b' });
  const db = server.server.services.db;
  const past = '2000-01-01T00:00:00.000Z';

  const expiredSession = await login(a.actors.owner.email);
  db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?').run(past, sha256Hex(expiredSession));
  const loggedOutSession = await login(a.actors.owner.email);
  await server.request('POST', '/auth/logout', { token: loggedOutSession });
  // An admin who is removed: their session outlives the membership it was issued for.
  const leaver = await inviteAndJoin(server, a.actors.owner.token, 'leaver-a', { kind: 'organization', role: 'admin' });
  const removed = await a.as('owner')('DELETE', `/orgs/${a.orgId}/members/${leaver.actor.userId}`);
  if (removed.status !== 204) throw new Error(`remove leaver: ${removed.status}`);
  const expiredKey = await minted(a, 'Expiring');
  db.prepare('UPDATE api_keys SET expires_at = ? WHERE id = ?').run(past, expiredKey.id);

  const auditEventOf = (orgId: string) => (db.prepare('SELECT id FROM audit_events WHERE org_id = ? LIMIT 1').get(orgId) as { id: string }).id;
  const ids = exampleIdsOf(a);
  context = {
    a,
    ids,
    ownIds: {
      ...ids,
      'model-version': a.publicVersionIds[0],
      conversation: a.servedConversationId,
      'audit-event': auditEventOf(a.orgId),
      message: randomId('message'),
      run: a.runId,
    },
    foreignIds: {
      organization: b.orgId,
      project: b.projectId,
      workgroup: b.workgroupId,
      user: b.actors.editor.userId,
      model: b.publicModelId,
      'model-version': b.publicVersionIds[0],
      agent: b.publicAgentId,
      'api-key': b.apiKey.id,
      invitation: b.pendingInvitationIds[0] ?? '',
      conversation: b.servedConversationId,
      run: b.runId,
      'knowledge-base': b.knowledgeBaseId,
      'knowledge-document': b.knowledgeDocumentId,
      connection: b.connectionId,
    },
    ownerToken: a.actors.owner.token,
    expiredSession,
    loggedOutSession,
    removedMemberSession: leaver.actor.token,
    revokedApiKey: a.revokedApiKey.secret,
    expiredApiKey: expiredKey.secret,
    wrongSecretApiKey: `${a.apiKey.secret.slice(0, -4)}AAAA`,
  };

  readersOfB = (['owner', 'admin', 'editor', 'member', 'viewer'] as const).map((role) => ({
    name: role,
    token: b.actors[role].token,
    readsAuditLog: role === 'owner' || role === 'admin',
  }));
  idsOfB = idsOfOrg(db, b.orgId);
  exampleIdsOfB = exampleIdsOf(b);
  snapshotOfB = await snapshotApi(server, readersOfB, idsOfB, exampleIdsOfB);
}, setupTimeout);

afterAll(async () => {
  await server.dispose();
});

describe('the examples the cases are built from', () => {
  it.each(endpointNames.filter((name) => endpointOf(name).body !== undefined))('%s has a valid example body', (name) => {
    const body = examples[name]?.(placeholderIds).body;
    expect(body, `add an example body for ${name} to contract-examples.ts`).toBeDefined();
    expect(endpointOf(name).body?.safeParse(body).success).toBe(true);
  });

  it.each(endpointNames.filter((name) => endpointOf(name).query !== undefined))('%s has a valid example query', (name) => {
    expect(endpointOf(name).query?.safeParse(exampleOf(name, placeholderIds).query ?? {}).success).toBe(true);
  });
});

describe(`${totalCases} bad inputs over ${endpointNames.length} endpoints: 4xx JSON errors, never 5xx`, () => {
  it.each(casesByEndpoint)('$name', async ({ name, cases }) => {
    const failures: string[] = [];
    for (const badCase of cases) {
      const probe = badCase.probe(context);
      const res = await send(server, probe);
      tried += 1;
      const label = `${name} with ${badCase.what}: ${probe.method} ${probe.path.slice(0, 120)} answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
      const parsed = ApiErrorBody.safeParse(res.body);
      if (badCase.status === 'accepted') {
        if (res.status >= 500) failures.push(`${label} (a server error for input the schema accepts)`);
        else if (res.status >= 400 && (!parsed.success || errorStatus[parsed.data.error.code] !== res.status)) failures.push(`${label} (not a matching error body)`);
        continue;
      }
      if (res.status !== badCase.status) failures.push(`${label} (expected ${badCase.status})`);
      else if (!parsed.success) failures.push(`${label} (not an error body)`);
      else if (errorStatus[parsed.data.error.code] !== res.status) failures.push(`${label} (code does not match the status)`);
      else if (parsed.data.error.message.length === 0) failures.push(`${label} (empty message)`);
      else if (badCase.field !== undefined) {
        const field = parsed.data.error.field ?? '';
        if (field !== badCase.field && !field.startsWith(`${badCase.field}.`)) failures.push(`${label} (expected the field ${badCase.field})`);
      }
    }
    expect(failures).toEqual([]);
  });

  it(`tried every one of the ${totalCases} cases, at least ${atLeast}`, () => {
    expect(tried, `bad inputs tried: ${tried} of ${totalCases}`).toBe(totalCases);
    expect(totalCases, `bad inputs generated from the contract: ${totalCases}`).toBeGreaterThanOrEqual(atLeast);
  });

  it('still serves afterwards, and the other organization is as it was', async () => {
    const res = await server.request<Whoami>('GET', '/auth/whoami', { token: context.ownerToken });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(context.a.actors.owner.userId);
    expect(res.body.organization.id).toBe(context.a.orgId);
    expect(await snapshotApi(server, readersOfB, idsOfB, exampleIdsOfB)).toEqual(snapshotOfB);
  });
});
