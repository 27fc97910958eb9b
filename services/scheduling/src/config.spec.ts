import { describeServiceConfig } from '@stepwell/service-host/testing';
import { loadSchedulingConfig } from './config';

describeServiceConfig('scheduling', loadSchedulingConfig, 3002);
