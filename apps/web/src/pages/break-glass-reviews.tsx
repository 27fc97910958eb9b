import { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorSummary } from '../components/error-summary';
import { ChoiceField, type FieldErrors, TextArea } from '../components/fields';
import { Information } from '../components/information';
import { api, ApiProblem } from '../lib/api';
import {
  BREAK_GLASS_DECISIONS,
  BREAK_GLASS_REVIEW_OVERDUE_DAYS,
  type BreakGlassDecision,
  type BreakGlassGrant,
  mergeQueues,
  type MergedQueues,
  type QueueAnswer,
  type QueuedGrant,
  QUEUE_SERVICES,
  queuePath,
  REVIEW_FORM_FIELDS,
  reviewBody,
  reviewFormErrors,
  reviewPath,
  type QueuePage,
} from '../lib/break-glass-reviews';
import { type ErrorSummaryModel, errorSummaryOf, fieldErrorsOf, fieldId } from '../lib/problems';
import type { SessionUser } from '../lib/session';
import { label } from '../lib/vocabulary';

/** Only an organisation's own `auditor` (its privacy officer) records a decision; a national auditor sees every queue. */
export const canReviewBreakGlass = (who: SessionUser): boolean => who.roles.includes('auditor');

const DECISION_TEXT: Record<BreakGlassDecision, string> = {
  appropriate: 'Appropriate: a genuine emergency, access justified',
  inappropriate: 'Inappropriate: no emergency justified the access',
  'needs-follow-up': 'Needs follow-up: ask the clinician or their manager before deciding',
};

/**
 * The privacy officer's break-glass reviews: every service's unreviewed grants (`GET /audit/break-glass?reviewed=false`,
 * each service asked; one that does not answer is named), oldest first with the overdue ones marked, and the review
 * form (`POST /audit/break-glass/{id}/review` to the service that holds the grant).
 */
