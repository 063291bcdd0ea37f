/** What main knows about the frame an IPC message came from. */
export interface SenderFacts {
  /** The URL of the frame that sent it; null when the frame is gone (navigated away or destroyed). */
  readonly frameUrl: string | null;
  /** Sent by the top-level frame, not by an iframe inside the page. */
  readonly isMainFrame: boolean;
  /** The webContents it came from. */
  readonly webContentsId: number;
}

export interface TrustedSenders {
  /** The app's own origin, `quorum://app`. */
  readonly origin: string;
  /** The webContents of the app's own windows. */
  readonly webContentsIds: ReadonlySet<number>;
}

/**
 * `scheme://host` of a URL; custom schemes have no `origin` in Node's URL, so it is built by hand.
 * A URL carrying credentials has none: the app's own pages never do.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.host === '' || parsed.username !== '' || parsed.password !== '') return null;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/**
 * Whether an IPC message may be handled: from one of the app's own windows, from its top-level
 * frame, whose document is the app's own origin. Anything else (an iframe, a page navigated
 * elsewhere, another window) is refused, so that only the app's own code can drive main.
 */
export function isTrustedSender(sender: SenderFacts, trusted: TrustedSenders): boolean {
  if (!sender.isMainFrame || sender.frameUrl === null) return false;
  if (!trusted.webContentsIds.has(sender.webContentsId)) return false;
  return originOf(sender.frameUrl) === trusted.origin;
}
