/**
 * The Content-Security-Policy of the renderer in both shells: everything from the app's own
 * origin, nothing inline (no inline scripts or styles, no eval), no plugins, no framing, no form
 * posts, no <base> tricks. `connect` adds what the page may open besides its own origin (the web
 * shell's API socket: some browsers do not count ws: as 'self').
 */
export function contentSecurityPolicy(connect: readonly string[] = []): string {
  const directives: readonly (readonly [string, ...string[]])[] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...connect],
    ['worker-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((directive) => directive.join(' ')).join('; ');
}

/** Headers sent with every file of the renderer, in both shells. */
export function securityHeaders(connect: readonly string[] = []): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(connect),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}
