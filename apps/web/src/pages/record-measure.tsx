import { useEffect, useState } from 'react';
import { ErrorSummary } from '../components/error-summary';
import { ChoiceField, type FieldErrors } from '../components/fields';
import { Link } from '../components/link';
import { api, ApiProblem } from '../lib/api';
import { type ErrorSummaryModel, errorSummaryOf, fieldErrorsOf, fieldId } from '../lib/problems';

/** The two measures this slice records (outcomes' catalogue has more; their screens are not built). */
export const RECORDED_MEASURES = ['PHQ-9', 'GAD-7'] as const;

interface QuestionnaireItem {
  linkId: string;
  text: string;
  answerOptions: Array<{ value: number; label: string }>;
}
interface Questionnaire {
  code: string;
  title: string;
  version: string;
  instruction: string;
  items: QuestionnaireItem[];
}
export interface RecordedResponse {
  id: string;
  questionnaireCode: string;
  total: number | null;
  severityBand: { code: string; label: string } | null;
  atCaseness: boolean | null;
  complete: boolean;
  missingItems: string[];
  riskAlert: { id: string; urgency: string; organisationId: string; namedClinician: { id: string; source: string } | null } | null;
}

/** The error summary links `answers.<n>` (the API's field for an answer) to the item's first radio. */
const itemField = (linkId: string) => `answer.${linkId}`;

/**
 * A PHQ-9 or GAD-7 recorded for one episode (outcomes `POST /patients/{id}/responses`): the items and options come
 * from the service's catalogue (`GET /questionnaires/{code}`), the score, band and caseness from its answer. An
 * item 9 above 0 raises a risk alert in the same write: the answer names it, and this page says so.
 */
