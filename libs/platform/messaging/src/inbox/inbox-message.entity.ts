import { Column, Entity, PrimaryColumn } from 'typeorm';
import { INBOX_TABLE } from './messaging-tables.sql';

/** A message a consumer has handled: its effect committed in the same transaction as this row. */
@Entity({ name: INBOX_TABLE })
export class InboxMessageEntity {
  @PrimaryColumn({ type: 'text' })
  consumer!: string;

  @PrimaryColumn({ type: 'text', name: 'message_id' })
  messageId!: string;

  @Column({ type: 'timestamptz', name: 'processed_at', default: () => 'now()' })
  processedAt!: Date;
}
