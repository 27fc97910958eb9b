import { describeServiceConfig, describeTestClockConfig } from '@stepwell/service-host/testing';
import { loadOutcomesConfig } from './config';

describeServiceConfig('outcomes', loadOutcomesConfig, 3004);
describeTestClockConfig('outcomes', loadOutcomesConfig);

describe('outcomes risk alert configuration', () => {
  it('escalates after 60 minutes, checking every 60 seconds, unless told otherwise', () => {
    expect(loadOutcomesConfig(undefined, { DATABASE_URL: 'postgres://localhost/x' })).toMatchObject({
      RISK_ALERT_ACKNOWLEDGE_WITHIN_MINUTES: 60,
      RISK_ALERT_CHECK_EVERY_SECONDS: 60,
    });
    expect(
      loadOutcomesConfig(undefined, { DATABASE_URL: 'postgres://localhost/x', RISK_ALERT_ACKNOWLEDGE_WITHIN_MINUTES: '15', RISK_ALERT_CHECK_EVERY_SECONDS: '0' }),
    ).toMatchObject({ RISK_ALERT_ACKNOWLEDGE_WITHIN_MINUTES: 15, RISK_ALERT_CHECK_EVERY_SECONDS: 0 });
  });

  it('refuses an escalation limit of 0 minutes: an alert must be given time, but never forever', () => {
    expect(() => loadOutcomesConfig(undefined, { DATABASE_URL: 'postgres://localhost/x', RISK_ALERT_ACKNOWLEDGE_WITHIN_MINUTES: '0' })).toThrow(
      /RISK_ALERT_ACKNOWLEDGE_WITHIN_MINUTES: must be at least 1/,
    );
  });
});