export function RecordMeasurePage({ patientId, episodeId }: { patientId: string; episodeId: string }) {
  const [code, setCode] = useState<string>(new URLSearchParams(window.location.search).get('code') === 'GAD-7' ? 'GAD-7' : 'PHQ-9');
  const [questionnaire, setQuestionnaire] = useState<Questionnaire | null>(null);
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const [completedBy, setCompletedBy] = useState<string[]>(['patient']);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<ErrorSummaryModel | null>(null);
  const [recorded, setRecorded] = useState<RecordedResponse | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    setQuestionnaire(null);
    setAnswers({});
    api<Questionnaire>(`/api/outcomes/questionnaires/${encodeURIComponent(code)}`)
      .then((answer) => setQuestionnaire(answer.body))
      .catch((error: unknown) => {
        if (error instanceof ApiProblem) setSummary(errorSummaryOf(error.problem));
        else throw error;
      });
  }, [code]);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!questionnaire) return;
    const missing = questionnaire.items.filter((item) => !answers[item.linkId]?.length);
    if (missing.length > 0) {
      const fieldErrors: FieldErrors = {};
      for (const item of missing) fieldErrors[itemField(item.linkId)] = `Answer question ${questionnaire.items.indexOf(item) + 1}`;
      setErrors(fieldErrors);
      setSummary({ title: 'There is a problem', items: missing.map((item) => ({ text: fieldErrors[itemField(item.linkId)] as string, href: `#${fieldId(itemField(item.linkId))}` })) });
      return;
    }
    const body = {
      questionnaireCode: questionnaire.code,
      questionnaireVersion: questionnaire.version,
      episodeId,
      completedBy: completedBy[0],
      answers: questionnaire.items.map((item) => ({ linkId: item.linkId, value: Number(answers[item.linkId]?.[0]) })),
    };
    setSending(true);
    try {
      const answer = await api<RecordedResponse>(`/api/outcomes/patients/${encodeURIComponent(patientId)}/responses`, { method: 'POST', body });
      setRecorded(answer.body);
      setSummary(null);
      setErrors({});
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setErrors(fieldErrorsOf(error.problem));
      setSummary(errorSummaryOf(error.problem, ['completedBy']));
    } finally {
      setSending(false);
    }
  }

  if (recorded) return <RecordedResult patientId={patientId} response={recorded} />;
  return (
    <>
      <ErrorSummary summary={summary} />
      <h1>Record a questionnaire</h1>
      <p>
        <Link to={`/patients/${encodeURIComponent(patientId)}/journey`}>Back to the patient&apos;s journey</Link>
      </p>
      <nav aria-label="Questionnaire">
        <ul className="nhsuk-list">
          {RECORDED_MEASURES.map((measure) => (
            <li key={measure}>
              {measure === code ? (
                <strong aria-current="page">{measure}</strong>
              ) : (
                <a
                  href={`?code=${measure}`}
                  onClick={(event) => {
                    event.preventDefault();
                    window.history.replaceState(null, '', `?code=${measure}`);
                    setCode(measure);
                  }}
                >
                  Record a {measure} instead
                </a>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {!questionnaire ? (
        <p>Loading…</p>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <h2>{questionnaire.title}</h2>
          <p>{questionnaire.instruction}</p>
          {questionnaire.items.map((item, i) => (
            <ChoiceField
              key={item.linkId}
              kind="radios"
              field={itemField(item.linkId)}
              label={`${i + 1}. ${item.text}`}
              errors={errors}
              options={item.answerOptions.map((o) => ({ value: String(o.value), text: `${o.label} (${o.value})` }))}
              selected={answers[item.linkId] ?? []}
              onChange={(value) => {
                setAnswers((a) => ({ ...a, [item.linkId]: value }));
                setErrors((e) => ({ ...e, [itemField(item.linkId)]: undefined }));
              }}
            />
          ))}
          <ChoiceField
            kind="radios"
            inline
            field="completedBy"
            label="Completed by"
            errors={errors}
            options={[
              { value: 'patient', text: 'The patient' },
              { value: 'clinician', text: 'The clinician, with the patient' },
            ]}
            selected={completedBy}
            onChange={setCompletedBy}
          />
          <button className="nhsuk-button" type="submit" disabled={sending}>
            Record {questionnaire.code}
          </button>
        </form>
      )}
    </>
  );
}

export function RecordedResult({ patientId, response }: { patientId: string; response: RecordedResponse }) {
  const patient = encodeURIComponent(patientId);
  return (
    <>
      {response.riskAlert ? (
        <div className="nhsuk-warning-callout" data-testid="risk-alert-raised">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>A risk alert was raised
            </span>
          </h2>
          <p>
            An answer above 0 to the question about thoughts of being better off dead or of self-harm raised an {response.riskAlert.urgency} risk alert in the duty
            queue of {response.riskAlert.organisationId}
            {response.riskAlert.namedClinician ? `, addressed to ${response.riskAlert.namedClinician.id}` : ''}. Assess the risk and acknowledge the alert with the action
            taken.
          </p>
          <p>
            <Link to={`/risk-alerts?patient=${patient}`}>See and acknowledge the risk alert</Link>
          </p>
        </div>
      ) : null}
      <h1>{response.questionnaireCode} recorded</h1>
      <dl className="nhsuk-summary-list" data-testid="recorded-score">
        {(
          [
            ['Total score', response.total === null ? `Not scored: ${response.missingItems.length} item(s) unanswered` : String(response.total)],
            ['Severity', response.severityBand?.label ?? 'None'],
            ['Caseness', response.atCaseness === null ? 'Not known' : response.atCaseness ? 'At caseness' : 'Below caseness'],
            ['Risk alert', response.riskAlert ? `Raised (${response.riskAlert.urgency})` : 'None'],
          ] as const
        ).map(([key, value]) => (
          <div className="nhsuk-summary-list__row" key={key}>
            <dt className="nhsuk-summary-list__key">{key}</dt>
            <dd className="nhsuk-summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
      <p>
        <Link to={`/patients/${patient}/measures/${encodeURIComponent(response.questionnaireCode)}`}>See the {response.questionnaireCode} outcome chart</Link>
      </p>
      <p>
        <Link to={`/patients/${patient}/journey`}>Back to the patient&apos;s journey</Link>
      </p>
    </>
  );
}
