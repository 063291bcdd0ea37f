/**
 * The browser's and Node's global base64 functions (Node 16+). Declared here because shared/ is
 * type-checked without the Node and DOM typings.
 */
declare function btoa(data: string): string;
declare function atob(data: string): string;

/**
 * Yjs updates cross the app API as base64. One helper for main and renderer: the browser has no
 * Buffer, so the bytes go through a binary string, in chunks that stay under the argument limit.
 */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
