import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import type { AppMethodInput, SessionState } from '../../shared/app-api/app-api-contract';
import type { AuthSession } from '../../shared/rest/auth-endpoints';
import { AppFailure } from '../app-api/app-failure';
import { createRestClient } from '../directory/rest-client';
import { RestError } from '../directory/rest-error';
import type { SecretStore } from './secret-store';
import { secretKeys } from './secret-store';
import type { SessionRecord, SessionRecords } from './session-record';

export interface SessionServiceOptions {
  readonly records: SessionRecords;
  readonly secrets: SecretStore;
  /** The sync server this app started on this machine, when there is one. */
  readonly embeddedUrl: string | null;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  readonly onChanged: (state: SessionState) => void;
  /**
   * Called before a session of another account than the one the local data belongs to takes over,
   * so the local copies of the previous account (replica, documents) are dropped first.
   */
  readonly onAccountSwitch?: (previous: string, next: string) => Promise<void> | void;
  /** This app founded the account and its organization just now: its first-run setup is due. */
  readonly onAccountCreated?: () => void;
}

export type SignInInput = AppMethodInput<'session.signIn'>;
export type SignUpInput = AppMethodInput<'session.signUp'>;

/** Signing in and out of a sync server, and the session the rest of the app works under. */
export interface SessionService {
  /** Loads the stored session at start; works offline, the token is checked by the first call that uses it. */
  restore(): Promise<SessionState>;
  get(): SessionState;
  signIn(input: SignInInput): Promise<SessionState>;
  signUp(input: SignUpInput): Promise<SessionState>;
  signOut(): Promise<SessionState>;
  /**
   * First run on the embedded server: creates the local user, their organization and (on the
   * server) its default project, with a random password kept in the secret store, when the
   * server has no account yet; on a server already in use it stays signed out, for the person to
   * join it. Later runs sign in with that password when no session is held, unless the user
   * signed out on purpose.
   */
  bootstrapEmbedded(): Promise<SessionState>;
  /**
   * The server refused the token (401). Signs in again where the app holds the password (the
   * embedded account); otherwise ends the session. Answers whether a fresh token is in place.
   */
  renew(): Promise<boolean>;
  /** Acts in another of the user's organizations: the server answers a new session scoped to it. */
  switchOrganization(orgId: string): Promise<SessionState>;
  /** The password entered again, for the changes that need a recent sign-in. */
  reauthenticate(password: string): Promise<void>;
  /**
   * The embedded account's password is the app's own, never typed by anyone: where the app holds
   * it, it confirms the sign-in itself. Answers whether it did; false asks the person.
   */
  reauthenticateHeld(): Promise<boolean>;
  current(): SessionRecord | null;
  serverUrl(): string | null;
  token(): string | null;
  account(): string | null;
}

const signedOutExplicitly = 'signed-out';
const lastServer = 'last-server';
const dataOwner = 'data-owner';

interface EmbeddedCredentials {
  email: string;
  password: string;
}

function normalizeUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function sameServer(a: string, b: string | null): boolean {
  return b !== null && normalizeUrl(a) === normalizeUrl(b);
}

function localName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'me';
  }
}

