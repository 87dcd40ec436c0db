import { createHash, randomInt } from 'node:crypto';
import { deriveId, metadataFor, signinCodeIssuedSchema, SUBJECTS, type SigninCodeIssued } from '@herald/contracts';
import { ConcurrencyError, type EventStore } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import { botTranslator, type BotMessageKey } from '@herald/i18n';

const ATTEMPTS_ALLOWED = 5;
const ATTEMPT_WINDOW_MS = 10 * 60_000;

type Account = SigninCodeIssued['data']['account'];
/** A refusal names its message (said to the person in their language) and, for logs, its English text. */
export type Redeemed = { ok: true; account: Account; codeToken: string } | { ok: false; message: BotMessageKey; reason: string };

const refused = (message: BotMessageKey): Redeemed => ({ ok: false, message, reason: botTranslator('en')(message) });

/**
 * The OAuth fallback's 6-digit codes, in JetStream so that any replica redeems what another
 * issued: bound to the Teams user who started the sign-in, valid 5 minutes, redeemed once (a
 * create-if-absent `.used` marker), and five codes tried per person per ten minutes at most.
 * Codes last `lifetimeMs` (AUTH_SIGNIN_CODE_SECONDS, 5 minutes by default).
 */
export class SigninCodes {
  constructor(
    private readonly bus: MessageBus,
    private readonly events: EventStore,
    private readonly lifetimeMs: number,
  ) {}

  async issue(starter: { teamsUserId: string; conversationId: string }, account: Account, now: Date): Promise<string> {
    for (;;) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const issued: SigninCodeIssued = {
        type: 'SigninCodeIssued',
        data: { ...starter, account, expiresAt: new Date(now.getTime() + this.lifetimeMs).toISOString() },
        metadata: metadataFor({ id: deriveId('SigninCodeIssued', starter.teamsUserId, code, now.toISOString()), occurredAt: now }),
      };
      try {
        await this.events.append(SUBJECTS.signinCodeIssued(tokenOf(starter.teamsUserId, code)), [issued], { expectedLastSequence: 0 });
        return code;
      } catch (error) {
        // The person holds that code already (unused, within the hour the stream keeps it): draw another.
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
  }

  async redeem(teamsUserId: string, code: string, now: Date): Promise<Redeemed> {
    // Every try takes one of the person's few attempt slots first, so tries made at once cannot outrun the limit.
    if (!(await this.takeAttempt(teamsUserId, now))) return refused('signin.code.tooMany');
    const token = tokenOf(teamsUserId, code);
    const { events } = await this.events.read(SUBJECTS.signinCodeIssued(token), (raw) => signinCodeIssuedSchema.parse(raw));
    const issued = events[0]?.event;
    if (!issued) return refused('signin.code.unknown');
    if (Date.parse(issued.data.expiresAt) <= now.getTime()) return refused('signin.code.expired');
    if (!(await this.bus.claim(SUBJECTS.signinCodeUsed(token)))) return refused('signin.code.used');
    return { ok: true, account: issued.data.account, codeToken: token };
  }

  /** Takes the first free attempt slot of the person's ten-minute window (create-if-absent); none left: too many. */
  private async takeAttempt(teamsUserId: string, now: Date): Promise<boolean> {
    for (let n = 1; n <= ATTEMPTS_ALLOWED; n += 1) {
      if (await this.bus.claim(this.attemptSubject(teamsUserId, now, n))) return true;
    }
    return false;
  }

  private attemptSubject(teamsUserId: string, now: Date, n: number): string {
    return SUBJECTS.signinCodeAttempt(hash(teamsUserId), Math.floor(now.getTime() / ATTEMPT_WINDOW_MS), n);
  }
}

const hash = (value: string): string => createHash('sha256').update(value).digest('hex');
const tokenOf = (teamsUserId: string, code: string): string => hash(`${teamsUserId}\u0000${code}`);
