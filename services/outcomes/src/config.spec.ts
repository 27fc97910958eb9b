import { describeServiceConfig } from '@stepwell/service-host/testing';
import { loadOutcomesConfig } from './config';

describeServiceConfig('outcomes', loadOutcomesConfig, 3004);