export function createSessionService(options: SessionServiceOptions): SessionService {
  const { records, secrets } = options;
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  let record: SessionRecord | null = null;
  let token: string | null = null;
  let joinsEmbedded = false;
  let queue: Promise<unknown> = Promise.resolve();

  // One session change at a time: a sign-in racing the start's bootstrap must not interleave.
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const effectiveUrl = (r: SessionRecord): string => (r.mode === 'embedded' && options.embeddedUrl !== null ? options.embeddedUrl : r.serverUrl);

  const state = (): SessionState => {
    const active = record !== null && token !== null ? record : null;
    const last = records.getState(lastServer) ?? options.embeddedUrl;
    return {
      status: active === null ? 'signed-out' : 'signed-in',
      mode: active?.mode ?? (options.embeddedUrl === null ? 'team' : 'embedded'),
      serverUrl: active === null ? null : effectiveUrl(active),
      ...(last === null ? {} : { lastServerUrl: last }),
      ...(joinsEmbedded && active === null ? { joinsEmbedded } : {}),
      user: active?.user ?? null,
      organization: active?.organization ?? null,
      orgRole: active?.orgRole ?? null,
    };
  };

  const clientFor = (serverUrl: string, bearer: string | null = null) =>
    createRestClient({ serverUrl: () => serverUrl, token: () => bearer, ...(options.fetch ? { fetch: options.fetch } : {}) });

  async function adopt(serverUrl: string, session: AuthSession): Promise<SessionState> {
    const mode = sameServer(serverUrl, options.embeddedUrl) ? 'embedded' : 'team';
    const normalized = normalizeUrl(serverUrl);
    const account = `${mode === 'embedded' ? 'embedded' : normalized}|${session.user.id}`;
    const previous = records.getState(dataOwner);
    if (previous !== null && previous !== account) await options.onAccountSwitch?.(previous, account);
    await secrets.set(secretKeys.sessionToken, session.token);
    record = { mode, serverUrl: normalized, account, user: session.user, organization: session.organization, orgRole: session.orgRole };
    token = session.token;
    records.save(record, now());
    records.setState(dataOwner, account);
    records.setState(lastServer, normalized);
    records.setState(signedOutExplicitly, null);
    const next = state();
    options.onChanged(next);
    return next;
  }

  /** `stayOut`: do not sign back in to the embedded account at the next start. */
  async function forget(stayOut: boolean): Promise<SessionState> {
    record = null;
    token = null;
    records.clear();
    await secrets.delete(secretKeys.sessionToken);
    records.setState(signedOutExplicitly, stayOut ? '1' : null);
    const next = state();
    options.onChanged(next);
    return next;
  }

  const login = async (serverUrl: string, email: string, password: string, options: { invitationCode?: string | undefined; orgId?: string } = {}) =>
    adopt(
      serverUrl,
      await clientFor(serverUrl).call('auth.login', {
        body: {
          email,
          password,
          ...(options.invitationCode === undefined ? {} : { invitationCode: options.invitationCode }),
          ...(options.orgId === undefined ? {} : { orgId: options.orgId }),
        },
      }),
    );

  /** The signed-in session's server and token, or a refusal to act without one. */
  const signedIn = (): { serverUrl: string; bearer: string } => {
    if (record === null || token === null) throw new AppFailure('unauthenticated', 'Sign in first.');
    return { serverUrl: effectiveUrl(record), bearer: token };
  };

  /**
   * Sign-up answers alike whether or not the email had an account, so signing in tells: with a
   * new account's password it works; a refusal means the email was already taken.
   */
  async function signUpThenIn(input: SignUpInput): Promise<SessionState> {
    const { serverUrl, ...signup } = input;
    await clientFor(serverUrl).call('auth.signup', { body: signup });
    try {
      return await login(serverUrl, signup.email, signup.password);
    } catch (error) {
      if (error instanceof RestError && error.code === 'unauthenticated') {
        throw new AppFailure('conflict', 'This email address already has an account on this server: sign in with its password instead, or use another address.');
      }
      throw error;
    }
  }

  async function readCredentials(): Promise<EmbeddedCredentials | null> {
    const stored = await secrets.get(secretKeys.embeddedCredentials);
    if (stored === null) return null;
    const parsed = JSON.parse(stored) as Partial<EmbeddedCredentials>;
    return typeof parsed.email === 'string' && typeof parsed.password === 'string' ? { email: parsed.email, password: parsed.password } : null;
  }

  async function createEmbeddedAccount(serverUrl: string): Promise<SessionState> {
    const name = localName();
    const handle = name.toLowerCase().replace(/[^a-z0-9._-]/g, '') || 'me';
    const password = randomBytes(32).toString('base64url');
    const client = clientFor(serverUrl);
    for (let attempt = 0; ; attempt += 1) {
      // The server's data may outlive this app's (a deleted profile): a taken address gets a suffix.
      const email = attempt === 0 ? `${handle}@quorum.local` : `${handle}-${randomBytes(4).toString('hex')}@quorum.local`;
      // Kept before signing up, so a crash in between never leaves an account nobody can sign in to.
      await secrets.set(secretKeys.embeddedCredentials, JSON.stringify({ email, password } satisfies EmbeddedCredentials));
      await client.call('auth.signup', {
        body: { email, password, displayName: name || 'Me', organizationName: `${name || 'My'} organization`.slice(0, 100) },
      });
      try {
        const created = await login(serverUrl, email, password);
        options.onAccountCreated?.();
        return created;
      } catch (error) {
        // Sign-up does not say when an address is taken; signing in with the new password does.
        if (!(error instanceof RestError) || error.code !== 'unauthenticated' || attempt >= 3) throw error;
      }
    }
  }

  return {
    async restore() {
      const stored = records.load();
      const storedToken = stored === null ? null : await secrets.get(secretKeys.sessionToken);
      record = storedToken === null ? null : stored;
      token = storedToken;
      return state();
    },
    get: state,
    signIn: (input) => serialized(() => login(input.serverUrl, input.email, input.password, { invitationCode: input.invitationCode })),
    signUp: (input) => serialized(() => signUpThenIn(input)),
    signOut: () =>
      serialized(async () => {
        const active = record;
        const bearer = token;
        if (active !== null && bearer !== null) {
          try {
            await clientFor(effectiveUrl(active), bearer).send('auth.logout', {});
          } catch (error) {
            // Offline or already expired: the token is forgotten here either way and expires on the server.
            if (!(error instanceof RestError)) throw error;
          }
        }
        return forget(true);
      }),
    bootstrapEmbedded: () =>
      serialized(async () => {
        const serverUrl = options.embeddedUrl;
        if (serverUrl === null || state().status === 'signed-in') return state();
        if (records.getState(signedOutExplicitly) !== null) return state();
        const credentials = await readCredentials();
        if (credentials !== null) return login(serverUrl, credentials.email, credentials.password);
        // A server someone already uses (another instance on this machine started it) is joined by
        // signing in or up there, with an invitation, never by founding another organization.
        const { hasAccounts } = await clientFor(serverUrl).call('server.status', {});
        joinsEmbedded = hasAccounts;
        return hasAccounts ? state() : createEmbeddedAccount(serverUrl);
      }),
    renew: () =>
      serialized(async () => {
        const active = record;
        if (active?.mode === 'embedded' && options.embeddedUrl !== null) {
          const credentials = await readCredentials();
          if (credentials !== null) {
            try {
              // Back into the organization the person was working in, not the first one they joined.
              await login(options.embeddedUrl, credentials.email, credentials.password, { orgId: active.organization.id });
              return true;
            } catch (error) {
              if (!(error instanceof RestError) || error.isNetwork) throw error;
              if (error.code === 'not_found') return login(options.embeddedUrl, credentials.email, credentials.password).then(() => true);
            }
          }
        }
        // A lapsed team session must not fall back to the embedded account at the next start.
        if (active !== null) await forget(active.mode === 'team');
        return false;
      }),
    switchOrganization: (orgId) =>
      serialized(async () => {
        const { serverUrl, bearer } = signedIn();
        return adopt(serverUrl, await clientFor(serverUrl, bearer).call('auth.switch-organization', { body: { orgId } }));
      }),
    reauthenticate: async (password) => {
      const { serverUrl, bearer } = signedIn();
      await clientFor(serverUrl, bearer).call('auth.reauthenticate', { body: { password } });
    },
    reauthenticateHeld: async () => {
      if (record?.mode !== 'embedded' || token === null) return false;
      const credentials = await readCredentials();
      // Someone else signed in to this machine's server types their own password.
      if (credentials === null || credentials.email !== record.user.email) return false;
      await clientFor(effectiveUrl(record), token).call('auth.reauthenticate', { body: { password: credentials.password } });
      return true;
    },
    current: () => (token === null ? null : record),
    serverUrl: () => (record === null || token === null ? null : effectiveUrl(record)),
    token: () => token,
    account: () => (token === null ? null : (record?.account ?? null)),
  };
}
