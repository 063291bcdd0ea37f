import { originOf } from './sender-check';

/** The app's own scheme and origin: the renderer is served from `quorum://app/`. */
export const appScheme = 'quorum';
export const appOrigin = `${appScheme}://app`;
export const appEntryUrl = `${appOrigin}/index.html`;

/**
 * A page of the app may only move within the app: a link or a script sending the window anywhere
 * else (`will-navigate`) is stopped. Links out are not opened either: a URL chosen by page content
 * must not reach the OS's URL handlers.
 */
export function isAllowedNavigation(url: string): boolean {
  return originOf(url) === appOrigin;
}

/** Every request for a new window (window.open, target=_blank) is refused. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Every permission a page can ask for (camera, notifications, geolocation...) is refused. */
export function permissionDecision(): boolean {
  return false;
}
