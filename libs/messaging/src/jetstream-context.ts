import { BaseRpcContext } from '@nestjs/microservices';
import type { JsMsg } from '@nats-io/jetstream';

/** What a handler may know about the message it handles (`@Ctx()`). */
export class JetStreamContext extends BaseRpcContext<[JsMsg]> {
  get message(): JsMsg {
    return this.args[0];
  }
  get subject(): string {
    return this.message.subject;
  }
  get streamSequence(): number {
    return this.message.info.streamSequence;
  }
  get deliveryCount(): number {
    return this.message.info.deliveryCount;
  }
  get stream(): string {
    return this.message.info.stream;
  }
}
