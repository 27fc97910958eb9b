import { describeServiceConfig } from '@stepwell/service-host/testing';
import { loadReferralsConfig } from './config';

describeServiceConfig('referrals', loadReferralsConfig, 3001);
