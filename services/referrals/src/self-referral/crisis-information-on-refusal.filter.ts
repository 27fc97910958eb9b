import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { CRISIS_INFORMATION } from '@stepwell/contracts';
import { DEFAULT_ERROR_MAPPINGS, ProblemDetailsFilter } from '@stepwell/http';
import { REFERRALS_ERROR_MAPPINGS } from '../shared/referrals-error-mappings';

interface ProblemResponse {
  send(body: string): unknown;
}

/** "Suicidal thoughts" ticked on the raw form: true only for the documented object with the answer `true`. */
export function suicidalThoughtsTicked(body: unknown): boolean {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
  const risk = (body as { riskIndicators?: unknown }).riskIndicators;
  return risk !== null && typeof risk === 'object' && !Array.isArray(risk) && (risk as { suicidalThoughts?: unknown }).suicidalThoughts === true;
}

/**
 * Issue 12 items 9–10 on the anonymous self-referral form: a person who ticks "suicidal thoughts" is shown where to
 * get help at once even when the form is refused (a missing answer, the rate limit, an unknown service): the problem
 * document is the usual one (same status, same fields) with `crisisInformation` beside them. Runs before the global
 * problem filter for this controller only; the request body is read, never logged.
 */
@Catch()
export class CrisisInformationOnRefusalFilter implements ExceptionFilter {
  private readonly problems = new ProblemDetailsFilter({ ...DEFAULT_ERROR_MAPPINGS, ...REFERRALS_ERROR_MAPPINGS }, new Logger('ProblemDetails'));

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<{ body?: unknown }>();
    if (suicidalThoughtsTicked(request.body)) {
      const response = http.getResponse<ProblemResponse>();
      const send = response.send.bind(response);
      response.send = (body: string) => {
        response.send = send;
        return send(JSON.stringify({ ...(JSON.parse(body) as object), crisisInformation: CRISIS_INFORMATION }));
      };
    }
    this.problems.catch(exception, host);
  }
}
