import { originOf } from './sender-check';

/** The app's own scheme and origin: the renderer is served from `quorum://app/`. */
export const appScheme = 'quorum';
export const appOrigin = `${appScheme}://app`;
export const appEntryUrl = `${appOrigin}/index.html`;

/**
 * A page of the app may only move within the app: a link or a script sending the window anywhere
 * else (`will-navigate`) is stopped.
 */
export function isAllowedNavigation(url: string): boolean {
  return originOf(url) === appOrigin;
}

/**
 * Every request for a new window (window.open, a link with target=_blank) is refused; a plain web
 * link among them goes to the system browser instead. Nothing else a page names (file:, custom
 * schemes, credentials in the URL) reaches the OS's URL handlers.
 */
export function windowOpenDecision(url: string): { action: 'deny'; external: string | null } {
  return { action: 'deny', external: externalLink(url) };
}

function externalLink(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

/** Every permission a page can ask for (camera, notifications, geolocation...) is refused. */
export function permissionDecision(): boolean {
  return false;
}
