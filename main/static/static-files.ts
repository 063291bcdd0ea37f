import { realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { contentTypeOf } from './content-types';

export type StaticLookup =
  | { readonly status: 200; readonly path: string; readonly contentType: string }
  | { readonly status: 400 | 403 | 404 };

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Which file of `root` a URL path names, refusing anything that could reach outside it:
 * undecodable or NUL-carrying paths (400), `..` segments and backslashes (403, before any
 * normalization could hide them), hidden files (404), and files that resolve outside the root
 * through a symbolic link (403). A directory is never listed: its `index.html` or 404. A path
 * without an extension that names nothing is the single-page app's own route: `index.html`.
 */
export function resolveStaticPath(root: string, urlPath: string): StaticLookup {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0') || !decoded.startsWith('/')) return { status: 400 };
  const segments = decoded.split('/');
  if (decoded.includes('\\') || segments.some((segment) => segment === '..' || segment === '.')) return { status: 403 };
  if (segments.some((segment) => segment.startsWith('.'))) return { status: 404 };

  const base = resolve(root);
  let candidate = resolve(base, `.${decoded}`);
  if (!inside(base, candidate)) return { status: 403 };
  if (isDirectory(candidate)) candidate = join(candidate, 'index.html');
  else if (!isFile(candidate) && extname(candidate) === '') candidate = join(base, 'index.html');
  if (!isFile(candidate)) return { status: 404 };

  try {
    if (!inside(realpathSync(base), realpathSync(candidate))) return { status: 403 };
  } catch {
    return { status: 404 };
  }
  return { status: 200, path: candidate, contentType: contentTypeOf(candidate) };
}
