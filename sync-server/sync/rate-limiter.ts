/** A token bucket: `burst` tokens at once, refilled at `perSecond`. */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = clock();
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /**
   * Spends `amount` tokens while any are left, going into debt for an amount larger than what is
   * left (one answer bigger than the whole burst still goes once); false, spending nothing, when
   * the bucket is empty or in debt.
   */
  spend(amount: number): boolean {
    this.refill();
    if (this.tokens <= 0) return false;
    this.tokens -= amount;
    return true;
  }

  private refill(): void {
    const now = this.clock();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }
}
