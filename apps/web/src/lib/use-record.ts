import { useCallback, useEffect, useState } from 'react';
import { api, ApiProblem } from './api';
import type { Problem } from './problems';

/** A record as read, with the ETag a change sends back as If-Match. */
export interface RecordRead<T> {
  body: T;
  etag: string | null;
}

/**
 * One record of a service, read when the page opens (and again on `reload`). A 400, 403 or 404 is "not found" for
 * the page, as the services answer a stranger exactly as an unknown id; any other problem is kept for the page's
 * error summary, where the page's own actions put theirs too (`setProblem`). `setRecord` takes a change's answer
 * without another read.
 */
export function useRecord<T>(path: string, notFound: () => void) {
  const [record, setRecord] = useState<RecordRead<T> | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const reload = useCallback(() => {
    api<T>(path)
      .then((answer) => setRecord({ body: answer.body, etag: answer.etag }))
      .catch((error: unknown) => {
        if (!(error instanceof ApiProblem)) throw error;
        if ([400, 403, 404].includes(error.problem.status)) notFound();
        else setProblem(error.problem);
      });
  }, [path, notFound]);
  useEffect(reload, [reload]);
  return { record, setRecord, problem, setProblem, reload };
}
