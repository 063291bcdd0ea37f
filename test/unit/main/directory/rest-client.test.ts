import { describe, expect, it } from 'vitest';
import { prepareRequest } from '../../../../main/directory/prepare-request';
import { createRestClient } from '../../../../main/directory/rest-client';
import { RestError } from '../../../../main/directory/rest-error';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function fakeServer(answer: (sent: Sent) => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const request: Sent = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === 'string' ? init.body : undefined,
    };
    sent.push(request);
    return answer(request);
  };
  return { sent, client: createRestClient({ serverUrl: () => 'http://server.test/', token: () => 'tok', fetch: fetchImpl, timeoutMs: 200 }) };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const projectId = 'prj_0123456789abcdef';

describe('REST client derived from the contract', () => {
  it('builds the path from params, encodes the query, sends the body as JSON with the token', async () => {
    const { client, sent } = fakeServer(() => json(200, { items: [] }));
    await client.send('project.member.update', { params: { id: projectId, uid: 'usr_0123456789abcdef' }, body: { role: 'viewer' } });
    await client.send('change.list', { query: { since: '5', limit: '10' } });
    expect(sent[0]).toEqual({
      url: `http://server.test/api/v1/projects/${projectId}/members/usr_0123456789abcdef`,
      method: 'PUT',
      headers: { accept: 'application/json', authorization: 'Bearer tok', 'content-type': 'application/json' },
      body: '{"role":"viewer"}',
    });
    expect(sent[1]?.url).toBe('http://server.test/api/v1/changes?since=5&limit=10');
    expect(sent[1]?.body).toBeUndefined();
  });

  it('sends no token to endpoints that take none', async () => {
    const { client, sent } = fakeServer(() => json(200, {}));
    await client.send('openapi.read', {});
    expect(sent[0]?.headers['authorization']).toBeUndefined();
  });

  it('parses the error shape, and falls back on the status when there is none', async () => {
    const { client } = fakeServer((request) =>
      request.method === 'POST'
        ? json(409, { error: { code: 'conflict', message: 'Taken.', field: 'canonicalName' } })
        : new Response('<html>Bad gateway</html>', { status: 502 }),
    );
    await expect(client.send('project.create', { body: { name: 'A' } })).rejects.toMatchObject({ code: 'conflict', message: 'Taken.', field: 'canonicalName', status: 409 });
    const failure = await client.send('project.list', {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RestError);
    expect(failure).toMatchObject({ code: 'unavailable', status: 502, isRetryable: true });
  });

  it('reports no answer as offline, a timeout included', async () => {
    const down = fakeServer(() => Promise.reject(new TypeError('fetch failed')));
    await expect(down.client.send('project.list', {})).rejects.toMatchObject({ code: 'offline', status: 0, isNetwork: true });
    const slow = fakeServer(
      (request) =>
        new Promise<Response>((_resolve, reject) => {
          setTimeout(() => reject(new DOMException('The operation timed out.', 'TimeoutError')), 50);
          void request;
        }),
    );
    await expect(slow.client.send('project.list', {})).rejects.toMatchObject({ code: 'offline', message: 'The server at http://server.test/ did not answer in time.' });
  });

  it('reads JSON Lines answers line by line', async () => {
    const { client } = fakeServer(() => new Response('{"a":1}\n{"a":2}\n', { status: 200, headers: { 'content-type': 'application/x-ndjson' } }));
    expect(await client.send('org.audit.export', {})).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it("checks typed answers against the endpoint's response schema", async () => {
    const { client } = fakeServer(() => json(200, { user: 'not a user' }));
    await expect(client.call('auth.whoami', {})).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('parses each line of a JSON Lines answer with the endpoint\'s schema, and refuses a line that does not fit', async () => {
    const event = {
      id: 'aud_0123456789abcdef',
      seq: 1,
      orgId: 'org_0123456789abcdef',
      actorId: null,
      action: 'org.create',
      resourceKind: 'organization',
      resourceId: null,
      projectId: null,
      at: '2026-01-02T03:04:05.000Z',
      outcome: 'allowed',
      detail: null,
      prevHash: '0'.repeat(64),
      hash: 'a'.repeat(64),
    };
    const good = fakeServer(() => new Response(`${JSON.stringify(event)}\n${JSON.stringify({ ...event, seq: 2 })}\n`, { status: 200 }));
    expect((await good.client.call('org.audit.export', {})).map((line) => line.seq)).toEqual([1, 2]);
    const bad = fakeServer(() => new Response(`${JSON.stringify(event)}\n{"seq":"two"}\n`, { status: 200 }));
    await expect(bad.client.call('org.audit.export', {})).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('answers the text itself where the endpoint offers a text format, and JSON parsed otherwise', async () => {
    const markdown = fakeServer(() => new Response('# Alpha\n', { status: 200, headers: { 'content-type': 'text/markdown' } }));
    expect(await markdown.client.call('project.export', { params: { id: projectId }, query: { format: 'markdown' } })).toBe('# Alpha\n');
    const malformed = fakeServer(() => json(200, { format: 'quorum.project-export', version: 1 }));
    await expect(malformed.client.call('project.export', { params: { id: projectId } })).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('refuses a request that does not fit the endpoint before sending it', () => {
    expect(() => prepareRequest('project.read', { params: { id: projectId, extra: 'x' } })).toThrow(/^Extra is an unknown field$/);
    expect(() => prepareRequest('project.create', {})).toThrow(/^The request body is required$/);
    expect(() => prepareRequest('project.read', { params: { id: projectId }, query: { x: '1' } })).toThrow(/takes no query values/);
    expect(() => prepareRequest('project.list', { query: { x: '1' } })).toThrow(/^X is not a filter: use workgroupId or metadata.<key>$/);
    expect(prepareRequest('project.read', { params: { id: projectId } })).toMatchObject({ method: 'GET', path: `/projects/${projectId}`, body: undefined });
  });
});
