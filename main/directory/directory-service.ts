import type { DirectoryAnswer } from '../../shared/app-api/app-api-contract';
import type { PolicyFacts } from '../../shared/policy/decide-endpoint';
import { decideEndpoint } from '../../shared/policy/decide-endpoint';
import { AppFailure } from '../app-api/app-failure';
import type { Connectivity } from '../app/connectivity';
import type { NameOf } from '../outbox/describe-change';
import { describeChange } from '../outbox/describe-change';
import type { Outbox } from '../outbox/outbox';
import type { EndpointKey } from '../../shared/rest/api-contract';
import type { RestRequest } from './prepare-request';
import { isChange, prepareRequest } from './prepare-request';
import type { RestClient } from './rest-client';
import { parseResult } from './rest-client';
import { RestError } from './rest-error';

export interface DirectoryServiceOptions {
  readonly client: Pick<RestClient, 'send'>;
  readonly outbox: Outbox;
  readonly connectivity: Connectivity;
  /** The caller's roles as last known; null when signed out. */
  readonly facts: () => PolicyFacts | null;
  readonly nameOf: NameOf;
  /** The session token was refused: renew it; answers whether a fresh one is in place. */
  readonly renewSession: () => Promise<boolean>;
  /** The server asks for a recent sign-in: confirm it where the app holds the password; answers whether it did. */
  readonly reauthenticateHeld: () => Promise<boolean>;
  /** A change reached the server: the replica pulls it back. */
  readonly afterChange: () => void;
  /** A change was queued: the renderer hears the new outbox count. */
  readonly afterQueue: () => void;
  /** Replays the outbox in the background; never rejects. */
  readonly requestReplay: () => void;
}

/**
 * Sessions go through `session.*`: a token must never come back to the renderer, and a password
 * never waits in the outbox.
 */
const sessionEndpoints: ReadonlySet<EndpointKey> = new Set(['auth.signup', 'auth.login', 'auth.logout', 'auth.switch-organization', 'auth.reauthenticate']);

/**
 * `directory.request`: the renderer's REST calls. In order:
 * 1. The request is checked against the endpoint's schemas (a malformed one never leaves, nor waits).
 * 2. The shared policy decides it with the caller's stored roles; a refusal ends it here.
 * 3. Reads go to the server; without one they fail as `offline`. Every answer is parsed with the
 *    endpoint's response schema before the renderer sees it.
 * 4. Changes go to the server when it answers and nothing is waiting in the outbox; otherwise they
 *    are queued behind what is waiting, so the server sees every change in the order it was made.
 *    A change whose call found no server is queued too.
 */
export function createDirectoryService(options: DirectoryServiceOptions) {
  const { client, outbox, connectivity } = options;

  async function sendWithRenewal(endpoint: EndpointKey, request: RestRequest): Promise<unknown> {
    try {
      return await client.send(endpoint, request);
    } catch (error) {
      if (!(error instanceof RestError)) throw error;
      const renewed =
        (error.status === 401 && (await options.renewSession())) || (error.code === 'reauthentication_required' && (await options.reauthenticateHeld()));
      if (!renewed) throw error;
      return client.send(endpoint, request);
    }
  }

  function queue(endpoint: EndpointKey, request: RestRequest): { status: 'queued'; outboxId: string } {
    const entry = outbox.enqueue(endpoint, request, describeChange(endpoint, request, options.nameOf));
    options.afterQueue();
    return { status: 'queued', outboxId: entry.id };
  }

  return {
    /** The renderer's calls (parsed with the app API's schema), and main's own typed reads. */
    async request<K extends EndpointKey>(input: { readonly endpoint: K } & RestRequest): Promise<DirectoryAnswer<K>> {
      const { endpoint } = input;
      if (sessionEndpoints.has(endpoint)) throw new AppFailure('bad_request', 'Sign in, sign up and sign out through the session methods.', 'endpoint');
      const facts = options.facts();
      if (facts === null) throw new AppFailure('unauthenticated', 'Sign in first.');
      const request: RestRequest = { params: input.params, query: input.query, body: input.body };
      prepareRequest(endpoint, request);
      const decision = decideEndpoint(endpoint, request, facts);
      if (!decision.allowed) throw new AppFailure(decision.code, decision.reason);

      if (!isChange(endpoint)) {
        if (connectivity.online === false) throw new AppFailure('offline', 'You are offline; this needs the server. It works again once the connection is back.');
        try {
          return { status: 'applied', response: parseResult(endpoint, await sendWithRenewal(endpoint, request)) };
        } catch (error) {
          if (error instanceof RestError && error.isNetwork) connectivity.report(false);
          throw error;
        }
      }

      if (connectivity.online === false || outbox.pendingCount() > 0) {
        const queued = queue(endpoint, request);
        if (connectivity.online !== false) options.requestReplay();
        return queued;
      }
      try {
        const response = await sendWithRenewal(endpoint, request);
        connectivity.report(true);
        options.afterChange();
        return { status: 'applied', response: parseResult(endpoint, response) };
      } catch (error) {
        if (!(error instanceof RestError) || !error.isNetwork) throw error;
        connectivity.report(false);
        return queue(endpoint, request);
      }
    },
  };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
