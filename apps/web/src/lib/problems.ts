/**
 * RFC 9457 problems from the services, turned into what the NHS design system's error summary shows: one line per
 * field the problem names, each linking to that field on the form when the form has it, else the problem's detail.
 * Some statuses get words a clinician can act on instead of the protocol's.
 */
export interface FieldError {
  field: string;
  messages: string[];
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface ErrorSummaryItem {
  text: string;
  /** `#<element id>` of the field, when the form on screen has one. */
  href?: string;
}

export interface ErrorSummaryModel {
  title: string;
  items: ErrorSummaryItem[];
}

/** The element id a form gives the input for an API field: `patient.nhsNumber` → `field-patient-nhsNumber`. */
export const fieldId = (field: string): string => `field-${field.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;

/** Plain-English lines for statuses whose protocol words do not tell a clinician what to do. */
export function explainStatus(problem: Problem): string | null {
  switch (problem.status) {
    case 401:
      return 'Your session has ended. Log in again.';
    case 403:
      return 'Your role or organisation is not allowed to do this.';
    case 404:
      return 'Not found, or you have no access to it: only organisations caring for this person can see it.';
    case 409:
      return 'This was already decided differently. Reload the page to see the current decision.';
    case 412:
      return 'Someone else changed this record after you opened it, so your decision was not saved. Reload the page, check what changed, then decide again.';
    case 428:
      return 'The record version was missing, so nothing was saved. Reload the page and try again.';
    case 429:
    case 503:
      return 'The service is busy. Wait a moment and try again; nothing was saved.';
    default:
      return null;
  }
}

/**
 * The error summary for a problem. `formFields` are the API field names the form on screen has an input for:
 * only those get a link (a link to nothing would strand a keyboard user).
 */
/** Each field a problem names, with its messages as one sentence: what the form shows under the field. */
export function fieldErrorsOf(problem: Problem): Record<string, string | undefined> {
  return Object.fromEntries((problem.errors ?? []).map((e) => [e.field, e.messages.join('. ')]));
}

export function errorSummaryOf(problem: Problem, formFields: readonly string[] = []): ErrorSummaryModel {
  const known = new Set(formFields);
  const fieldItems: ErrorSummaryItem[] = (problem.errors ?? []).map((error) => {
    const text = error.messages.length > 0 ? error.messages.join('. ') : `${error.field} is not valid`;
    const field = linkableField(error.field, known);
    return field ? { text, href: `#${fieldId(field)}` } : { text };
  });
  if (fieldItems.length > 0) return { title: 'There is a problem', items: fieldItems };
  const explained = explainStatus(problem);
  const items: ErrorSummaryItem[] = [];
  if (explained) items.push({ text: explained });
  if (problem.detail && problem.detail !== explained) items.push({ text: problem.detail });
  if (items.length === 0) items.push({ text: problem.title });
  return { title: 'There is a problem', items };
}

/** The field itself, or its nearest parent the form has (`riskIndicators.selfHarm` → `riskIndicators`). */
function linkableField(field: string, known: ReadonlySet<string>): string | null {
  for (let name = field; name !== ''; name = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : '') {
    if (known.has(name)) return name;
  }
  return null;
}

/** A response that is not a problem document (a proxy's HTML, a network failure) as a problem. */
export function problemFromUnexpected(status: number, text: string): Problem {
  return { title: status === 0 ? 'The service could not be reached' : `Unexpected answer (${status})`, status, detail: text.slice(0, 200) };
}
