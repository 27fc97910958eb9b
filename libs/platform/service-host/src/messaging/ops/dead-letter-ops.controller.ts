import { Controller, Get, HttpCode, HttpException, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { type DeadLetterQuery, type DeadLetterSummaryPage, type RedriveSummary, DeadLetterNotFoundError, DeadLetterNotRedrivableError, summarizeDeadLetter } from '@stepwell/messaging';
import { DeadLetterOpsGuard } from './dead-letter-ops.guard';
import { type DeadLetterOpsOptions, DEAD_LETTER_OPS_OPTIONS } from './dead-letter-ops.options';

/**
 * Operators list the service's dead letters and publish one again once its cause is fixed. Both answers carry
 * metadata only (`DeadLetterSummary`): no payload, no patient subject id, no raw value, no handler error text.
 */
@Controller('ops/dead-letters')
@UseGuards(DeadLetterOpsGuard)
export class DeadLetterOpsController {
  constructor(@Inject(DEAD_LETTER_OPS_OPTIONS) private readonly options: DeadLetterOpsOptions) {}

  @Get()
  async list(@Query() raw: Record<string, string | undefined>): Promise<DeadLetterSummaryPage> {
    const pageSize = positiveInt(raw['pageSize'], 'pageSize', 50);
    const query: DeadLetterQuery = { page: positiveInt(raw['page'], 'page', 1), pageSize, pendingOnly: raw['pending'] === 'true' };
    if (pageSize > 200) throw problem(400, 'Invalid query', 'pageSize must be at most 200', 'INVALID_QUERY');
    if (raw['topic']) query.topic = raw['topic'];
    if (raw['type']) query.type = raw['type'];
    const page = await this.options.store.list(query);
    return { ...page, items: page.items.map(summarizeDeadLetter) };
  }

  @Post(':id/redrive')
  @HttpCode(200)
  async redrive(@Param('id') id: string): Promise<RedriveSummary> {
    try {
      const result = await this.options.store.redrive(id, (topic, event) => this.options.publisher.publish(topic, [event]));
      return { ...result, record: summarizeDeadLetter(result.record) };
    } catch (error) {
      if (error instanceof DeadLetterNotFoundError) throw problem(404, 'Dead letter not found', error.message, error.code);
      if (error instanceof DeadLetterNotRedrivableError) {
        throw problem(409, 'Dead letter cannot be re-driven', error.message, error.code);
      }
      throw error;
    }
  }
}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^[1-9][0-9]{0,5}$/.test(value)) throw problem(400, 'Invalid query', `${name} must be a positive integer`, 'INVALID_QUERY');
  return Number(value);
}

/** An RFC 9457 problem; the service's problem-details filter keeps this shape. */
function problem(status: number, title: string, detail: string, code: string): HttpException {
  return new HttpException({ type: 'about:blank', title, status, detail, code }, status);
}
