import { findQuestionnaire } from '../questionnaires/questionnaire-catalogue';
import type { QuestionnaireDefinition } from '../questionnaires/questionnaire-definition';
import { OutcomesDomainError } from '../outcomes-domain.error';
import type { CasenessVerdict, InvalidResponseReason, ItemAnswer, RiskSignal, ScoredResponse } from './scored-response';

function refuse(reason: InvalidResponseReason, message: string, details: Record<string, unknown>): never {
  throw new OutcomesDomainError('INVALID_RESPONSE', message, { reason, ...details });
}

/**
 * Scores a complete response to a questionnaire: total, severity band, caseness and risk signals.
 * Refuses (`INVALID_RESPONSE`, with a `reason`) a response with the wrong number of answers, an answer to an
 * item the questionnaire does not have, an item answered twice, or an answer that is not one of the item's options.
 * Partial responses are refused rather than prorated: a prorated total would not be comparable with the cut-offs.
 */
export function scoreResponse(definition: QuestionnaireDefinition, answers: readonly ItemAnswer[]): ScoredResponse {
  const label = `${definition.code} v${definition.version}`;
  if (answers.length !== definition.items.length) {
    refuse('wrong-item-count', `${label} has ${definition.items.length} items; ${answers.length} answers were given`, {
      expected: definition.items.length,
      received: answers.length,
    });
  }
  const byLinkId = new Map<string, number>();
  for (const answer of answers) {
    const item = definition.items.find((candidate) => candidate.linkId === answer.linkId);
    if (!item) refuse('unknown-item', `${label} has no item ${answer.linkId}`, { linkId: answer.linkId });
    if (byLinkId.has(answer.linkId)) {
      refuse('duplicate-item', `${label} item ${answer.linkId} was answered twice`, { linkId: answer.linkId });
    }
    if (!item.answerOptions.some((option) => option.value === answer.value)) {
      const values = item.answerOptions.map((option) => option.value);
      refuse(
        'answer-out-of-range',
        `${label} item ${answer.linkId} accepts ${Math.min(...values)}–${Math.max(...values)}; got ${String(answer.value)}`,
        { linkId: answer.linkId, value: answer.value, allowed: values },
      );
    }
    byLinkId.set(answer.linkId, answer.value);
  }

  const ordered: ItemAnswer[] = definition.items.map((item) => ({
    linkId: item.linkId,
    value: byLinkId.get(item.linkId) as number,
  }));
  const notApplicableItems = definition.items
    .filter((item) => item.answerOptions.some((option) => option.notApplicable && option.value === byLinkId.get(item.linkId)))
    .map((item) => item.linkId);
  const scored = ordered.filter((answer) => !notApplicableItems.includes(answer.linkId));
  const total = definition.scoring.kind === 'sum' ? scored.reduce((sum, answer) => sum + answer.value, 0) : null;
  const conversion = definition.scoring.kind === 'sum' ? definition.scoring.conversion : undefined;
  const convertedRow = conversion && total !== null ? conversion.table.find((row) => row.raw === total) : undefined;
  if (conversion && total !== null && !convertedRow) {
    // A complete response always totals within the table; anything else is a defect in the definition.
    throw new OutcomesDomainError('INVALID_RULE_SET', `${label} has no ${conversion.label} score for raw total ${total}`, { total });
  }
  const convertedScore = conversion && convertedRow ? { label: conversion.label, value: convertedRow.converted } : null;
  const band =
    total === null ? null : (definition.severityBands.find((b) => total >= b.min && total <= b.max) ?? null);

  let caseness: CasenessVerdict | null = null;
  if (definition.caseness) {
    const rule = definition.caseness;
    const atCaseness =
      rule.kind === 'total-at-least'
        ? total !== null && total >= rule.value
        : scored.some((answer) => answer.value >= rule.value);
    caseness = { atCaseness, rule };
  }

  const riskSignals: RiskSignal[] = [];
  for (const riskItem of definition.riskItems) {
    const answer = byLinkId.get(riskItem.linkId);
    if (answer !== undefined && answer > riskItem.above) {
      riskSignals.push({ kind: riskItem.signal, linkId: riskItem.linkId, answer });
    }
  }

  return {
    code: definition.code,
    version: definition.version,
    answers: ordered,
    total,
    convertedScore,
    notApplicableItems,
    band,
    caseness,
    riskSignals,
  };
}

/**
 * Looks the questionnaire up by code and version, then scores the response. Refuses an unknown
 * code or version (`UNKNOWN_QUESTIONNAIRE`) and a measure not yet supported (`QUESTIONNAIRE_NOT_SUPPORTED`).
 */
export function scoreResponseTo(code: string, version: string, answers: readonly ItemAnswer[]): ScoredResponse {
  return scoreResponse(findQuestionnaire(code, version), answers);
}
