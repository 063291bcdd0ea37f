/** Words written in capitals wherever they stand in a label. */
const acronyms: Readonly<Record<string, string>> = { url: 'URL', id: 'ID', api: 'API', json: 'JSON', http: 'HTTP', mcp: 'MCP' };

/** Where a field sits in a request, which a person never needs to read. */
const requestParts = new Set(['body', 'query', 'params']);

function words(segment: string): string[] {
  return segment
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

/**
 * The name of a field as a person reads it: `body.displayName` is "Display name",
 * `body.primaryWorkgroupId` is "Primary workgroup", `examples.2.input` is "Input (item 3)".
 * Reference fields drop their `Id`: the person picked a thing by its name, never by its id.
 */
export function fieldLabel(field: string): string {
  const segments = field.split('.').filter((segment) => segment !== '' && !requestParts.has(segment));
  const names = segments.filter((segment) => !/^\d+$/.test(segment));
  const index = segments.find((segment) => /^\d+$/.test(segment));
  const last = names.at(-1);
  if (last === undefined) {
    if (index !== undefined) return `Item ${String(Number(index) + 1)}`;
    return field.split('.')[0] === 'body' ? 'The request body' : 'The request';
  }
  let parts = words(last);
  if (parts.length > 1 && parts.at(-1) === 'id') parts = parts.slice(0, -1);
  else if (parts.length > 1 && parts.at(-1) === 'ids') parts = [...parts.slice(0, -2), `${parts.at(-2) ?? ''}s`];
  const text = parts.map((word, i) => acronyms[word] ?? (i === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word)).join(' ');
  // A value inside a list names its place: "Shared workgroups (item 2)" says which one.
  return index === undefined ? text : `${text} (item ${String(Number(index) + 1)})`;
}

/** A field's problem as one sentence a person reads: "Name must be at most 100 characters". */
export function fieldSentence(field: string, message: string): string {
  if (message === 'unknown field') return `${fieldLabel(field)} is an unknown field`;
  return `${fieldLabel(field)} ${message}`;
}
