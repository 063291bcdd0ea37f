/**
 * Server-sent events as the HTML standard defines them, fed with decoded text as it arrives: a read
 * may end anywhere, including between the `\r` and `\n` of a line break. Comments (keep-alives)
 * are skipped; `data` lines of one event are joined with `\n`.
 */

export interface SseEvent {
  /** The `event` field, `message` when the server sent none. */
  readonly event: string;
  readonly data: string;
}

/** A line or event beyond the limit: no chat chunk is that large, so the stream is garbage. */
export class SseOverflowError extends Error {
  override readonly name = 'SseOverflowError';
}

export const defaultMaxEventLength = 4_000_000;

export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private dataLength = 0;
  private eventType = '';
  /** The last read ended with `\r`, so a `\n` opening the next read belongs to that line break. */
  private skipLeadingLf = false;

  constructor(private readonly maxEventLength = defaultMaxEventLength) {}

  push(text: string): SseEvent[] {
    if (text === '') return [];
    const events: SseEvent[] = [];
    const input = this.skipLeadingLf && text.startsWith('\n') ? text.slice(1) : text;
    this.skipLeadingLf = false;
    const buffer = this.buffer + input;
    const lineBreak = /\r\n|\r|\n/g;
    let start = 0;
    for (let match = lineBreak.exec(buffer); match !== null; match = lineBreak.exec(buffer)) {
      this.line(buffer.slice(start, match.index), events);
      start = match.index + match[0].length;
      if (match[0] === '\r' && start === buffer.length) this.skipLeadingLf = true;
    }
    this.buffer = buffer.slice(start);
    if (this.buffer.length > this.maxEventLength) throw new SseOverflowError(`a line of the stream exceeded ${this.maxEventLength} characters`);
    return events;
  }

  /**
   * The stream ended. The standard drops an event without its closing blank line; servers that
   * end on `data: [DONE]\n` are common enough that the pending event is delivered instead.
   */
  end(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.buffer !== '') this.line(this.buffer, events);
    this.buffer = '';
    this.line('', events);
    return events;
  }

  private line(line: string, events: SseEvent[]): void {
    if (line === '') {
      if (this.data.length > 0) events.push({ event: this.eventType || 'message', data: this.data.join('\n') });
      this.data = [];
      this.dataLength = 0;
      this.eventType = '';
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const raw = colon === -1 ? '' : line.slice(colon + 1);
    const value = raw.startsWith(' ') ? raw.slice(1) : raw;
    if (field === 'data') {
      this.dataLength += value.length + 1;
      if (this.dataLength > this.maxEventLength) throw new SseOverflowError(`an event of the stream exceeded ${this.maxEventLength} characters`);
      this.data.push(value);
    } else if (field === 'event') {
      this.eventType = value;
    }
  }
}
