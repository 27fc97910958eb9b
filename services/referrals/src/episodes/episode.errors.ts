import { NotFoundError } from '@stepwell/decider';

/** No care episode with this id was opened (404; the same answer whatever the caller may see): the one NotFoundError. */
export class EpisodeNotFoundError extends NotFoundError<'EPISODE_NOT_FOUND'> {
  constructor() {
    super('EPISODE_NOT_FOUND', 'No care episode with this id');
  }
}
