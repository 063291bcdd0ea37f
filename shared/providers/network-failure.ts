/**
 * Node's fetch reports a failed connection as `TypeError: fetch failed` and a lost one as
 * `TypeError: terminated`; the system error with its code sits in the `cause` chain, sometimes
 * inside an AggregateError when several addresses were tried. This turns it into words.
 */
const reasons: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused (is the server running?)',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'the host name was not found',
  EAI_AGAIN: 'the host name could not be resolved',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'the connection timed out',
  EPIPE: 'the connection was closed',
  UND_ERR_SOCKET: 'the server closed the connection',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_CLOSED: 'the connection was closed',
};

function codeOf(error: unknown, depth = 0): string | null {
  if (typeof error !== 'object' || error === null || depth > 5) return null;
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof record.code === 'string') return record.code;
  if (Array.isArray(record.errors)) {
    for (const inner of record.errors) {
      const code = codeOf(inner, depth + 1);
      if (code !== null) return code;
    }
  }
  return codeOf(record.cause, depth + 1);
}

export function networkFailureReason(error: unknown): string {
  const code = codeOf(error);
  if (code === null) return error instanceof Error ? error.message : 'unknown network error';
  if (code.includes('CERT') || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')) return `the TLS certificate was not accepted (${code})`;
  return reasons[code] ?? code;
}
