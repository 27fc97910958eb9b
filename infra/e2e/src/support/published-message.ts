/** A message as found on the referrals topic (Kafka or the PostgreSQL bus), reduced to what the test checks. */
export interface PublishedMessage {
  partition: number;
  /** Offset within the partition. */
  offset: bigint;
  key: string | null;
  headers: Record<string, string>;
  /** The envelope (JSON) as published. */
  envelope: {
    messageId: string;
    type: string;
    version: number;
    patientSubjectId: string | null;
    data: { referralId?: string };
  };
}

export const REFERRALS_TOPIC = 'stepwell.referrals.events';
