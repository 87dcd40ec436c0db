/** A clock for the notifier (`startHerald({ notifierClock })`) that the test moves forward instead of waiting. */
export class TestClock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
