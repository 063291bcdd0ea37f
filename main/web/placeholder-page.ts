import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
}

/**
 * The page served while the renderer has not been built into an app yet: it says Quorum is
 * starting and where it runs. Plain HTML, no script and no inline style, so the strict CSP holds.
 */
export function placeholderPage(addresses: readonly { label: string; url: string }[]): string {
  const items = addresses.map(({ label, url }) => `      <li>${escapeHtml(label)}: <code>${escapeHtml(url)}</code></li>`).join('\n');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Quorum is starting</title>
  </head>
  <body>
    <h1>Quorum is starting</h1>
    <p>The app's interface is not built yet. Quorum is running at:</p>
    <ul>
${items}
    </ul>
  </body>
</html>
`;
}

/** Writes the placeholder as `index.html` of `dir` and answers the directory to serve. */
export function writePlaceholder(dir: string, addresses: readonly { label: string; url: string }[]): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), placeholderPage(addresses));
  return dir;
}
