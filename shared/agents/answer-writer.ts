/** Document updates an answer gets while it streams: one per this many milliseconds at most. */
export const answerWriteIntervalMs = 75;

/** The clock and timer of the runtime (Node or the browser), given in because shared/ uses neither directly. */
export interface AnswerWriterClock {
  now(): number;
  /** Runs `run` after `ms`; the answer cancels it. */
  schedule(run: () => void, ms: number): () => void;
}

export interface AnswerWriter {
  /** Adds streamed text; it reaches the document with the next write. */
  append(text: string): void;
  /** Writes what is held now (before a tool call's record or the final status). */
  flush(): void;
  /** Writes what is held and stops the timer; later appends are written at once. */
  close(): void;
  /** Document writes so far. */
  readonly writes: number;
}

/**
 * Coalesces an answer's streamed tokens into few document updates: the first text is written at
 * once (so the first token shows without delay), later text at most once per interval. Each write
 * is one document update, one local fsync, one frame and one server guard pass, where writing per
 * token cost all four per token. A write that throws (the document refused it) propagates from
 * `flush`/`close`, and from the timer to `onError`.
 */
export function createAnswerWriter(options: {
  readonly write: (text: string) => void;
  readonly clock: AnswerWriterClock;
  readonly intervalMs?: number;
  readonly onError: (error: unknown) => void;
}): AnswerWriter {
  const intervalMs = options.intervalMs ?? answerWriteIntervalMs;
  let held = '';
  let lastWrite = -Infinity;
  let cancel: (() => void) | null = null;
  let closed = false;
  let writes = 0;

  const cancelTimer = () => {
    cancel?.();
    cancel = null;
  };
  const writeHeld = () => {
    cancelTimer();
    if (held === '') return;
    const text = held;
    held = '';
    lastWrite = options.clock.now();
    writes += 1;
    options.write(text);
  };

  return {
    append(text) {
      if (text === '') return;
      held += text;
      if (cancel !== null) return;
      const wait = lastWrite + intervalMs - options.clock.now();
      if (closed || wait <= 0) {
        writeHeld();
        return;
      }
      cancel = options.clock.schedule(() => {
        cancel = null;
        try {
          writeHeld();
        } catch (error) {
          options.onError(error);
        }
      }, wait);
    },
    flush: writeHeld,
    close() {
      closed = true;
      writeHeld();
    },
    get writes() {
      return writes;
    },
  };
}
