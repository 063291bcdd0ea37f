import type { AnswerWriterClock } from './answer-writer';
import { monotonicNow, startTimer } from '../providers/web-runtime';

/** The runtime's monotonic clock and timers (Node's or the browser's), for the answer writer. */
export const runtimeClock: AnswerWriterClock = {
  now: monotonicNow,
  schedule: startTimer,
};
