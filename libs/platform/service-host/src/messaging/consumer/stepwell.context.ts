import { BaseRpcContext } from '@nestjs/microservices';
import type { DeliveredMessage } from '@stepwell/messaging';

/** What `@Ctx()` gives a Stepwell event handler: where the message came from. */
export class StepwellContext extends BaseRpcContext<[DeliveredMessage]> {
  getMessage(): DeliveredMessage {
    return this.args[0];
  }

  getTopic(): string {
    return this.args[0].topic;
  }

  getPartition(): number {
    return this.args[0].partition;
  }

  getOffset(): string {
    return this.args[0].offset;
  }
}
