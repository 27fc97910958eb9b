import { describeServiceConfig } from '@stepwell/service-host/testing';
import { loadDirectoryConfig } from './config';

describeServiceConfig('directory', loadDirectoryConfig, 3005);
