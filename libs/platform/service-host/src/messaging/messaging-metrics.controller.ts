import { Controller, Get, Header, Inject } from '@nestjs/common';
import { Roles } from '@stepwell/access';
import { DeadLetterStore, relayMetrics } from '@stepwell/messaging';
import { OPS_ROLE } from './ops-role.guard';
import { ServiceRelay } from './service-relay';

/** `GET /metrics`: relay lag and pending dead letters as Prometheus text, for operators' scrapers. */
@Controller('metrics')
export class MessagingMetricsController {
  constructor(
    @Inject(ServiceRelay) private readonly relay: ServiceRelay,
    @Inject(DeadLetterStore) private readonly deadLetters: DeadLetterStore,
  ) {}

  @Get()
  @Roles(OPS_ROLE)
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    const status = await this.relay.status();
    const pending = await this.deadLetters.list({ pendingOnly: true, page: 1, pageSize: 1 });
    return [
      status ? relayMetrics(status).trimEnd() : null,
      '# HELP stepwell_dead_letters_pending Dead letters of this service not yet re-driven.',
      '# TYPE stepwell_dead_letters_pending gauge',
      `stepwell_dead_letters_pending ${pending.total}`,
      '',
    ]
      .filter((line): line is string => line !== null)
      .join('\n');
  }
}
