/** No care episode with this id was opened (404; the same answer whatever the caller may see). */
export class EpisodeNotFoundError extends Error {
  readonly code = 'EPISODE_NOT_FOUND' as const;

  constructor() {
    super('No care episode with this id');
    this.name = 'EpisodeNotFoundError';
  }
}
