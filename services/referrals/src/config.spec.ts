import { describeServiceConfig, describeTestClockConfig } from '@stepwell/service-host/testing';
import { loadReferralsConfig } from './config';

describeServiceConfig('referrals', loadReferralsConfig, 3001);
describeTestClockConfig('referrals', loadReferralsConfig);

describe('SUBJECT_ACCESS_SOURCES (the subject access export)', () => {
  const base = { DATABASE_URL: 'postgres://localhost/x' };
  it('takes name=url items of the four other services', () => {
    const config = loadReferralsConfig(3001, { ...base, SUBJECT_ACCESS_SOURCES: 'scheduling=http://127.0.0.1:3002,directory=https://directory.example/' });
    expect(config.SUBJECT_ACCESS_SOURCES).toEqual(['scheduling=http://127.0.0.1:3002', 'directory=https://directory.example/']);
  });

  it('refuses an unknown service or a value that is not a URL, naming the variable', () => {
    for (const value of ['referrals=http://x', 'scheduling=ftp://x', 'scheduling']) {
      expect(() => loadReferralsConfig(3001, { ...base, SUBJECT_ACCESS_SOURCES: value })).toThrow(/SUBJECT_ACCESS_SOURCES/);
    }
  });
});
