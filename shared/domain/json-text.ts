/** Whether a string parses as JSON: tool-call arguments are kept as text, and must be JSON text. */
export function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
