/** One answer of a questionnaire response, as the outcomes service takes it. */
export interface Answer {
  linkId: string;
  value: number;
}

/**
 * Answers (each 0–3) that total `total`, filling items in order, with the `pinned` items' values set first
 * (e.g. `{ 9: 2 }` for a PHQ-9 item 9 above 0, `{ 9: 0 }` to keep risk out of it).
 */
export function answersTotalling(prefix: 'phq9' | 'gad7', items: number, total: number, pinned: Record<number, number> = {}): Answer[] {
  let remaining = total - Object.values(pinned).reduce((a, b) => a + b, 0);
  const answers = Array.from({ length: items }, (_, i) => {
    const n = i + 1;
    if (n in pinned) return { linkId: `${prefix}-${n}`, value: pinned[n] ?? 0 };
    const value = Math.min(3, Math.max(0, remaining));
    remaining -= value;
    return { linkId: `${prefix}-${n}`, value };
  });
  if (remaining !== 0) throw new Error(`${items} answers of 0–3 with ${JSON.stringify(pinned)} pinned cannot total ${total}`);
  return answers;
}
