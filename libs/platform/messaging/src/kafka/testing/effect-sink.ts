/**
 * Stands in for a consumer's inbox: an effect happens once per message id however often the message is
 * delivered, and each patient's effects are kept in the order they happened.
 */
export class EffectSink {
  readonly effects = new Map<string, { patient: string; seq: number }>();
  readonly perPatient = new Map<string, number[]>();
  deliveries = 0;

  record(messageId: string, patient: string, seq: number): void {
    this.deliveries++;
    if (this.effects.has(messageId)) return;
    this.effects.set(messageId, { patient, seq });
    const list = this.perPatient.get(patient) ?? [];
    list.push(seq);
    this.perPatient.set(patient, list);
  }

  get duplicates(): number {
    return this.deliveries - this.effects.size;
  }
}
