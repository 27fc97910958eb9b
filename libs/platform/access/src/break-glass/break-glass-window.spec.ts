import { loadConfig } from '@stepwell/config';
import { authVariables } from '../authentication/auth-variables';

describe('BREAK_GLASS_WINDOW_MINUTES', () => {
  it('defaults to four hours', () => {
    expect(loadConfig(authVariables(), {}).BREAK_GLASS_WINDOW_MINUTES).toBe(240);
  });

  it('takes a window from 5 minutes to a day', () => {
    expect(loadConfig(authVariables(), { BREAK_GLASS_WINDOW_MINUTES: '30' }).BREAK_GLASS_WINDOW_MINUTES).toBe(30);
  });

  it.each([['0'], ['4'], ['1441'], ['two hours']])('refuses %s, naming the variable', (value) => {
    expect(() => loadConfig(authVariables(), { BREAK_GLASS_WINDOW_MINUTES: value })).toThrow(/BREAK_GLASS_WINDOW_MINUTES/);
  });
});
