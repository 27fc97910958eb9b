import { RateLimitedError, RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows the limit per address per window, refuses the next with a Retry-After, and allows again in a new window', () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 1000 });
    limiter.take('a', 0);
    limiter.take('a', 100);
    limiter.take('b', 100);
    expect(() => limiter.take('a', 400)).toThrow(RateLimitedError);
    try {
      limiter.take('a', 400);
    } catch (error) {
      expect((error as RateLimitedError).headers).toEqual({ 'Retry-After': '1' });
    }
    expect(() => limiter.take('a', 1000)).not.toThrow();
  });
});
