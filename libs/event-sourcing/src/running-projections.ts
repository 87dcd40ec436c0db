/**
 * A service's projection runners as one Nest provider (`{ provide: RunningProjections, useValue }`):
 * started once the application is up, stopped before it closes.
 */
export class RunningProjections {
  constructor(private readonly runners: readonly { start(): void; stop(): Promise<void> }[]) {}

  onApplicationBootstrap(): void {
    for (const runner of this.runners) runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }
}
