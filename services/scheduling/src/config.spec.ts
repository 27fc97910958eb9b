import { describeServiceConfig, describeTestClockConfig } from '@stepwell/service-host/testing';
import { loadSchedulingConfig } from './config';

describeServiceConfig('scheduling', loadSchedulingConfig, 3002);

describeTestClockConfig('scheduling', loadSchedulingConfig);
