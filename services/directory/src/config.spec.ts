import { describeServiceConfig, describeTestClockConfig } from '@stepwell/service-host/testing';
import { loadDirectoryConfig } from './config';

describeServiceConfig('directory', loadDirectoryConfig, 3005);
describeTestClockConfig('directory', loadDirectoryConfig);