export function BreakGlassReviewsPage({ who }: { who: SessionUser }) {
  const [queues, setQueues] = useState<MergedQueues | null>(null);
  const [reviewing, setReviewing] = useState<QueuedGrant | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(() => {
    void Promise.all(
      QUEUE_SERVICES.map((service) =>
        api<QueuePage>(queuePath(service))
          .then((answer): QueueAnswer => ({ service, page: answer.body }))
          .catch((error: unknown): QueueAnswer => {
            if (!(error instanceof ApiProblem)) throw error;
            return { service, problem: errorSummaryOf(error.problem).items.map((item) => item.text).join(' ') };
          }),
      ),
    ).then((answers) => setQueues(mergeQueues(answers, new Date())));
  }, []);
  useEffect(load, [load]);

  const mayReview = canReviewBreakGlass(who);
  return (
    <>
      {done ? <Information>{done}</Information> : null}
      <h1>Break-glass reviews</h1>
      <p className="nhsuk-hint">
        Emergency access (break glass) by staff of {mayReview ? who.org : 'every organisation'} that nobody has reviewed yet, from every service, oldest first.
        {mayReview ? ' Decide whether each use was appropriate.' : ' Only the organisation’s own privacy officer records a decision.'}
      </p>
      {!queues ? (
        <p>Loading…</p>
      ) : (
        <>
          {queues.overdue > 0 ? (
            <div className="nhsuk-warning-callout" data-testid="break-glass-overdue">
              <h2 className="nhsuk-warning-callout__label">
                <span role="text">
                  <span className="nhsuk-u-visually-hidden">Important: </span>
                  {queues.overdue === 1 ? '1 grant' : `${queues.overdue} grants`} waiting more than {BREAK_GLASS_REVIEW_OVERDUE_DAYS} days
                </span>
              </h2>
              <p>Emergency access should be reviewed within {BREAK_GLASS_REVIEW_OVERDUE_DAYS} days (local policy). The overdue grants are listed first.</p>
            </div>
          ) : null}
          <ServicesAnswered queues={queues} />
          {queues.grants.length === 0 ? (
            <p data-testid="break-glass-none">No emergency access waiting for review.</p>
          ) : (
            <table className="nhsuk-table" data-testid="break-glass-grants">
              <caption className="nhsuk-table__caption">Emergency access waiting for review</caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th scope="col" className="nhsuk-table__header">When</th>
                  <th scope="col" className="nhsuk-table__header">Who</th>
                  <th scope="col" className="nhsuk-table__header">Patient</th>
                  <th scope="col" className="nhsuk-table__header">Reason given</th>
                  <th scope="col" className="nhsuk-table__header">Service</th>
                  <th scope="col" className="nhsuk-table__header">Review</th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {queues.grants.map((grant, i) => (
                  <tr className="nhsuk-table__row" key={`${grant.service}-${grant.id}`} data-testid="break-glass-grant">
                    <td className="nhsuk-table__cell">
                      {new Date(grant.at).toLocaleString('en-GB')}
                      {grant.expiresAt ? <span className="nhsuk-u-font-size-16"> (window to {new Date(grant.expiresAt).toLocaleString('en-GB')})</span> : null}
                      {grant.overdue ? (
                        <>
                          {' '}
                          <strong className="nhsuk-tag nhsuk-tag--red">Overdue: {grant.ageDays} days</strong>
                        </>
                      ) : null}
                    </td>
                    <td className="nhsuk-table__cell">
                      {grant.userId} ({label(grant.role)}, {grant.organisationId})
                    </td>
                    <td className="nhsuk-table__cell">
                      <code>{grant.patientSubjectId}</code>
                    </td>
                    <td className="nhsuk-table__cell">{grant.reason}</td>
                    <td className="nhsuk-table__cell">{grant.service}</td>
                    <td className="nhsuk-table__cell">
                      {grant.review ? (
                        `${label(grant.review.decision)} (${new Date(grant.review.at).toLocaleString('en-GB')})`
                      ) : mayReview && grant.organisationId === who.org ? (
                        <button
                          className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                          type="button"
                          onClick={() => {
                            setDone(null);
                            setReviewing(grant);
                          }}
                        >
                          Review grant {i + 1}
                        </button>
                      ) : (
                        'Not reviewed'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {reviewing && queues ? (
        <ReviewForm
          key={`${reviewing.service}-${reviewing.id}`}
          grant={reviewing}
          number={queues.grants.indexOf(reviewing) + 1}
          onDone={(reviewed, message) => {
            // The service's answer is the grant's new state: the row takes it rather than a reload.
            setQueues((current) =>
              current
                ? { ...current, grants: current.grants.map((g) => (g === reviewing ? { ...g, review: reviewed.review, overdue: false } : g)), overdue: current.grants.filter((g) => g.overdue && g !== reviewing).length }
                : current,
            );
            setReviewing(null);
            setDone(message);
          }}
        />
      ) : null}
    </>
  );
}

function ServicesAnswered({ queues }: { queues: MergedQueues }) {
  return (
    <table className="nhsuk-table" data-testid="break-glass-services">
      <caption className="nhsuk-table__caption">What each service answered</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">Service</th>
          <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Unreviewed</th>
          <th scope="col" className="nhsuk-table__header">Answer</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {queues.services.map((s) => (
          <tr className="nhsuk-table__row" key={s.service}>
            <th scope="row" className="nhsuk-table__header">
              {s.service}
            </th>
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{s.total ?? ''}</td>
            <td className="nhsuk-table__cell">{s.problem ? `No answer: ${s.problem}` : s.total !== null && s.total > s.shown ? `Answered: the oldest ${s.shown} shown` : 'Answered'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReviewForm({ grant, number, onDone }: { grant: QueuedGrant; number: number; onDone: (reviewed: BreakGlassGrant, message: string) => void }) {
  const [decision, setDecision] = useState<string>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<ErrorSummaryModel | null>(null);
  // The form appears below the table: focus moves to its heading so a keyboard or screen-reader user is taken there.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const own = reviewFormErrors(decision, note);
    if (Object.keys(own).length > 0) {
      setErrors(own);
      setSummary({ title: 'There is a problem', items: Object.entries(own).map(([field, text]) => ({ text: text ?? '', href: `#${fieldId(field)}` })) });
      return;
    }
    try {
      const answer = await api<BreakGlassGrant>(reviewPath(grant.service, grant.id), { method: 'POST', body: reviewBody(decision as BreakGlassDecision, note) });
      onDone(answer.body, `Grant ${number} reviewed: ${label(decision)}. The decision is recorded in the ${grant.service} service’s access trail.`);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setErrors(fieldErrorsOf(error.problem));
      setSummary(errorSummaryOf(error.problem, REVIEW_FORM_FIELDS));
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="review-heading" data-testid="break-glass-review-form">
      <ErrorSummary summary={summary} />
      <h2 id="review-heading" tabIndex={-1} ref={heading}>
        Review grant {number}
      </h2>
      <p>
        {grant.userId} ({grant.organisationId}) opened the record of <code>{grant.patientSubjectId}</code> on {new Date(grant.at).toLocaleString('en-GB')}, giving the reason: “{grant.reason}”.
      </p>
      <ChoiceField
        kind="radios"
        field="decision"
        label="Was this emergency access appropriate?"
        options={BREAK_GLASS_DECISIONS.map((d) => ({ value: d, text: DECISION_TEXT[d] }))}
        selected={decision ? [decision] : []}
        onChange={(selected) => setDecision(selected[0] ?? '')}
        errors={errors}
      />
      <TextArea
        field="note"
        label="Note"
        hint="Required unless the access was appropriate. Kept in the service’s access trail for this person, never published; do not copy clinical details into it."
        value={note}
        onChange={setNote}
        errors={errors}
      />
      <button className="nhsuk-button" type="submit">
        Save review
      </button>
    </form>
  );
}
