import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/** Nest token: the service's readiness checks (NATS, Postgres, …). */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

const CHECK_TIMEOUT_MS = 2_000;

/** `GET /healthz`: the process is up. `GET /readyz`: every dependency answers (else 503). */
@Controller()
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  @Get('healthz')
  healthz() {
    return { status: 'ok' };
  }

  @Get('readyz')
  async readyz() {
    const results = await Promise.all(this.checks.map(async (c) => [c.name, await outcome(c)] as const));
    const checks = Object.fromEntries(results);
    if (results.some(([, result]) => result !== 'ok')) {
      throw new HttpException({ status: 'unavailable', checks }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ok', checks };
  }
}

async function outcome(readiness: ReadinessCheck): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([readiness.check(), timeout]);
    return 'ok';
  } catch (error) {
    return `unavailable: ${(error as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
}
