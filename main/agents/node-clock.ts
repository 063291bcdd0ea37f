import type { AnswerWriterClock } from '../../shared/agents/answer-writer';

/** The process's monotonic clock and timers, for the shared answer writer. */
export const nodeClock: AnswerWriterClock = {
  now: () => performance.now(),
  schedule(run, ms) {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};
